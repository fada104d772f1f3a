"""Open-data downloads: every published association as CSV and JSON under CC BY 4.0."""

import csv
import io
import re

import pytest
from wagtail.rich_text import RichText

from associations.factories import AssociationPageFactory
from associations.importer import COLUMNS, read_rows
from associations.models import Category, TargetGroup
from home.factories import publish

pytestmark = pytest.mark.django_db

CSV_URL = "/fi/associations/open-data.csv"
JSON_URL = "/fi/associations/open-data.json"


def association(parent, number):
    page = AssociationPageFactory(parent=parent, title=f"Yhdistys {number} ry", business_id="")
    page.categories = list(Category.objects.filter(locale__language_code="fi")[:2])
    page.target_groups = list(TargetGroup.objects.filter(locale__language_code="fi")[:1])
    page.save_revision().publish()
    return page


def test_csv_download(client, association_index):
    association(association_index, 1)

    response = client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="associations.csv"'
    assert "https://creativecommons.org/licenses/by/4.0/" in response["Link"]
    assert 'rel="license"' in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))
    assert list(rows[0]) == COLUMNS
    assert rows[0]["name_fi"] == "Yhdistys 1 ry"
    assert rows[0]["municipality"] == "297"


def test_csv_is_for_spreadsheets_and_reads_back_into_the_import(client, association_index):
    page = AssociationPageFactory(
        parent=association_index,
        title="Sääksjärven Äänekkäät ry",
        business_id="",
        summary="=1+2",
        phone="+358 40 123 4567",
        street_address="@SUM(A1:A2)",
        post_office="-Kuopio",
        description=[
            ("paragraph", RichText("<p>Ensimmäinen kappale.</p>")),
            ("paragraph", RichText("<p>Toinen.</p>")),
        ],
    )
    publish(page)

    body = client.get(CSV_URL).content

    # Excel reads UTF-8 (ä, ö) only with the byte order mark; RFC 4180 lines end with CRLF, and so do the
    # line breaks inside a cell, so no bare line feed is left anywhere.
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.endswith(b"\r\n") and body.count(b"\r\n") >= 3
    assert re.search(rb"(?<!\r)\n", body) is None
    [header, cells] = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    row = dict(zip(header, cells, strict=True))
    assert row["name_fi"] == "Sääksjärven Äänekkäät ry"
    # Text a spreadsheet would run as a formula keeps an apostrophe in front.
    assert (row["summary_fi"], row["phone"], row["street_address"], row["post_office"]) == (
        "'=1+2",
        "'+358 40 123 4567",
        "'@SUM(A1:A2)",
        "'-Kuopio",
    )
    assert row["description_fi"] == "Ensimmäinen kappale.\r\n\r\nToinen."
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)

    # The importer reads the download as the data it came from: the same values as the JSON download has.
    [read] = read_rows(body, "csv")
    assert read.errors == []
    expected = client.get(JSON_URL).json()["associations"][0]
    assert read.values == {
        column: ";".join(value) if isinstance(value, list) else "" if value is None else str(value)
        for column, value in expected.items()
    }
    assert (read.values["summary_fi"], read.values["phone"], read.values["street_address"]) == (
        "=1+2",
        "+358 40 123 4567",
        "@SUM(A1:A2)",
    )
    assert read.values["description_fi"] == "Ensimmäinen kappale.\n\nToinen."


def test_json_download_names_the_licence(client, association_index):
    association(association_index, 1)

    response = client.get(JSON_URL)

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="associations.json"'
    data = response.json()
    assert data["license"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    assert [item["name_fi"] for item in data["associations"]] == ["Yhdistys 1 ry"]
    assert len(data["associations"][0]["categories"]) == 2


def test_swedish_address_serves_the_same_data(client, association_index):
    association(association_index, 1)
    response = client.get("/sv/associations/open-data.csv")
    assert response.status_code == 200
    assert "Yhdistys 1 ry" in response.content.decode("utf-8")


def test_unpublished_associations_are_left_out(client, association_index):
    association(association_index, 1)
    association(association_index, 2).unpublish()
    data = client.get(JSON_URL).json()
    assert [item["name_fi"] for item in data["associations"]] == ["Yhdistys 1 ry"]


def test_only_reading_is_allowed(client, association_index):
    assert client.post(CSV_URL).status_code == 405


@pytest.mark.parametrize("url", [CSV_URL, JSON_URL])
def test_query_count_does_not_grow_with_the_associations(
    client, association_index, django_assert_max_num_queries, url
):
    association(association_index, 1)
    with django_assert_max_num_queries(6):
        assert client.get(url).status_code == 200
    for number in range(2, 12):
        association(association_index, number)
    with django_assert_max_num_queries(6):
        response = client.get(url)
    assert response.status_code == 200
    assert "Yhdistys 11 ry" in response.content.decode("utf-8")

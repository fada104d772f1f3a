"""Open-data downloads: every published association as CSV and JSON under CC BY 4.0."""

import csv
import io

import pytest

from associations.factories import AssociationPageFactory
from associations.importer import COLUMNS
from associations.models import Category, TargetGroup

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
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert list(rows[0]) == COLUMNS
    assert rows[0]["name_fi"] == "Yhdistys 1 ry"
    assert rows[0]["municipality"] == "297"


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

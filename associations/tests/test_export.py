"""export_associations: the published associations in the import columns, and back again."""

import csv
import io
import json

import pytest
from django.core.management import call_command

from associations.factories import AssociationPageFactory
from associations.generator import generate_rows
from associations.importer import COLUMNS
from associations.models import AssociationPage
from home.spreadsheets import BYTE_ORDER_MARK, unescape_cell

pytestmark = pytest.mark.django_db

ROWS = [
    {
        "name_fi": "Kuopion Latu ry",
        "name_sv": "Kuopio Latu rf",
        "business_id": "0737546-2",
        "register_number": "123456",
        "municipality": "297",
        "categories": "kulttuuri;liikunta",
        "target_groups": "kaikki;nuoret",
        "summary_fi": "Ulkoilua ympäri vuoden.",
        "summary_sv": "Friluftsliv året runt.",
        "description_fi": "Hiihtoa & retkiä.\nJoka viikko.\n\nLatu <kaikille>.",
        "description_sv": "Skidåkning och utflykter.\n\nSpår för alla.",
        "email": "info@latu.example.fi",
        "phone": "+358 40 123 4567",
        "website": "https://latu.example.fi",
        "street_address": "Kauppakatu 1",
        "postal_code": "70100",
        "post_office": "Kuopio",
        "founded_year": "1985",
        "member_count": "250",
        "languages": "fi;sv;other",
        "latitude": "62.892300",
        "longitude": "27.678200",
    },
    {
        "name_fi": "Iisalmen Omaishoitajat ry",
        "municipality": "140",
        "summary_fi": "Tukea omaishoitajille.",
        "categories": "sosiaali-ja-terveys",
    },
]


def write_csv(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def export(*args):
    stdout = io.StringIO()
    call_command("export_associations", *args, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue()


def read_csv_export(text):
    """The rows of an exported CSV, which starts with a byte order mark for spreadsheet programs."""
    assert text.startswith(BYTE_ORDER_MARK)
    return list(csv.DictReader(io.StringIO(text.removeprefix(BYTE_ORDER_MARK), newline="")))


def import_file(path, capture, run_worker):
    """Import as the command and then the background worker (the Swedish translations) would."""
    with capture(execute=True):
        call_command("import_associations", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    run_worker()


def empty_directory():
    for page in AssociationPage.objects.order_by("-depth"):
        page.delete()


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_export_then_import_into_an_empty_directory_reproduces_the_associations(
    association_index, tmp_path, django_capture_on_commit_callbacks, run_worker, file_format
):
    rows = [*ROWS, *generate_rows(3, seed=7)]
    import_file(write_csv(tmp_path / "source.csv", rows), django_capture_on_commit_callbacks, run_worker)
    exported = tmp_path / f"export.{file_format}"
    call_command("export_associations", output=str(exported), stderr=io.StringIO())
    first = exported.read_bytes().decode("utf-8")  # as written: CRLF in the CSV

    empty_directory()
    assert not AssociationPage.objects.exists()
    import_file(exported, django_capture_on_commit_callbacks, run_worker)

    assert AssociationPage.objects.filter(locale__language_code="fi", live=True).count() == 5
    assert AssociationPage.objects.filter(locale__language_code="sv", live=True).count() == 4
    assert export("--format", file_format) == first


def test_csv_export_has_the_import_columns(
    association_index, tmp_path, django_capture_on_commit_callbacks, run_worker
):
    import_file(write_csv(tmp_path / "source.csv", ROWS), django_capture_on_commit_callbacks, run_worker)

    rows = read_csv_export(export())

    assert list(rows[0]) == COLUMNS
    latu = next(row for row in rows if row["name_fi"] == "Kuopion Latu ry")
    # "+358 40 123 4567" gets an apostrophe so that a spreadsheet keeps it text, and line breaks in a cell
    # are CRLF as the ends of lines are; the import undoes both.
    assert latu["phone"] == "'+358 40 123 4567"
    assert latu["description_sv"] == "Skidåkning och utflykter.\r\n\r\nSpår för alla."
    assert {column: unescape_cell(cell) for column, cell in latu.items()} == ROWS[0]


def test_json_export_has_lists_and_numbers(
    association_index, tmp_path, django_capture_on_commit_callbacks, run_worker
):
    import_file(write_csv(tmp_path / "source.csv", ROWS), django_capture_on_commit_callbacks, run_worker)

    data = json.loads(export("--format", "json"))

    latu = next(item for item in data if item["name_fi"] == "Kuopion Latu ry")
    assert latu["categories"] == ["kulttuuri", "liikunta"]
    assert latu["languages"] == ["fi", "sv", "other"]
    assert (latu["founded_year"], latu["latitude"]) == (1985, 62.8923)
    other = next(item for item in data if item["name_fi"] == "Iisalmen Omaishoitajat ry")
    assert (other["name_sv"], other["member_count"], other["latitude"]) == ("", None, None)


def test_unpublished_associations_are_not_exported(association_index):
    AssociationPageFactory(parent=association_index, title="Julkaistu ry")
    draft = AssociationPageFactory(parent=association_index, title="Luonnos ry")
    draft.unpublish()

    names = [row["name_fi"] for row in read_csv_export(export())]

    assert names == ["Julkaistu ry"]

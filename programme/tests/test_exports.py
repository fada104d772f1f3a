"""The actions as CSV and XLSX: every action once, the agreed columns, filters, and no formulas."""

import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from home.factories import publish
from home.spreadsheets import unescape_cell
from programme.factories import (
    ProgrammePageFactory,
    action_data,
    goal_data,
    theme_data,
    themes_with_actions,
    update_data,
)

pytestmark = pytest.mark.django_db

COLUMNS = [
    "Theme",
    "Goal",
    "Action",
    "Start",
    "End",
    "Status",
    "Responsible parties",
    "Indicators",
    "Latest update",
]


def headers(language):
    with translation.override(language):
        return [translation.pgettext("programme", name) for name in COLUMNS]


def read_csv(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # spreadsheet programs need the byte order mark for ä and ö
    return list(csv.reader(io.StringIO(text[1:])))


def read_xlsx(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    return sheet, [
        [cell if cell is not None else "" for cell in row] for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture
def programme(home_page, latu):
    return publish(
        ProgrammePageFactory(
            parent=home_page,
            slug="ohjelma",
            themes=[
                theme_data(
                    "Osallisuus",
                    goal_data(
                        "Ääni kuuluu",
                        action_data(
                            "Edustus hyvinvointiryhmiin",
                            start=(2025, 1),
                            end=(2025, 4),
                            status="done",
                            associations=[latu],
                            others=["Alueen kunnat"],
                            indicators=["Edustus 19 kunnassa", "Varaedustajat nimetty"],
                            updates=[
                                update_data("2025-05-12", "Edustajat 12 kunnassa.", "in_progress"),
                                update_data("2025-12-01", "Kaikissa kunnissa.", "done"),
                            ],
                        ),
                        action_data("Foorumi", start=(2026, None), end=(2027, None), status="agreed"),
                    ),
                ),
                theme_data(
                    "Vapaaehtoisuus",
                    goal_data(
                        "Uusia vapaaehtoisia",
                        action_data(
                            "Kampanja",
                            start=(2027, 2),
                            end=(2027, 2),
                            status="proposed",
                            others=['=HYPERLINK("http://example.com")'],
                            indicators=["+358 tekstiviestit", "-10 % poisjääneitä"],
                        ),
                    ),
                ),
            ],
        )
    )


def test_csv_has_a_row_per_action_with_the_agreed_columns(client, programme, latu):
    rows = read_csv(client.get("/fi/ohjelma/export/csv/"))
    with translation.override("fi"):
        done, agreed, proposed = (
            translation.pgettext("programme", s) for s in ("Done", "Agreed", "Proposed")
        )
    assert rows == [
        headers("fi"),
        [
            "1. Osallisuus",
            "1.1 Ääni kuuluu",
            "1.1.1 Edustus hyvinvointiryhmiin",
            "Q1/2025",
            "Q4/2025",
            done,
            "Kuopion Latu ry; Alueen kunnat",
            "Edustus 19 kunnassa; Varaedustajat nimetty",
            "01.12.2025: Kaikissa kunnissa.",  # the latest update, not the first one
        ],
        ["1. Osallisuus", "1.1 Ääni kuuluu", "1.1.2 Foorumi", "2026", "2027", agreed, "", "", ""],
        [
            "2. Vapaaehtoisuus",
            "2.1 Uusia vapaaehtoisia",
            "2.1.1 Kampanja",
            "Q2/2027",
            "Q2/2027",
            proposed,
            '\'=HYPERLINK("http://example.com")',
            "'+358 tekstiviestit; -10 % poisjääneitä",
            "",
        ],
    ]
    assert 'filename="ohjelma-fi.csv"' in client.get("/fi/ohjelma/export/csv/")["Content-Disposition"]


def test_xlsx_has_the_same_rows_and_no_formulas(client, programme):
    csv_rows = read_csv(client.get("/fi/ohjelma/export/csv/"))
    sheet, rows = read_xlsx(client.get("/fi/ohjelma/export/xlsx/"))
    # CSV keeps formula-looking text text with an apostrophe; XLSX writes it as a string cell as it is.
    assert rows == [[unescape_cell(cell) for cell in row] for row in csv_rows]
    assert rows[0] == headers("fi")
    formula_cells = [cell.coordinate for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]
    assert formula_cells == []
    assert sheet["G4"].value == '=HYPERLINK("http://example.com")'
    assert sheet["G4"].data_type == "s"


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_large_export_has_every_action_exactly_once(client, home_page, extension):
    publish(ProgrammePageFactory(parent=home_page, slug="iso", themes=themes_with_actions(30)))
    response = client.get(f"/fi/iso/export/{extension}/")
    rows = read_csv(response) if extension == "csv" else read_xlsx(response)[1]
    titles = [row[2].split(" ", 1)[1] for row in rows[1:]]
    assert len(titles) == 30
    assert sorted(titles) == sorted(f"Toimenpide {n}" for n in range(30))


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_filters_apply_to_exports(client, programme, latu, extension):
    def actions(query):
        response = client.get(f"/fi/ohjelma/export/{extension}/", query)
        rows = read_csv(response) if extension == "csv" else read_xlsx(response)[1]
        return [row[2] for row in rows[1:]]

    assert actions({"status": "agreed"}) == ["1.1.2 Foorumi"]
    assert actions({"year": "2027"}) == ["1.1.2 Foorumi", "2.1.1 Kampanja"]
    assert actions({"association": str(latu.pk)}) == ["1.1.1 Edustus hyvinvointiryhmiin"]
    theme = programme.programme().themes[1].id
    assert actions({"theme": theme}) == ["2.1.1 Kampanja"]
    # No action matches: the header row alone.
    assert actions({"status": "cancelled"}) == []


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_export_with_a_bad_filter_is_a_400_that_says_why(client, programme, extension):
    response = client.get(f"/fi/ohjelma/export/{extension}/", {"year": "1800"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "1800" in response.content.decode()
    assert "year" in response.content.decode()


def test_export_is_in_the_pages_language(client, programme, swedish_site, translate):
    translate(programme, {"ohjelma": "program", "Kampanja": "Kampanj", "Osallisuus": "Delaktighet"})
    rows = read_csv(client.get("/sv/program/export/csv/"))
    assert rows[0] == headers("sv")
    assert [row[0] for row in rows[1:]] == ["1. Delaktighet", "1. Delaktighet", "2. Vapaaehtoisuus"]
    assert rows[3][2] == "2.1.1 Kampanj"
    assert client.get("/sv/program/export/csv/")["Content-Disposition"].endswith('filename="program-sv.csv"')

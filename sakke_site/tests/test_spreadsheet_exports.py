"""Every CSV and XLSX the service writes is formula-safe and survives stored control characters.

The data carries formula-looking values (`=cmd|'/ccalc'!A0@example.fi`, `@Latu ry`, `+358 40 123 4567`)
and control characters stored before they were stripped on input; every producer is asked for its file:
CSV cells that a spreadsheet would run start with an apostrophe, XLSX has string cells and no formulas,
and neither has a control character or answers 500. A second test finds the producers in the source, so a
new one that bypasses home/spreadsheets.py fails here.
"""

import csv
import datetime
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin

from associations.factories import AssociationPageFactory
from associations.models import AssociationSurveyPage, SurveyFormField, SurveySubmission
from associations.models.survey import personal_link_token
from home.factories import publish
from home.spreadsheets import FORMULA_STARTS, NEGATIVE_NUMBER
from home.text_input import has_control_characters
from news.models import Subscriber
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data
from stats.models import StatisticsPage

pytestmark = pytest.mark.django_db

EMAIL = "=cmd|'/ccalc'!A0@example.fi"
PHONE = "+358 40 123 4567"
TITLE = "@Latu\x01 ry"  # stored with a control character, as before input was cleaned
SHOWN_TITLE = "@Latu ry"
GREETING = "=1+1\x02"
PARTNER = '=HYPERLINK("http://example.com")'


@pytest.fixture
def world(client, superuser, home_page, association_index, django_capture_on_commit_callbacks):
    """Content with formula-looking values and control characters in every exported place."""
    association = publish(
        AssociationPageFactory(
            parent=association_index, title=TITLE, slug="latu", email=EMAIL, phone=PHONE, last_checked=None
        )
    )
    # In moderation and locked: the workflow and locked-pages reports list it too.
    association.get_workflow().start(association, superuser)
    association.locked, association.locked_by = True, superuser
    association.save()

    survey = AssociationSurveyPage(
        title="Yhdistyskysely",
        slug="kysely",
        introduction="Kerro.",
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        thank_you_text="<p>Kiitos</p>",
    )
    survey.form_fields = [
        SurveyFormField(label="Jäsenmäärä", field_type="number", show_in_statistics=True, sort_order=0),
        SurveyFormField(label="Terveiset", field_type="multiline", required=False, sort_order=1),
    ]
    home_page.add_child(instance=survey)
    survey = publish(survey)
    answer = {
        "association": str(association.translation_key),
        "token": personal_link_token(survey, association),
        "jasenmaara": "12",
        "terveiset": "tervehdys",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(survey.url, answer).status_code == 200
    submission = SurveySubmission.objects.get()
    submission.form_data = {**submission.form_data, "terveiset": GREETING}
    submission.save()

    statistics = StatisticsPage(title="Tilastot", slug="tilastot")
    home_page.add_child(instance=statistics)
    publish(statistics)

    partners = action_data("Kampanja", start=(2027, 2), end=(2027, 2), status="proposed", others=[PARTNER])
    publish(
        ProgrammePageFactory(
            parent=home_page, slug="ohjelma", themes=[theme_data("Teema", goal_data("Tavoite", partners))]
        )
    )
    Subscriber.objects.create(email=EMAIL, language="fi")
    client.force_login(superuser)
    return {"survey": survey}


def command(name, *args):
    stdout = io.StringIO()
    call_command(name, *args, stdout=stdout, stderr=io.StringIO())
    return stdout.getvalue().encode("utf-8")


def download(client, url, params=None):
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


# name: (format, how to get the file, values that must be in it as typed)
PRODUCERS = {
    "open data CSV": (
        "csv",
        lambda c, w: download(c, "/fi/associations/open-data.csv"),
        [SHOWN_TITLE, EMAIL],
    ),
    "export_associations": ("csv", lambda c, w: command("export_associations"), [SHOWN_TITLE, EMAIL, PHONE]),
    "survey_links": ("csv", lambda c, w: command("survey_links", str(w["survey"].pk)), [SHOWN_TITLE, EMAIL]),
    "survey links download": (
        "csv",
        lambda c, w: download(c, f"/admin/associations/survey/{w['survey'].pk}/links.csv"),
        [SHOWN_TITLE, EMAIL],
    ),
    "newsletter subscribers": ("both", "/admin/snippets/news/subscriber/", [EMAIL]),
    "profiles to check": ("both", "/admin/reports/stale-associations/", [SHOWN_TITLE, EMAIL, PHONE]),
    "survey answers": ("both", lambda c, w: f"/admin/forms/submissions/{w['survey'].pk}/", ["=1+1"]),
    "site history": ("both", "/admin/reports/site-history/", [SHOWN_TITLE]),
    "workflows": ("both", "/admin/reports/workflow/", [SHOWN_TITLE]),
    "workflow tasks": ("both", "/admin/reports/workflow_tasks/", [SHOWN_TITLE]),
    "aging pages": ("both", "/admin/reports/aging-pages/", [SHOWN_TITLE]),
    "locked pages": ("both", "/admin/reports/locked/", [SHOWN_TITLE]),
    "programme CSV": ("csv", lambda c, w: download(c, "/fi/ohjelma/export/csv/"), [PARTNER]),
    "programme XLSX": ("xlsx", lambda c, w: download(c, "/fi/ohjelma/export/xlsx/"), [PARTNER]),
    "statistics CSV": ("csv", lambda c, w: download(c, "/fi/tilastot/csv/"), []),
    "statistics XLSX": ("xlsx", lambda c, w: download(c, "/fi/tilastot/xlsx/"), []),
}


def cases():
    for name, (file_format, source, values) in PRODUCERS.items():
        if file_format != "both":
            yield pytest.param(file_format, source, values, id=name)
            continue
        for extension in ("csv", "xlsx"):

            def get(client, world, source=source, extension=extension):
                url = source(client, world) if callable(source) else source
                return download(client, url, {"export": extension})

            yield pytest.param(extension, get, values, id=f"{name} {extension}")


def csv_cells(data):
    text = data.decode("utf-8-sig")
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def xlsx_cells(data):
    workbook = load_workbook(io.BytesIO(data))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize(("file_format", "get", "values"), list(cases()))
def test_every_export_is_formula_safe_and_free_of_control_characters(client, world, file_format, get, values):
    data = get(client, world)
    if file_format == "csv":
        cells = csv_cells(data)
        formulas = [
            cell for cell in cells if cell.startswith(FORMULA_STARTS) and not NEGATIVE_NUMBER.fullmatch(cell)
        ]
        assert formulas == []
        for value in values:
            assert "'" + value in cells  # a leading apostrophe keeps it text
    else:
        cells = xlsx_cells(data)
        assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
        texts = {cell.value: cell.data_type for cell in cells if isinstance(cell.value, str)}
        for value in values:
            assert texts.get(value) == "s", value  # as typed, and a string cell
        cells = list(texts)
    assert [cell for cell in cells if has_control_characters(cell)] == []


EXPORT_MODULE = Path(settings.BASE_DIR, "home", "spreadsheets.py")
APP_DIRECTORIES = ("home", "search", "associations", "news", "programme", "sakke_site")


def project_modules():
    for directory in APP_DIRECTORIES:
        for path in Path(settings.BASE_DIR, directory).rglob("*.py"):
            if "tests" not in path.parts and "migrations" not in path.parts:
                yield path


def test_every_spreadsheet_is_written_through_home_spreadsheets():
    """CSV is written with `csv_writer`/`csv_response`, XLSX rows with `xlsx_row`, and Wagtail's own
    downloads (every `SpreadsheetExportMixin` view) through the guard installed at startup."""
    bypasses = []
    for path in project_modules():
        if path == EXPORT_MODULE:
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"csv\.(writer|DictWriter)\(", source):
            bypasses.append(f"{path.relative_to(settings.BASE_DIR)}: csv.writer")
        uses_openpyxl = re.search(r"^\s*(from|import) openpyxl", source, re.MULTILINE)
        if uses_openpyxl and "xlsx_row(" not in source:
            bypasses.append(f"{path.relative_to(settings.BASE_DIR)}: openpyxl without xlsx_row")
        if uses_openpyxl and re.search(r"\.append\(\[[^\]]", source):
            bypasses.append(f"{path.relative_to(settings.BASE_DIR)}: a sheet row without xlsx_row")
    assert bypasses == []
    assert SpreadsheetExportMixin.formula_safe

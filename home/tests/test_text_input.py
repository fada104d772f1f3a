"""Control characters never get in (stripped from every POST, refused in query parameters), names must be
visible, and the spreadsheet cells the service writes are formula-safe (home/text_input.py,
home/spreadsheets.py, sakke_site/middleware.py)."""

import csv
import io
import json

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text

from home.models import StandardPage
from home.spreadsheets import csv_writer, safe_cell, unescape_cell, xlsx_row
from home.text_input import clean_submitted_text, clean_text, validate_visible_name

ZERO_WIDTH_NAMES = ["\u200b", "\u200b\u200b\u200b", " \u200c\u200d\ufeff ", "\u2060", "\u3164"]
BIDI_NAMES = ["Kuopion \u202eyr nipouK", "Latu \u2066ry\u2069", "\u202aLatu ry\u202c"]


def test_clean_text_strips_c0_controls_but_tab_and_line_breaks():
    assert clean_text("Control\x01char news") == "Controlchar news"
    assert clean_text("a\x00b\x08c\x0bd\x0ce\x1ff\x7f") == "abcdef\x7f"
    assert clean_text("rivi\tsarake\r\nrivi\n") == "rivi\tsarake\r\nrivi\n"
    assert clean_text(None) is None and clean_text(12) == 12


def test_the_stripped_characters_are_exactly_those_xml_cannot_hold():
    # openpyxl refuses these in a cell and Django's feed writer in XML; the same set is stripped on input.
    for code in range(0x20):
        character = chr(code)
        assert (clean_text(character) == "") == bool(ILLEGAL_CHARACTERS_RE.match(character)), hex(code)


def test_json_values_lose_escaped_control_characters_but_keep_the_rest():
    content_state = json.dumps({"blocks": [{"text": "Otsikko\x01 \\u0001 tässä", "type": "unstyled"}]})
    assert "\\u0001" in content_state  # as the rich text editor posts it
    cleaned = json.loads(clean_submitted_text(content_state))
    assert cleaned == {"blocks": [{"text": "Otsikko \\u0001 tässä", "type": "unstyled"}]}
    assert clean_submitted_text('{"a": "\\u00e4"}') == '{"a": "\\u00e4"}'  # nothing to clean, unchanged
    assert clean_submitted_text("[ei json \\u0001") == "[ei json \\u0001"


def test_json_short_escapes_of_control_characters_are_cleaned_too():
    # JSON.stringify writes U+0008 and U+000C as \b and \f, not \u0008.
    content_state = json.dumps({"blocks": [{"text": "a\bb\fc\nd"}]})
    assert "\\b" in content_state and "\\f" in content_state
    assert json.loads(clean_submitted_text(content_state)) == {"blocks": [{"text": "abc\nd"}]}
    path = json.dumps({"text": "C:\\bin"})  # an escaped backslash before b is no control character
    assert clean_submitted_text(path) == path


@pytest.mark.parametrize("name", ZERO_WIDTH_NAMES)
def test_a_name_of_only_zero_width_characters_is_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_visible_name(name)
    assert error.value.code == "invisible_name"


@pytest.mark.parametrize("name", BIDI_NAMES)
def test_a_name_with_bidi_overrides_or_isolates_is_refused(name):
    with pytest.raises(ValidationError) as error:
        validate_visible_name(name)
    assert error.value.code == "bidi_control"


@pytest.mark.parametrize("name", ["Kuopion Latu ry", "Åbo Akademi", "جمعية", "שלום", "A", "ZWJ\u200dinside"])
def test_ordinary_names_pass(name):
    validate_visible_name(name)


# --- Spreadsheet cells -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=cmd|'/ccalc'!A0@example.fi", "'=cmd|'/ccalc'!A0@example.fi"),
        ("+358 40 123 4567", "'+358 40 123 4567"),
        ("+358401234567", "'+358401234567"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\x01=1+1", "'=1+1"),
        ("-12", "-12"),
        ("-1,5", "-1,5"),
        ("Kuopio", "Kuopio"),
        (12, 12),
        (None, None),
    ],
)
def test_csv_cells_that_would_be_formulas_stay_text(value, cell):
    assert safe_cell(value) == cell
    if isinstance(value, str) and value.startswith("="):
        assert unescape_cell(cell) == value


def test_csv_writer_escapes_every_cell():
    stream = io.StringIO()
    csv_writer(stream).writerow(["=1+1", "+358 40 123 4567", "a\x00b", 5])
    assert next(csv.reader(io.StringIO(stream.getvalue()))) == ["'=1+1", "'+358 40 123 4567", "ab", "5"]


def test_csv_writer_for_spreadsheets_writes_crlf_everywhere_and_the_byte_order_mark():
    stream = io.StringIO()
    writer = csv_writer(stream, byte_order_mark=True)
    writer.writerow(["äö", "yksi\ntoinen\r\nkolmas\rneljäs"])
    writer.writerow(["@SUM(A1)", "-5"])
    text = stream.getvalue()
    assert text == '\ufeffäö,"yksi\r\ntoinen\r\nkolmas\r\nneljäs"\r\n\'@SUM(A1),-5\r\n'
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
    assert [[unescape_cell(cell) for cell in row] for row in rows] == [
        ["äö", "yksi\ntoinen\nkolmas\nneljäs"],
        ["@SUM(A1)", "-5"],
    ]


def test_xlsx_cells_are_strings_never_formulas():
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(xlsx_row(sheet, ["=cmd|'/ccalc'!A0@example.fi", "+358 40 123 4567", "Control\x01char", 7]))
    stream = io.BytesIO()
    workbook.save(stream)
    cells = next(load_workbook(io.BytesIO(stream.getvalue())).active.iter_rows())
    assert [cell.value for cell in cells] == [
        "=cmd|'/ccalc'!A0@example.fi",
        "+358 40 123 4567",
        "Controlchar",
        7,
    ]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "n"]


# --- Requests --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("character", ["\x00", "\x01", "\x0b", "\x1b"])
def test_a_control_character_in_a_parameter_is_a_400(client, home_page, character):
    response = client.get("/api/v2/news/", {"tag": f"a{character}b"})
    assert response.status_code == 400
    assert "control character" in response.json()["message"]
    assert client.get("/fi/", {"tag": f"a{character}"}).status_code == 400
    assert client.get("/fi/", {"tag": "a\tb"}).status_code == 200


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def add_page_url(home_page):
    return f"/admin/pages/add/home/standardpage/{home_page.pk}/"


def page_data(**overrides):
    return {
        "title": "Tietoa hankkeesta",
        "slug": "tietoa",
        "introduction": "",
        "body-count": "0",
        **overrides,
    }


@pytest.mark.django_db
def test_admin_form_values_lose_control_characters(admin_client, home_page):
    body = {
        "body-count": "1",
        "body-0-type": "paragraph",
        "body-0-deleted": "",
        "body-0-order": "0",
        "body-0-id": "",
        "body-0-value": rich_text("<p>Teksti\x01ä \\u0001 tässä</p>"),
    }
    data = page_data(title="Control\x01char news", introduction="Rivi\x00\nrivi", **body)
    response = admin_client.post(add_page_url(home_page), data)
    assert response.status_code == 302, response.content[:3000]
    page = StandardPage.objects.get(slug="tietoa")
    assert page.title == "Controlchar news"
    assert page.introduction == "Rivi\nrivi"
    paragraph = page.body[0].value.source
    assert "\x01" not in paragraph and "Tekstiä" in paragraph
    assert "\\u0001" in paragraph  # what the editor typed as text is kept


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["\u200b", "Latu \u202ery"])
def test_admin_page_title_must_be_visible(admin_client, home_page, title):
    response = admin_client.post(add_page_url(home_page), page_data(title=title))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["title"]
    assert not Page.objects.filter(slug="tietoa").exists()
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(attrs={"name": "title"}).get("value") == title  # what the editor typed is kept


@pytest.mark.django_db
def test_a_users_name_must_be_visible(superuser):
    superuser.first_name = "\u200b"
    with pytest.raises(ValidationError) as error:
        superuser.full_clean()
    assert list(error.value.message_dict) == ["first_name"]

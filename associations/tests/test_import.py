"""Bulk import of associations: the import_associations command and the coordinators' admin view."""

import csv
import datetime
import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import translation
from django.utils.translation import ngettext
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from associations.factories import AssociationPageFactory
from associations.importer import COLUMNS
from associations.models import AssociationIndexPage, AssociationPage, Municipality

pytestmark = pytest.mark.django_db

ROW = {
    "name_fi": "Kuopion Latu ry",
    "name_sv": "Kuopio Latu rf",
    "business_id": "0737546-2",
    "register_number": "123456",
    "municipality": "297",
    "categories": "liikunta;Kulttuuri",
    "target_groups": "kaikki;Nuoret",
    "summary_fi": "Ulkoilua ympäri vuoden.",
    "summary_sv": "Friluftsliv året runt.",
    "description_fi": "Hiihtoa ja retkiä.\n\nLatu & <polku> kaikille.",
    "description_sv": "Skidåkning och utflykter.\n\nSpår för alla.",
    "email": "info@latu.example.fi",
    "phone": "+358 40 123 4567",
    "website": "latu.example.fi",
    "street_address": "Kauppakatu 1",
    "postal_code": "70100",
    "post_office": "Kuopio",
    "founded_year": "1985",
    "member_count": "250",
    "languages": "fi;sv;de",
    "latitude": "62,8923",
    "longitude": "27.6782",
}
OTHER = {
    "name_fi": "Iisalmen Omaishoitajat ry",
    "municipality": "Iisalmi",
    "summary_fi": "Tukea omaishoitajille.",
    "categories": "sosiaali-ja-terveys",
}


def row(**changes):
    return {**ROW, **changes}


def write_csv(directory, rows, name="associations.csv", columns=COLUMNS):
    path = Path(directory) / name
    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=columns, restval="", extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def finnish_pages():
    return AssociationPage.objects.filter(locale__language_code="fi")


# --- A good file ---------------------------------------------------------------------------------------


def test_import_creates_published_finnish_and_swedish_pages(run_import, association_index, tmp_path, client):
    outcome = run_import(write_csv(tmp_path, [ROW, OTHER]))

    assert outcome.error is None, outcome.stderr
    assert "2 new" in outcome.stdout
    page = finnish_pages().get(business_id="0737546-2")
    assert page.live and page.get_parent().pk == association_index.pk
    assert page.slug == "kuopion-latu-ry"
    assert page.home_municipality.code == "297"
    assert sorted(page.categories.values_list("slug", flat=True)) == ["kulttuuri", "liikunta"]
    assert sorted(page.target_groups.values_list("slug", flat=True)) == ["kaikki", "nuoret"]
    assert page.service_languages == ["fi", "sv", "other"]
    assert page.website == "https://latu.example.fi"
    assert (page.latitude, page.longitude) == (Decimal("62.892300"), Decimal("27.678200"))
    assert (page.founded_year, page.member_count) == (1985, 250)
    # Plain text becomes one escaped paragraph block per paragraph.
    assert [block.block_type for block in page.description] == ["paragraph", "paragraph"]
    assert page.description[1].value.source == "<p>Latu &amp; &lt;polku&gt; kaikille.</p>"
    assert page.revisions.count() == 1

    swedish = AssociationPage.objects.get(locale__language_code="sv", translation_key=page.translation_key)
    assert swedish.live
    assert (swedish.title, swedish.summary, swedish.slug) == (
        "Kuopio Latu rf",
        "Friluftsliv året runt.",
        "kuopio-latu-rf",
    )
    assert [block.value.source for block in swedish.description] == [
        "<p>Skidåkning och utflykter.</p>",
        "<p>Spår för alla.</p>",
    ]
    assert swedish.business_id == "0737546-2"
    assert isinstance(swedish.get_parent().specific, AssociationIndexPage)
    assert swedish.get_parent().specific.title == "Föreningar"

    # The command indexes the pages once they are written (a search server would show them after a refresh).
    if settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith(".database"):
        assert set(AssociationPage.objects.live().search("Latu")) == {page, swedish}
    # wagtail-localize renames the new Swedish pages; nobody saw the old addresses, so no redirects.
    assert not Redirect.objects.exists()

    # A row without a Swedish name has no Swedish page.
    other = finnish_pages().get(title="Iisalmen Omaishoitajat ry")
    assert not AssociationPage.objects.filter(
        locale__language_code="sv", translation_key=other.translation_key
    )

    assert client.get(page.url).status_code == 200
    response = client.get(swedish.url)
    assert response.status_code == 200
    assert "Friluftsliv året runt." in response.text


def test_json_import_accepts_lists_and_numbers(run_import, association_index, tmp_path):
    item = {
        **row(name_sv="", summary_sv="", description_sv=""),
        "categories": ["liikunta"],
        "languages": ["fi"],
        "founded_year": 1985,
        "latitude": None,
        "longitude": None,
    }
    path = tmp_path / "associations.json"
    path.write_text(json.dumps([item], ensure_ascii=False), encoding="utf-8")

    outcome = run_import(path)

    assert outcome.error is None, outcome.stderr
    page = finnish_pages().get()
    assert (page.founded_year, page.latitude, page.service_languages) == (1985, None, ["fi"])


def test_swedish_texts_fall_back_to_finnish(run_import, association_index, tmp_path):
    run_import(write_csv(tmp_path, [row(summary_sv="", description_sv="")]))
    swedish = AssociationPage.objects.get(locale__language_code="sv")
    assert swedish.title == "Kuopio Latu rf"
    assert swedish.summary == "Ulkoilua ympäri vuoden."


# --- Bad rows ------------------------------------------------------------------------------------------


NEXT_YEAR = str(datetime.date.today().year + 1)


@pytest.mark.parametrize(
    ("changes", "column", "reason"),
    [
        ({"business_id": "0737546-3"}, "business_id", "check digit"),
        ({"business_id": "0000006-0"}, "business_id", "no check digit fits"),
        ({"business_id": "737546"}, "business_id", "seven digits"),
        ({"municipality": "Helsinki"}, "municipality", "Unknown municipality"),
        ({"municipality": ""}, "municipality", "home municipality is missing"),
        ({"categories": "liikunta;golf"}, "categories", "Unknown category: golf"),
        ({"target_groups": "koirat"}, "target_groups", "Unknown target group: koirat"),
        ({"email": "info@"}, "email", "valid email"),
        ({"website": "ei osoite"}, "website", "valid URL"),
        ({"latitude": "95"}, "latitude", "less than or equal to 90"),
        ({"longitude": "-200"}, "longitude", "greater than or equal to -180"),
        ({"latitude": "pohjoinen"}, "latitude", "decimal number"),
        ({"longitude": ""}, "longitude", "both latitude and longitude"),
        ({"founded_year": NEXT_YEAR}, "founded_year", "future"),
        ({"founded_year": "1799"}, "founded_year", "greater than or equal to 1800"),
        ({"member_count": "-5"}, "member_count", "greater than or equal to 0"),
        ({"member_count": "12.5"}, "member_count", "must be an integer"),
        ({"name_fi": ""}, "name_fi", "name in Finnish is missing"),
        ({"summary_fi": ""}, "summary_fi", "summary in Finnish is missing"),
        ({"summary_sv": "x" * 301}, "summary_sv", "at most 300 characters"),
        ({"languages": "fi;xyz"}, "languages", "Unknown language code: xyz"),
        ({"postal_code": "7010"}, "postal_code", "five digits"),
        ({"phone": "soita"}, "phone", "phone number"),
        ({"register_number": "12-34"}, "register_number", "only digits"),
    ],
)
def test_bad_row_is_reported_with_row_column_and_reason(
    run_import, association_index, tmp_path, changes, column, reason
):
    outcome = run_import(write_csv(tmp_path, [OTHER, row(**changes)]))

    assert outcome.error is not None
    assert "1 row failed" in str(outcome.error)
    assert f"Row 3, column {column}: " in outcome.stderr
    assert reason in outcome.stderr
    assert "Traceback" not in outcome.stderr
    # The good row is imported all the same.
    assert list(finnish_pages().values_list("title", flat=True)) == ["Iisalmen Omaishoitajat ry"]


def test_the_same_business_id_twice_in_a_file(run_import, association_index, tmp_path):
    second = row(name_fi="Toinen yhdistys ry", name_sv="", register_number="")
    outcome = run_import(write_csv(tmp_path, [ROW, second]))

    assert outcome.error is not None
    assert "Row 3, column business_id: The business ID 0737546-2 is already on row 2." in outcome.stderr
    assert list(finnish_pages().values_list("title", flat=True)) == ["Kuopion Latu ry"]


def test_atomic_writes_nothing_when_a_row_fails(run_import, association_index, tmp_path):
    outcome = run_import(
        write_csv(tmp_path, [ROW, row(name_fi="Toinen ry", business_id="1234567-8")]), "--atomic"
    )

    assert outcome.error is not None
    assert "Row 3, column business_id" in outcome.stderr
    assert "Nothing was written" in outcome.stdout
    assert not AssociationPage.objects.exists()
    assert not AssociationIndexPage.objects.filter(locale__language_code="sv").exists()


def test_atomic_writes_everything_when_all_rows_are_good(run_import, association_index, tmp_path):
    outcome = run_import(write_csv(tmp_path, [ROW, OTHER]), "--atomic")
    assert outcome.error is None, outcome.stderr
    assert finnish_pages().count() == 2
    assert AssociationPage.objects.filter(locale__language_code="sv").count() == 1


# --- Files refused as a whole --------------------------------------------------------------------------


def test_file_that_is_not_utf8_is_refused(run_import, association_index, tmp_path):
    path = write_csv(tmp_path, [row(name_fi="Kuopion Eläkeläiset ry", description_fi="", description_sv="")])
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))

    outcome = run_import(path)

    assert "not UTF-8" in str(outcome.error)
    assert not AssociationPage.objects.exists()


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ([column for column in COLUMNS if column != "phone"], "missing columns: phone"),
        ([*COLUMNS, "fax"], "unknown columns: fax"),
    ],
)
def test_missing_or_unknown_column_refuses_the_file(
    run_import, association_index, tmp_path, columns, message
):
    outcome = run_import(write_csv(tmp_path, [ROW], columns=columns))

    assert message in str(outcome.error)
    assert not AssociationPage.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"name_fi": "Kuopion Latu ry"}', "array of objects"),
        ("[1, 2]", "array of objects"),
        ('[{"name_fi": ', "not valid JSON"),
        ('[{"name_fi": "Kuopion Latu ry"}]', "missing columns"),
    ],
)
def test_json_that_is_not_an_array_of_objects_is_refused(
    run_import, association_index, tmp_path, content, message
):
    path = tmp_path / "associations.json"
    path.write_text(content, encoding="utf-8")

    outcome = run_import(path)

    assert message in str(outcome.error)
    assert not AssociationPage.objects.exists()


def test_without_a_finnish_directory_the_command_fails_clearly(run_import, home_page, tmp_path):
    outcome = run_import(write_csv(tmp_path, [ROW]))
    assert "no Finnish association directory" in str(outcome.error)


def test_command_line_exits_non_zero_without_a_traceback(tmp_path):
    path = write_csv(tmp_path, [ROW], columns=[*COLUMNS, "fax"])
    manage = Path(__file__).resolve().parents[2] / "manage.py"
    completed = subprocess.run(
        [sys.executable, str(manage), "import_associations", str(path)],
        capture_output=True,
        text=True,
        env={
            "DJANGO_SETTINGS_MODULE": "sakke_site.settings.test",
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
        },
        check=False,
    )
    assert completed.returncode != 0
    assert "fax" in completed.stderr
    assert "Traceback" not in completed.stderr


# --- Matching existing associations --------------------------------------------------------------------


def test_import_twice_skips_then_updates_with_a_new_revision(run_import, association_index, tmp_path):
    path = write_csv(tmp_path, [ROW])
    run_import(path)
    page = finnish_pages().get()

    again = run_import(path)
    assert again.error is None
    assert "already in the directory; skipped" in again.stdout
    assert page.revisions.count() == 1

    changed = write_csv(
        tmp_path,
        [row(summary_fi="Uusi kuvaus.", summary_sv="Ny beskrivning.", member_count="", email="")],
        name="changed.csv",
    )
    updated = run_import(changed, "--update")

    assert updated.error is None, updated.stderr
    assert "1 updated" in updated.stdout
    page.refresh_from_db()
    assert page.summary == "Uusi kuvaus."
    assert page.member_count == 250  # an empty cell keeps the current value
    assert page.email == "info@latu.example.fi"
    assert page.revisions.count() == 2  # the earlier version stays in the history
    assert page.slug == "kuopion-latu-ry"
    swedish = AssociationPage.objects.get(locale__language_code="sv")
    assert (swedish.summary, swedish.title, swedish.slug) == (
        "Ny beskrivning.",
        "Kuopio Latu rf",
        "kuopio-latu-rf",
    )
    assert swedish.live
    assert finnish_pages().count() == 1


def test_rows_match_by_register_number_and_by_name(run_import, association_index, tmp_path):
    by_number = AssociationPageFactory(
        parent=association_index, title="Kuopion Latu", register_number="123456"
    )
    kuopio = Municipality.objects.get(code="297", locale__language_code="fi")
    by_name = AssociationPageFactory(
        parent=association_index, title="Kuopion  Omaishoitajat r.y.", home_municipality=kuopio
    )
    rows = [
        row(business_id="", name_fi="Latu Kuopio ry"),
        {**OTHER, "name_fi": "KUOPION OMAISHOITAJAT RY", "municipality": "Kuopio"},
        # The same name in another municipality is another association.
        {**OTHER, "name_fi": "Kuopion Omaishoitajat ry", "municipality": "Iisalmi"},
    ]

    outcome = run_import(write_csv(tmp_path, rows))

    assert outcome.error is None, outcome.stderr
    assert f"Row 2: “{by_number.title}” is already in the directory" in outcome.stdout
    assert f"Row 3: “{by_name.title}” is already in the directory" in outcome.stdout
    assert "1 new" in outcome.stdout
    assert finnish_pages().count() == 3


def test_a_business_id_of_another_association_is_an_error(run_import, association_index, tmp_path):
    AssociationPageFactory(parent=association_index, business_id="0737546-2", register_number="999")
    outcome = run_import(write_csv(tmp_path, [row(register_number="123456")]))
    assert "Row 2, column business_id: Another association already has this business ID." in outcome.stderr


def test_dry_run_writes_nothing(run_import, association_index, tmp_path):
    outcome = run_import(write_csv(tmp_path, [ROW, OTHER]), "--dry-run")

    assert outcome.error is None
    assert "Dry run" in outcome.stdout and "2 new" in outcome.stdout
    assert not AssociationPage.objects.exists()
    assert not Page.objects.filter(locale__language_code="sv").exists()


def test_dry_run_reports_bad_rows_too(run_import, association_index, tmp_path):
    outcome = run_import(write_csv(tmp_path, [row(email="info@")]), "--dry-run")
    assert outcome.error is not None
    assert "Row 2, column email" in outcome.stderr
    assert not AssociationPage.objects.exists()


# --- Admin view ----------------------------------------------------------------------------------------

IMPORT_URL = "/admin/associations/import/"


def csv_upload(rows, name="associations.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, stream.getvalue().encode("utf-8"), content_type="text/csv")


@pytest.fixture
def coordinator(django_user_model):
    user = django_user_model.objects.create_user(
        "koordinaattori", "koordinaattori@example.fi", "salasana-123"
    )
    user.groups.add(Group.objects.get(name="Koordinaattorit"))
    return user


def test_coordinator_previews_and_confirms_an_import(
    client, coordinator, association_index, django_capture_on_commit_callbacks, run_worker
):
    client.force_login(coordinator)
    assert IMPORT_URL in client.get("/admin/").text  # the menu item
    form = client.get(IMPORT_URL)
    assert form.status_code == 200
    assert 'type="file"' in form.text

    with translation.override("en"):
        preview = client.post(IMPORT_URL, {"file": csv_upload([ROW, row(name_fi="Huono ry", email="info@")])})

    assert preview.status_code == 200
    assert "Kuopion Latu ry" in preview.text
    assert "Huono ry" in preview.text
    assert "<code>email</code>" in preview.text
    assert not AssociationPage.objects.exists()  # nothing before confirming

    token = preview.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        result = client.post(IMPORT_URL, {"token": token})

    assert result.status_code == 200
    page = finnish_pages().get()
    assert page.title == "Kuopion Latu ry" and page.live
    assert page.latest_revision.user == coordinator
    # The Swedish translation waits for the background worker, which records the coordinator too.
    assert result.context["report"].translations_queued == 1
    with translation.override(result["Content-Language"] or "fi"):  # the admin answers in the user's language
        queued = ngettext(
            "The Swedish translation of %(count)s association was queued; it appears on the site "
            "within a few minutes.",
            "The Swedish translations of %(count)s associations were queued; they appear on the site "
            "within a few minutes.",
            1,
        )
    assert queued % {"count": 1} in result.text
    assert not AssociationPage.objects.filter(locale__language_code="sv").exists()
    run_worker()
    swedish = AssociationPage.objects.get(locale__language_code="sv", live=True)
    assert swedish.latest_revision.user == coordinator

    # The same confirmation cannot import twice.
    assert client.post(IMPORT_URL, {"token": token}).status_code == 400
    assert finnish_pages().count() == 1


def test_admin_refuses_a_bad_file_with_a_message(client, superuser, association_index):
    client.force_login(superuser)
    upload = csv_upload([ROW])
    upload.name = "associations.txt"
    response = client.post(IMPORT_URL, {"file": upload, "format": "json"})
    assert response.status_code == 400
    assert response.context["form"].errors["file"]


def test_non_coordinator_cannot_import(client, django_user_model, association_index):
    editor = django_user_model.objects.create_user("toimittaja", "toimittaja@example.fi", "salasana-123")
    editor.groups.add(Group.objects.get(name="Yhdistysten toimittajat"))
    client.force_login(editor)

    # Wagtail turns the refusal into a redirect to the dashboard with a message.
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.post(IMPORT_URL, {"file": csv_upload([ROW])}).status_code == 302
    assert IMPORT_URL not in client.get("/admin/").text
    assert not AssociationPage.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, association_index):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_admin_sends_big_files_to_the_command(client, superuser, association_index):
    client.force_login(superuser)
    rows = [{**OTHER, "name_fi": f"Yhdistys {number} ry"} for number in range(201)]
    with translation.override("en"):
        response = client.post(IMPORT_URL, {"file": csv_upload(rows)})
    assert response.status_code == 400
    assert "import_associations" in response.text
    assert not AssociationPage.objects.exists()


def test_progress_bar_writes_a_line_every_tenth_when_not_on_a_terminal():
    from django.core.management.base import OutputWrapper

    from associations.management.commands.import_associations import ProgressBar

    stream = io.StringIO()
    progress = ProgressBar(OutputWrapper(stream), enabled=True)
    for done in range(1, 1001):
        progress(done, 1000)
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11
    assert lines[-1].strip() == "100% 1000/1000"


# --- Control characters, invisible names, cells escaped by the export -------------------------------------


@pytest.mark.parametrize("file_format", ["csv", "json"])
def test_control_characters_in_a_row_are_stripped(run_import, association_index, tmp_path, file_format):
    item = row(
        name_fi="Kuopion\x00 Latu ry", summary_fi="Ulkoilua\x01 ympäri vuoden.", post_office="Kuo\x1bpio"
    )
    if file_format == "csv":
        path = write_csv(tmp_path, [item])
    else:
        path = tmp_path / "associations.json"
        path.write_text(json.dumps([item]), encoding="utf-8")
    outcome = run_import(path)
    assert outcome.error is None, outcome.stderr
    page = finnish_pages().get()
    assert (page.title, page.summary, page.post_office) == (
        "Kuopion Latu ry",
        "Ulkoilua ympäri vuoden.",
        "Kuopio",
    )


@pytest.mark.parametrize(
    ("column", "name"), [("name_fi", "\u200b"), ("name_fi", "Latu \u202ery"), ("name_sv", "\u200b\u200b")]
)
def test_an_invisible_or_direction_changing_name_is_refused_with_the_row_number(
    run_import, association_index, tmp_path, column, name
):
    outcome = run_import(write_csv(tmp_path, [OTHER, row(**{column: name})]))
    assert outcome.error is not None
    assert f"Row 3, column {column}: The name has" in outcome.stderr
    assert list(finnish_pages().values_list("title", flat=True)) == ["Iisalmen Omaishoitajat ry"]


def test_cells_the_export_escaped_are_read_back_as_they_were(run_import, association_index, tmp_path):
    # The export writes "'+358…" so that spreadsheets keep it text; the import takes the apostrophe off.
    outcome = run_import(write_csv(tmp_path, [row(phone="'+358 40 123 4567", name_fi="'=Latu ry")]))
    assert outcome.error is None, outcome.stderr
    page = finnish_pages().get()
    assert (page.phone, page.title) == ("+358 40 123 4567", "=Latu ry")

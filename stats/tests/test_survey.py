"""The annual association survey: answering, one current answer per association, verified and unverified
answers, the deadline, the honeypot and rate limit, personal links, number bounds, translation, the
coordinators' listing, acceptance and exports, and the statistics."""

import csv
import datetime
import io
from decimal import Decimal
from statistics import quantiles

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from associations.factories import AssociationPageFactory
from associations.invitations import invite_editor
from associations.models import AssociationSurveyPage, SurveyFormField, SurveySubmission
from associations.models.survey import personal_link_token
from home.demo_content import publish
from home.public_forms import HONEYPOT_FIELD, RATE_LIMIT
from stats.figures import compute
from stats.models import StatisticsPage

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def associations(association_index):
    return {
        name: publish(AssociationPageFactory(parent=association_index, title=title))
        for name, title in (("latu", "Kuopion Latu ry"), ("tanssi", "Tervon Tanssijat ry"))
    }


def make_survey(parent, deadline=None, slug="kysely"):
    survey = AssociationSurveyPage(
        title="Yhdistyskysely 2026",
        slug=slug,
        introduction="Kerro yhdistyksesi vuodesta.",
        deadline=deadline or TODAY + datetime.timedelta(days=10),
        thank_you_text="<p>Kiitos vastauksesta!</p>",
    )
    survey.form_fields = [
        SurveyFormField(label="Jäsenmäärä", field_type="number", show_in_statistics=True),
        SurveyFormField(
            label="Tapahtumia vuodessa", field_type="number", required=False, show_in_statistics=True
        ),
        SurveyFormField(label="Toiminta-alue", field_type="dropdown", choices="Kunta\nSeutu\nMaakunta"),
        SurveyFormField(label="Terveiset", field_type="multiline", required=False),
    ]
    # The admin's inline panel numbers the questions; without numbers PostgreSQL returns them in any order.
    for number, question in enumerate(survey.form_fields.all()):
        question.sort_order = number
    parent.add_child(instance=survey)
    return publish(survey)


@pytest.fixture
def survey(home_page, associations):
    return make_survey(home_page)


def answer(association, members="12", events="3", area="Kunta", greeting=""):
    return {
        "association": str(association.translation_key),
        "jasenmaara": members,
        "tapahtumia_vuodessa": events,
        "toiminta_alue": area,
        "terveiset": greeting,
    }


def verified_answer(survey, association, **values):
    """An answer sent through the association's personal link (so it becomes the current answer)."""
    return {**answer(association, **values), "token": personal_link_token(survey, association)}


def test_the_questions_have_stable_names(survey):
    assert [field.clean_name for field in survey.form_fields.all()] == [
        "jasenmaara",
        "tapahtumia_vuodessa",
        "toiminta_alue",
        "terveiset",
    ]


def test_an_answer_is_stored_for_the_chosen_association(client, survey, associations):
    page = client.get(survey.url)
    assert page.status_code == 200
    soup = BeautifulSoup(page.content, "html.parser")
    options = [option.get_text() for option in soup.select("select[name=association] option")]
    assert options[1:] == ["Kuopion Latu ry", "Tervon Tanssijat ry"]
    # Optional questions say so; required ones do not.
    assert soup.find(id="id_terveiset_helptext") is not None
    assert soup.find(id="id_jasenmaara_helptext") is None
    with translation.override("fi"):
        hint = translation.gettext(
            "Please answer through the personal link your association received by email. An answer without "
            "it is checked by a coordinator before it counts."
        )
    assert hint in page.text

    response = client.post(survey.url, answer(associations["latu"], greeting="Hei!"))
    assert response.status_code == 200
    assert "Kiitos vastauksesta!" in response.content.decode()
    submission = SurveySubmission.objects.get()
    assert submission.association == associations["latu"]
    assert submission.association_key == associations["latu"].translation_key
    assert submission.survey_key == survey.translation_key
    # Without the personal link the answer waits for a coordinator.
    assert not submission.is_verified and not submission.is_current
    assert submission.form_data["jasenmaara"] == "12"
    assert submission.form_data["terveiset"] == "Hei!"
    assert "association" not in submission.form_data and HONEYPOT_FIELD not in submission.form_data


def test_a_later_answer_replaces_the_earlier_and_both_are_kept(client, survey, associations):
    client.post(survey.url, verified_answer(survey, associations["latu"], members="10"))
    client.post(survey.url, verified_answer(survey, associations["tanssi"], members="30"))
    client.post(survey.url, verified_answer(survey, associations["latu"], members="14"))

    latu = SurveySubmission.objects.filter(association_key=associations["latu"].translation_key).order_by(
        "pk"
    )
    first, second = latu
    assert (first.is_current, second.is_current) == (False, True)
    assert first.replaced_by == second
    assert first.form_data["jasenmaara"] == "10"
    assert SurveySubmission.objects.filter(is_current=True).count() == 2

    # Only the current answers count: 14 + 30.
    [figures] = compute(survey.locale).surveys
    members = figures["questions"][0]
    assert figures["answers"] == 2
    assert (members["answers"], members["total"], members["min"], members["max"]) == (2, 44, 14, 30)


def test_deleting_the_current_answer_makes_the_earlier_one_current_again(
    client, survey, associations, coordinator, django_capture_on_commit_callbacks
):
    client.post(survey.url, verified_answer(survey, associations["latu"], members="10"))
    client.post(survey.url, answer(associations["latu"], members="99"))  # unverified: never restored
    client.post(survey.url, verified_answer(survey, associations["latu"], members="14"))
    first, unverified, second = SurveySubmission.objects.order_by("pk")
    assert compute(survey.locale).surveys[0]["questions"][0]["total"] == 14

    # The coordinator deletes the later answer in Wagtail's submissions listing.
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/forms/submissions/{survey.pk}/delete/?selected-submissions={second.pk}"
        )
    assert response.status_code == 302, response.content[:500]
    first.refresh_from_db()
    unverified.refresh_from_db()
    assert (first.is_current, first.replaced_by) == (True, None)
    assert not unverified.is_current
    assert SurveySubmission.objects.count() == 2
    assert compute(survey.locale).surveys[0]["questions"][0]["total"] == 10


def test_after_the_deadline_answers_are_refused_and_not_stored(client, home_page, associations):
    survey = make_survey(home_page, deadline=TODAY - datetime.timedelta(days=1))
    page = client.get(survey.url)
    assert page.status_code == 200
    assert b'<form class="public-form"' not in page.content

    response = client.post(survey.url, answer(associations["latu"]))
    assert response.status_code == 410
    assert 'role="alert"' in response.content.decode()
    assert SurveySubmission.objects.count() == 0


def test_the_last_day_still_takes_answers(client, home_page, associations):
    survey = make_survey(home_page, deadline=TODAY)
    assert client.post(survey.url, answer(associations["latu"])).status_code == 200
    assert SurveySubmission.objects.count() == 1


def test_bad_input_is_explained_and_kept(client, survey, associations):
    response = client.post(
        survey.url, {**answer(associations["latu"], members="paljon", greeting="Terveisiä")}
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    summary = soup.find(class_="error-summary")
    assert summary is not None and summary.find("a", href="#id_jasenmaara") is not None
    assert soup.find("input", attrs={"name": "jasenmaara"})["value"] == "paljon"
    assert soup.find("textarea", attrs={"name": "terveiset"}).get_text().strip() == "Terveisiä"
    selected = soup.select_one("select[name=association] option[selected]")
    assert selected.get_text() == "Kuopion Latu ry"
    assert SurveySubmission.objects.count() == 0

    response = client.post(survey.url, {**answer(associations["latu"]), "association": "not-an-association"})
    assert response.status_code == 400
    assert SurveySubmission.objects.count() == 0


def test_honeypot_answers_are_dropped(client, survey, associations):
    response = client.post(
        survey.url, {**answer(associations["latu"]), HONEYPOT_FIELD: "http://spam.example"}
    )
    assert response.status_code == 200
    assert SurveySubmission.objects.count() == 0


def test_honeypot_answers_do_not_use_up_a_visitors_limit(client, survey, associations):
    for _ in range(RATE_LIMIT + 2):
        client.post(survey.url, {**answer(associations["latu"]), HONEYPOT_FIELD: "http://spam.example"})
    assert client.post(survey.url, answer(associations["latu"])).status_code == 200
    assert SurveySubmission.objects.count() == 1


def test_answers_are_rate_limited(client, survey, associations):
    for _ in range(RATE_LIMIT):
        assert client.post(survey.url, answer(associations["latu"])).status_code == 200
    response = client.post(survey.url, answer(associations["tanssi"]))
    assert response.status_code == 429
    assert SurveySubmission.objects.count() == RATE_LIMIT
    assert not SurveySubmission.objects.filter(
        association_key=associations["tanssi"].translation_key
    ).exists()


def test_a_personal_link_fixes_the_association(client, survey, associations):
    token = personal_link_token(survey, associations["tanssi"])
    page = client.get(survey.url, {"token": token})
    soup = BeautifulSoup(page.content, "html.parser")
    assert soup.find("select", attrs={"name": "association"}) is None
    assert "Tervon Tanssijat ry" in soup.find("form", class_="public-form").get_text()

    # The association in the posted data is ignored: the link decides.
    response = client.post(survey.url, {**answer(associations["latu"]), "token": token})
    assert response.status_code == 200
    assert SurveySubmission.objects.get().association == associations["tanssi"]

    other = make_survey(survey.get_parent(), slug="toinen")
    page = client.get(other.url, {"token": token})  # a link of another survey is not valid here
    assert BeautifulSoup(page.content, "html.parser").find("select", attrs={"name": "association"})


def test_only_number_questions_can_be_shown_in_statistics(survey):
    question = SurveyFormField(page=survey, label="Nimi", field_type="singleline", show_in_statistics=True)
    with pytest.raises(ValidationError):
        question.full_clean(exclude=["page", "translation_key", "locale"])


def test_statistics_show_totals_and_distribution_of_current_answers(client, home_page, survey, associations):
    extra = [publish(AssociationPageFactory(parent=associations["latu"].get_parent())) for _ in range(3)]
    given = {associations["latu"]: "5", associations["tanssi"]: "40", extra[0]: "12", extra[1]: "7.5"}
    for association, members in given.items():
        client.post(survey.url, verified_answer(survey, association, members=members, events=""))
    cache.clear()  # the rate limit of this client
    client.post(survey.url, verified_answer(survey, extra[2], members="20"))
    client.post(survey.url, verified_answer(survey, extra[2], members="8"))  # replaces 20

    values = sorted([Decimal(value) for value in given.values()] + [Decimal(8)])
    q1, median, q3 = quantiles(values, n=4, method="inclusive")
    [figures] = compute(survey.locale).surveys
    members, events = figures["questions"]
    assert members["label"] == "Jäsenmäärä"
    assert members["answers"] == len(values)
    assert members["total"] == float(sum(values))
    assert (members["min"], members["max"]) == (5, 40)
    assert (members["q1"], members["median"], members["q3"]) == (float(q1), float(median), float(q3))
    assert (events["answers"], events["total"]) == (1, 3)  # only extra[2] gave the number of events

    statistics_page = StatisticsPage(title="Tilastot", slug="tilastot")
    home_page.add_child(instance=statistics_page)
    publish(statistics_page)
    soup = BeautifulSoup(client.get(statistics_page.url).content, "html.parser")
    table = soup.find(id=f"table-survey_{survey.pk}")
    row = [cell.get_text(strip=True) for cell in table.tbody.tr.find_all(["th", "td"])]
    assert row[:3] == ["Jäsenmäärä", "5", "72,5"]  # numbers as Finnish readers write them


def test_coordinators_see_and_export_the_answers(client, survey, associations, coordinator):
    client.post(survey.url, verified_answer(survey, associations["latu"], members="10"))
    client.post(survey.url, verified_answer(survey, associations["latu"], members="11"))
    client.post(survey.url, verified_answer(survey, associations["tanssi"], members="30", greeting="=1+1"))
    client.force_login(coordinator)

    listing = client.get(f"/admin/forms/submissions/{survey.pk}/")
    assert listing.status_code == 200
    text = BeautifulSoup(listing.content, "html.parser").get_text(" ")
    assert "Kuopion Latu ry" in text and "Tervon Tanssijat ry" in text
    current_only = client.get(f"/admin/forms/submissions/{survey.pk}/", {"is_current": "true"})
    assert current_only.status_code == 200
    assert len(current_only.context["submissions"]) == 2

    response = client.get(f"/admin/forms/submissions/{survey.pk}/", {"export": "csv"})
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) == 4
    header = rows[0]
    with translation.override("fi"):  # the coordinator's admin language
        labels = {name: str(label) for name, label in survey.get_data_fields()}
    association, members, greeting = (
        header.index(labels[name]) for name in ("association", "jasenmaara", "terveiset")
    )
    assert [(row[association], row[members]) for row in rows[1:]] == [
        ("Kuopion Latu ry", "10"),
        ("Kuopion Latu ry", "11"),
        ("Tervon Tanssijat ry", "30"),
    ]
    assert not rows[3][greeting].startswith("=")  # a formula stays text

    response = client.get(f"/admin/forms/submissions/{survey.pk}/", {"export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert len(values) == 4
    assert sorted(str(row[members]) for row in values[1:]) == ["10", "11", "30"]


def test_a_swedish_answer_replaces_the_finnish_one(
    client, survey, associations, swedish, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for page in (survey.get_parent(), associations["latu"].get_parent(), associations["latu"]):
            if page.get_translation_or_none(swedish) is None:
                publish(page.copy_for_translation(swedish, copy_parents=True))
    TranslationCreator(user=None, target_locales=[swedish]).create_translations(survey)
    translation = Translation.objects.get(source__object_id=survey.translation_key, target_locale=swedish)
    po = translation.export_po()
    strings = {
        "Jäsenmäärä": "Antal medlemmar",
        "Yhdistyskysely 2026": "Föreningsenkät 2026",
        "kysely": "enkat",
    }
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, entry.msgid)
    translation.import_po(po)
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    swedish_survey = survey.get_translation(swedish)

    questions = list(swedish_survey.form_fields.all())
    assert questions[0].label == "Antal medlemmar"
    assert [(q.clean_name, q.field_type, q.show_in_statistics) for q in questions] == [
        (q.clean_name, q.field_type, q.show_in_statistics) for q in survey.form_fields.all()
    ]

    client.post(survey.url, verified_answer(survey, associations["latu"], members="10"))
    response = client.post(swedish_survey.url, verified_answer(survey, associations["latu"], members="12"))
    assert response.status_code == 200
    finnish_answer, swedish_answer = SurveySubmission.objects.order_by("pk")
    assert not finnish_answer.is_current and swedish_answer.is_current
    assert swedish_answer.page_id == swedish_survey.pk
    assert swedish_answer.association.locale == swedish
    [figures] = compute(swedish).surveys
    assert figures["questions"][0]["label"] == "Antal medlemmar"
    assert figures["questions"][0]["total"] == 12


def test_personal_links_command_gives_a_working_link_per_association(client, survey, associations):
    from io import StringIO

    from django.core.management import call_command

    output = StringIO()
    call_command("survey_links", survey.pk, stdout=output)
    rows = list(csv.DictReader(io.StringIO(output.getvalue())))
    assert [row["association"] for row in rows] == ["Kuopion Latu ry", "Tervon Tanssijat ry"]
    link = rows[1]["link"]
    path = link.split("://", 1)[-1].split("/", 1)[1]
    response = client.post(
        "/" + path.split("?")[0], {**answer(associations["latu"]), "token": link.split("token=")[1]}
    )
    assert response.status_code == 200
    assert SurveySubmission.objects.get().association == associations["tanssi"]


def test_coordinators_build_surveys_and_statistics_pages_in_the_admin(client, home_page, survey, coordinator):
    client.force_login(coordinator)
    for model in ("associations/associationsurveypage", "stats/statisticspage"):
        response = client.get(f"/admin/pages/add/{model}/{home_page.pk}/")
        assert response.status_code == 200, model
    response = client.get(f"/admin/pages/{survey.pk}/edit/")
    assert response.status_code == 200
    assert b"show_in_statistics" in response.content


def test_coordinators_download_the_personal_links_from_the_admin(
    client, survey, associations, coordinator, django_user_model
):
    client.force_login(coordinator)
    edit = client.get(f"/admin/pages/{survey.pk}/edit/")
    url = f"/admin/associations/survey/{survey.pk}/links.csv"
    assert url in edit.text  # the header button
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Kuopion Latu ry", "Tervon Tanssijat ry"]
    link = rows[2][2]
    client.logout()
    path = link.split("://", 1)[-1].split("/", 1)[1]
    client.post("/" + path.split("?")[0], {**answer(associations["latu"]), "token": link.split("token=")[1]})
    assert SurveySubmission.objects.get().association == associations["tanssi"]

    # An association editor may not publish the survey, so gets no links.
    editor = django_user_model.objects.create_user("toimittaja", "t@example.fi", "salasana-12345")
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Yhdistysten toimittajat"))
    client.force_login(editor)
    assert client.get(url).status_code in (302, 403)


# --- Verified and unverified answers (issue 15) ------------------------------------------------------------


def public_member_total(client, survey):
    """The member total of `survey` as the public statistics API gives it."""
    response = client.get("/api/v2/statistics/", {"locale": "fi"})
    assert response.status_code == 200
    [figures] = [item for item in response.json()["surveys"] if item["id"] == survey.pk]
    return figures["questions"][0]["total"]


def test_an_answer_without_the_personal_link_neither_replaces_nor_counts(
    client, survey, associations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(survey.url, verified_answer(survey, associations["latu"], members="12"))
    assert public_member_total(client, survey) == 12

    # Anyone may post the form naming any association; without the link it is kept aside.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(survey.url, answer(associations["latu"], members="99999"))
    assert response.status_code == 200
    assert "koordinaattori" in response.text or "coordinator" in response.text
    verified, unverified = SurveySubmission.objects.order_by("pk")
    assert (verified.is_current, verified.is_verified, verified.replaced_by) == (True, True, None)
    assert (unverified.is_current, unverified.is_verified) == (False, False)
    assert public_member_total(client, survey) == 12
    cache.clear()
    assert public_member_total(client, survey) == 12  # not only a cached answer

    # The personal link's answer does replace the current one.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(survey.url, verified_answer(survey, associations["latu"], members="15"))
    assert public_member_total(client, survey) == 15
    verified.refresh_from_db()
    assert not verified.is_current and verified.replaced_by == SurveySubmission.objects.latest("pk")


def test_an_editor_of_the_association_answers_without_the_link(
    client, survey, associations, django_capture_on_commit_callbacks
):
    editor = invite_editor(associations["latu"], "latu@example.fi").user
    client.force_login(editor)
    page = client.get(survey.url)
    assert page.status_code == 200
    assert 'class="form-note"' in page.text
    assert "personal link" not in page.text and "henkilökohtai" not in page.text  # no hint for editors
    with django_capture_on_commit_callbacks(execute=True):
        client.post(survey.url, answer(associations["latu"], members="40"))
        # Editing one association's page gives no say over another's answer.
        client.post(survey.url, answer(associations["tanssi"], members="500"))
    latu = SurveySubmission.objects.get(association_key=associations["latu"].translation_key)
    tanssi = SurveySubmission.objects.get(association_key=associations["tanssi"].translation_key)
    assert latu.is_current and latu.is_verified
    assert not tanssi.is_current and not tanssi.is_verified
    assert public_member_total(client, survey) == 40


def test_a_coordinator_accepts_an_unverified_answer(
    client, survey, associations, coordinator, django_user_model, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(survey.url, verified_answer(survey, associations["latu"], members="12"))
        client.post(survey.url, answer(associations["latu"], members="14"))
    earlier, unverified = SurveySubmission.objects.order_by("pk")
    url = f"/admin/associations/survey/{survey.pk}/accept/{unverified.pk}/"

    # Only those who may publish the survey accept answers; an association editor may not.
    assert client.post(url).status_code == 302  # to the login
    editor = invite_editor(associations["latu"], "latu@example.fi").user
    client.force_login(editor)
    assert client.post(url).status_code in (302, 403)
    unverified.refresh_from_db()
    assert not unverified.is_verified

    client.force_login(coordinator)
    listing = client.get(f"/admin/forms/submissions/{survey.pk}/")
    assert f'href="{url}"' in listing.text
    waiting = client.get(f"/admin/forms/submissions/{survey.pk}/", {"is_verified": "false"})
    assert [row.pk for row in waiting.context["submissions"]] == [unverified.pk]
    confirm = client.get(url)
    assert confirm.status_code == 200 and "<form" in confirm.text
    assert not SurveySubmission.objects.get(pk=unverified.pk).is_verified  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/forms/submissions/{survey.pk}/"
    unverified.refresh_from_db()
    earlier.refresh_from_db()
    assert (unverified.is_verified, unverified.is_current) == (True, True)
    assert unverified.accepted_by == coordinator and unverified.accepted_at is not None
    assert (earlier.is_current, earlier.replaced_by) == (False, unverified)
    assert public_member_total(client, survey) == 14
    # Accepting again changes nothing.
    assert client.post(url).status_code == 302
    assert SurveySubmission.objects.filter(is_current=True).count() == 1


def test_number_answers_are_kept_within_bounds(client, survey, associations):
    token_answer = verified_answer(survey, associations["latu"])
    for members, bound in (("100000", "99999"), ("1e9", "99999"), ("-1", "0")):
        response = client.post(survey.url, {**token_answer, "jasenmaara": members})
        assert response.status_code == 400, members
        soup = BeautifulSoup(response.content, "html.parser")
        field = soup.find("input", attrs={"name": "jasenmaara"})
        assert field["value"] == members  # what was typed is kept
        assert field["aria-invalid"] == "true"
        error = soup.find(id="id_jasenmaara_error")
        assert "id_jasenmaara_error" in field["aria-describedby"]
        assert bound in error.get_text(), error.get_text()
    assert SurveySubmission.objects.count() == 0

    assert client.post(survey.url, {**token_answer, "jasenmaara": "99999"}).status_code == 200
    assert SurveySubmission.objects.get().form_data["jasenmaara"] == "99999"


def test_control_characters_are_stripped_from_an_answer_and_the_export_works(
    client, survey, associations, coordinator
):
    verified = verified_answer(survey, associations["latu"], greeting="Hei\x01 kaikille!\r\nToinen rivi")
    assert client.post(survey.url, verified).status_code == 200
    assert SurveySubmission.objects.get().form_data["terveiset"] == "Hei kaikille!\r\nToinen rivi"
    client.force_login(coordinator)
    response = client.get(f"/admin/forms/submissions/{survey.pk}/", {"export": "xlsx"})
    assert response.status_code == 200

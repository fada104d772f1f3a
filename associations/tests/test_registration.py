"""The public "register your association" form: a draft profile in the coordinators' moderation queue."""

import pytest
from bs4 import BeautifulSoup
from django.utils import translation
from wagtail.models import WorkflowState

from associations.factories import AssociationPageFactory
from associations.models import AssociationPage, Municipality

pytestmark = pytest.mark.django_db

URL_FI = "/fi/associations/register/"
URL_SV = "/sv/associations/register/"


def form_data(**overrides):
    data = {
        "name": "Tervon Kyläyhdistys ry",
        "business_id": "0737546-2",
        "home_municipality": "844",
        "categories": ["kylatoiminta", "kulttuuri"],
        "summary": "Kylätalon tapahtumia ja talkoita Tervossa.",
        "email": "kylayhdistys@example.fi",
        "phone": "+358 40 123 4567",
        "website": "kylayhdistys.example.fi",
        "contact_name": "Maija Meikäläinen",
        "consent": "on",
        "website_url": "",
    }
    data.update(overrides)
    return data


def post(client, capture, data, url=URL_FI, **extra):
    with capture(execute=True):
        return client.post(url, data, **extra)


def t(language, message):
    """`message` as the visitor sees it in `language` (whether or not the catalogue is compiled yet)."""
    with translation.override(language):
        return translation.gettext(message)


def registration_emails(mailoutbox):
    # Wagtail also sends its own "submitted for moderation" email; ours replies to the submitter.
    return [message for message in mailoutbox if message.reply_to == ["kylayhdistys@example.fi"]]


def test_form_is_accessible_and_lists_the_active_languages_terms(client, association_index):
    response = client.get(URL_FI)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in ("name", "business_id", "summary", "email", "phone", "website", "contact_name", "consent"):
        field = soup.find(attrs={"name": name})
        assert soup.find("label", attrs={"for": field["id"]}), name
    assert soup.find("input", attrs={"name": "email"})["autocomplete"] == "email"
    assert soup.find("input", attrs={"name": "business_id"})["aria-describedby"] == "id_business_id_helptext"
    municipality = soup.find("select", attrs={"name": "home_municipality"})
    assert municipality.find("option", attrs={"value": "140"}).get_text() == "Iisalmi"
    assert soup.find("input", attrs={"name": "categories", "value": "liikunta"})
    honeypot = soup.find("input", attrs={"name": "website_url"})
    assert honeypot["tabindex"] == "-1" and honeypot["autocomplete"] == "off"
    assert honeypot.find_parent(class_="form-honeypot")["aria-hidden"] == "true"


def test_registration_creates_draft_in_moderation_and_emails_coordinators(
    client, association_index, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, form_data())
    assert response.status_code == 302
    assert response["Location"] == "/fi/associations/register/thanks/"
    assert t("fi", "Thank you for your registration") in client.get(response["Location"]).text

    page = AssociationPage.objects.get(title="Tervon Kyläyhdistys ry")
    assert page.get_parent().pk == association_index.pk
    assert not page.live
    assert page.locale.language_code == "fi"
    assert page.home_municipality.name == "Tervo"
    assert sorted(page.categories.values_list("slug", flat=True)) == ["kulttuuri", "kylatoiminta"]
    assert page.website == "https://kylayhdistys.example.fi"
    assert page.revisions.count() == 1
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    [email] = registration_emails(mailoutbox)
    assert email.to == ["koordinaattori@example.fi"]
    assert email.reply_to == ["kylayhdistys@example.fi"]
    assert "Maija Meikäläinen" in email.body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in email.body

    # The coordinator finds it in "Awaiting your review" on the dashboard.
    client.force_login(coordinator)
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200
    soup = BeautifulSoup(dashboard.content, "html.parser")
    assert "Tervon Kyläyhdistys ry" in soup.find(id="awaiting-review-section").get_text()


def test_registration_in_swedish_stores_finnish_terms(
    client, association_index, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    response = client.get(URL_SV)
    assert "Idensalmi" in response.text
    response = post(
        client,
        django_capture_on_commit_callbacks,
        form_data(home_municipality="140", categories=["kylatoiminta"], business_id=""),
        url=URL_SV,
    )
    assert response.status_code == 302
    assert response["Location"] == "/sv/associations/register/thanks/"
    assert t("sv", "Thank you for your registration") in client.get(response["Location"]).text
    page = AssociationPage.objects.get(title="Tervon Kyläyhdistys ry")
    assert page.locale.language_code == "fi"
    assert page.home_municipality == Municipality.objects.get(code="140", locale__language_code="fi")
    assert page.categories.get().name == "Kylätoiminta"
    assert len(registration_emails(mailoutbox)) == 1


def test_existing_business_id_is_not_registered_again(
    client, association_index, home_page, mailoutbox, django_capture_on_commit_callbacks
):
    from home.models import SiteSettings

    settings = SiteSettings.for_site(home_page.get_site())
    settings.email = "yhdistystieto@example.fi"
    settings.save()
    existing = AssociationPageFactory(
        parent=association_index, title="Vanha nimi ry", business_id="0737546-2"
    )

    response = post(client, django_capture_on_commit_callbacks, form_data())
    assert response.status_code == 200
    assert t("fi", "The association is already in the directory") in response.text
    assert f'href="{existing.url}"' in response.text
    assert "mailto:yhdistystieto@example.fi" in response.text
    assert AssociationPage.objects.count() == 1
    assert not registration_emails(mailoutbox)


def test_same_name_in_same_municipality_is_a_duplicate(
    client, association_index, django_capture_on_commit_callbacks
):
    tervo = Municipality.objects.get(code="844", locale__language_code="fi")
    AssociationPageFactory(
        parent=association_index, title="Tervon Kyläyhdistys r.y.", home_municipality=tervo
    )

    response = post(
        client, django_capture_on_commit_callbacks, form_data(name="  tervon   KYLÄYHDISTYS ", business_id="")
    )
    assert response.status_code == 200
    assert t("fi", "The association is already in the directory") in response.text
    assert AssociationPage.objects.count() == 1

    # The same name in another municipality is another association.
    response = post(
        client,
        django_capture_on_commit_callbacks,
        form_data(name="Tervon Kyläyhdistys ry", business_id="", home_municipality="297"),
    )
    assert response.status_code == 302
    assert AssociationPage.objects.count() == 2


def test_pending_duplicate_says_it_waits_for_review(
    client, association_index, django_capture_on_commit_callbacks
):
    assert post(client, django_capture_on_commit_callbacks, form_data()).status_code == 302
    response = post(client, django_capture_on_commit_callbacks, form_data())
    assert response.status_code == 200
    assert "odottaa" in response.text or "waiting for a coordinator" in response.text
    assert AssociationPage.objects.count() == 1


def test_a_known_business_id_does_not_reveal_an_unpublished_draft(
    client, association_index, django_capture_on_commit_callbacks
):
    draft = AssociationPageFactory(
        parent=association_index, title="Salainen luonnos ry", business_id="0737546-2", live=False
    )
    assert not AssociationPage.objects.get(pk=draft.pk).live

    response = post(client, django_capture_on_commit_callbacks, form_data())
    assert response.status_code == 200
    assert "Salainen luonnos" not in response.text
    message = (
        "This business ID has already been registered. The registration is waiting for a coordinator to "
        "check it."
    )
    assert t("fi", message) in response.text
    assert AssociationPage.objects.count() == 1


def test_honeypot_pretends_success_and_creates_nothing(
    client, association_index, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    response = post(client, django_capture_on_commit_callbacks, form_data(website_url="http://spam.example"))
    assert response.status_code == 302
    assert response["Location"] == "/fi/associations/register/thanks/"
    assert not AssociationPage.objects.exists()
    assert not mailoutbox


def test_rate_limit_answers_429(client, association_index, django_capture_on_commit_callbacks):
    # The first registers; the next four find it already registered, which counts as well.
    for _ in range(5):
        post(client, django_capture_on_commit_callbacks, form_data())
    other = form_data(name="Toinen yhdistys ry", business_id="1234567-1")
    response = post(client, django_capture_on_commit_callbacks, other)
    assert response.status_code == 429
    assert t("fi", "Too many submissions") in response.text
    assert AssociationPage.objects.count() == 1

    # Other visitors are not affected.
    response = post(client, django_capture_on_commit_callbacks, other, REMOTE_ADDR="192.0.2.7")
    assert response.status_code == 302


def test_field_errors_keep_input_and_are_linked(
    client, association_index, django_capture_on_commit_callbacks
):
    response = post(
        client,
        django_capture_on_commit_callbacks,
        form_data(business_id="0737546-3", summary="", home_municipality="999", consent=""),
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("input", attrs={"name": "name"})["value"] == "Tervon Kyläyhdistys ry"
    assert soup.find("input", attrs={"name": "email"})["value"] == "kylayhdistys@example.fi"
    assert soup.find("input", attrs={"name": "phone"})["value"] == "+358 40 123 4567"
    assert soup.find("input", attrs={"name": "categories", "value": "kulttuuri"}).has_attr("checked")

    business_id = soup.find("input", attrs={"name": "business_id"})
    assert business_id["value"] == "0737546-3"
    assert business_id["aria-invalid"] == "true"
    assert "id_business_id_error" in business_id["aria-describedby"].split()
    assert soup.find(id="id_business_id_error").get_text().strip()

    summary = soup.find(class_="error-summary")
    links = {a["href"] for a in summary.find_all("a")}
    assert {"#id_business_id", "#id_summary", "#id_home_municipality", "#id_consent"} <= links
    assert soup.title.get_text().startswith(t("fi", "Error"))
    assert not AssociationPage.objects.exists()


def test_swedish_errors_are_in_swedish(client, association_index, django_capture_on_commit_callbacks):
    response = post(client, django_capture_on_commit_callbacks, form_data(email="inte-en-adress"), url=URL_SV)
    assert response.status_code == 400
    assert 'lang="sv"' in response.text
    assert t("sv", "Enter a valid email address.") in response.text


def test_without_a_directory_the_form_says_so(client, home_page):
    response = client.get(URL_FI)
    assert response.status_code == 503
    assert t("fi", "Registration is not available at the moment. Please try again later.") in response.text
    assert client.post(URL_FI, form_data()).status_code == 503


@pytest.mark.parametrize("field", ["name", "contact_name"])
@pytest.mark.parametrize("value", ["\u200b", "\u200b\u200c\u200d", "Latu \u2066ry\u2069"])
def test_an_invisible_or_direction_changing_name_is_refused_next_to_the_field(
    client, association_index, django_capture_on_commit_callbacks, field, value
):
    response = post(client, django_capture_on_commit_callbacks, form_data(**{field: value}))
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert BeautifulSoup(response.content, "html.parser").find(attrs={"name": field})["value"] == value
    assert not AssociationPage.objects.exists()


def test_control_characters_are_stripped_from_a_registration(
    client, association_index, django_capture_on_commit_callbacks
):
    data = form_data(name="Tervon\x01 Kyläyhdistys ry", summary="Kylätalon\x00 tapahtumia.\r\nJa talkoita.")
    response = post(client, django_capture_on_commit_callbacks, data)
    assert response.status_code == 302
    page = AssociationPage.objects.get()
    assert (page.title, page.summary) == ("Tervon Kyläyhdistys ry", "Kylätalon tapahtumia.\r\nJa talkoita.")

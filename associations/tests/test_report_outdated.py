""" "Report outdated information" on a public profile: the report is stored and its editors are told."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.utils import translation

from associations.factories import AssociationPageFactory
from associations.invitations import invite_editor
from associations.models import OutdatedInfoReport

pytestmark = pytest.mark.django_db


def t(language, message):
    with translation.override(language):
        return translation.gettext(message)


@pytest.fixture
def association(association_index):
    page = AssociationPageFactory(parent=association_index, title="Kuopion Kuoro ry", slug="kuopion-kuoro")
    page.save_revision().publish()
    return page


@pytest.fixture
def people(association, django_user_model, mailoutbox):
    coordinator = django_user_model.objects.create_user("koordinaattori", "koordinaattori@example.fi")
    coordinator.groups.add(Group.objects.get(name="Koordinaattorit"))
    editor = invite_editor(association, "kuoro@example.fi").user
    other = AssociationPageFactory(parent=association.get_parent(), title="Toinen yhdistys ry")
    invite_editor(other, "toinen@example.fi")
    mailoutbox.clear()
    return {"coordinator": coordinator, "editor": editor}


def url(page):
    return f"/fi/associations/{page.pk}/report/"


def test_profile_links_to_the_form(client, association):
    response = client.get(association.url)
    assert response.status_code == 200
    assert f'href="{url(association)}"' in response.text


def test_form_names_the_association(client, association):
    response = client.get(url(association))
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert "Kuopion Kuoro ry" in soup.h1.find_next("p").get_text()
    message = soup.find("textarea", attrs={"name": "message"})
    assert message["maxlength"] == "2000"
    assert soup.find("label", attrs={"for": message["id"]})
    assert soup.find("input", attrs={"name": "reporter_email"})["autocomplete"] == "email"


def test_report_is_stored_and_emailed_to_editors_and_coordinators(client, association, people, mailoutbox):
    response = client.post(
        url(association),
        {"message": "Puhelinnumero on vaihtunut.", "reporter_email": "kavija@example.fi", "website_url": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == f"/fi/associations/{association.pk}/report/thanks/"
    thanks = client.get(response["Location"])
    assert t("fi", "Thank you for your report") in thanks.text

    report = OutdatedInfoReport.objects.get()
    assert (report.page_id, report.message, report.reporter_email) == (
        association.pk,
        "Puhelinnumero on vaihtunut.",
        "kavija@example.fi",
    )
    assert not report.handled
    [email] = mailoutbox
    assert sorted(email.to) == ["koordinaattori@example.fi", "kuoro@example.fi"]
    assert email.reply_to == ["kavija@example.fi"]
    assert "Kuopion Kuoro ry" in email.subject
    assert "Puhelinnumero on vaihtunut." in email.body
    assert f"http://testserver/admin/pages/{association.pk}/edit/" in email.body


def test_report_on_the_swedish_version_reaches_the_same_editors(
    client, association, people, swedish, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        swedish_page = association.copy_for_translation(swedish, copy_parents=True)
        swedish_page.save_revision().publish()

    response = client.get(f"/sv/associations/{swedish_page.pk}/report/")
    assert response.status_code == 200
    assert 'lang="sv"' in response.text
    response = client.post(f"/sv/associations/{swedish_page.pk}/report/", {"message": "Fel adress."})
    assert response.status_code == 302
    assert OutdatedInfoReport.objects.get().page_id == swedish_page.pk
    assert sorted(address for email in mailoutbox for address in email.to) == [
        "koordinaattori@example.fi",
        "kuoro@example.fi",
    ]
    assert all(email.reply_to is None or email.reply_to == [] for email in mailoutbox)


def test_errors_keep_input(client, association, people, mailoutbox):
    response = client.post(url(association), {"message": "   ", "reporter_email": "ei-osoite"})
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    email = soup.find("input", attrs={"name": "reporter_email"})
    assert email["value"] == "ei-osoite"
    assert email["aria-invalid"] == "true"
    assert soup.find(id="id_message_error")
    assert {a["href"] for a in soup.find(class_="error-summary").find_all("a")} == {
        "#id_message",
        "#id_reporter_email",
    }

    response = client.post(url(association), {"message": "x" * 2001})
    assert response.status_code == 400
    assert "x" * 2001 in response.text
    assert not OutdatedInfoReport.objects.exists()
    assert not mailoutbox


def test_honeypot_stores_nothing(client, association, people, mailoutbox):
    response = client.post(
        url(association), {"message": "Osta halvalla", "website_url": "http://spam.example"}
    )
    assert response.status_code == 302
    assert not OutdatedInfoReport.objects.exists()
    assert not mailoutbox


def test_rate_limit(client, association):
    for number in range(5):
        assert client.post(url(association), {"message": f"Viesti {number}"}).status_code == 302
    response = client.post(url(association), {"message": "Kuudes"})
    assert response.status_code == 429
    assert OutdatedInfoReport.objects.count() == 5


def test_unknown_draft_and_other_pages_are_404(client, association_index, home_page):
    draft = AssociationPageFactory(parent=association_index, live=False)
    for page_id in (999999, draft.pk, home_page.pk, association_index.pk):
        assert client.get(f"/fi/associations/{page_id}/report/").status_code == 404
        assert client.post(f"/fi/associations/{page_id}/report/", {"message": "x"}).status_code == 404
    assert client.get(f"/fi/associations/{draft.pk}/report/thanks/").status_code == 404

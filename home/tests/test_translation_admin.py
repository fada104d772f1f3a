"""An editor translates a page into Swedish in the admin, then syncs later Finnish changes into it."""

import pytest
from wagtail_localize.models import StringSegment, Translation

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, superuser):
    client.force_login(superuser)
    return client


def submit_translation(client, page, locale, capture):
    with capture(execute=True):
        response = client.post(f"/admin/localize/submit/page/{page.pk}/", {"locales": [locale.pk]})
    assert response.status_code == 302, response.content[:500]
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def translate_string(client, translation, source_text, target_text):
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    response = client.put(
        f"/admin/localize/translate/{translation.pk}/strings/{segment.pk}/edit/",
        f"value={target_text}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content[:500]


def publish(client, page, capture):
    with capture(execute=True):
        response = client.post(f"/admin/pages/{page.pk}/edit/", {"action": "publish"})
    assert response.status_code == 302, response.content[:500]


def test_editor_translates_and_syncs_a_page(
    editor_client, client, home_page, swedish, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    about = StandardPageFactory(parent=home_page, title="Tietoa", slug="tietoa", introduction="Johdanto.")

    home_translation = submit_translation(editor_client, home_page, swedish, capture)
    translate_string(editor_client, home_translation, "etusivu", "startsida")
    publish(editor_client, home_page.get_translation(swedish), capture)

    translation = submit_translation(editor_client, about, swedish, capture)
    translate_string(editor_client, translation, "Tietoa", "Om oss")
    translate_string(editor_client, translation, "tietoa", "om-oss")
    translate_string(editor_client, translation, "Johdanto.", "Ingress.")
    sv_about = about.get_translation(swedish)
    publish(editor_client, sv_about, capture)

    sv_about.refresh_from_db()
    assert (sv_about.title, sv_about.introduction, sv_about.live) == ("Om oss", "Ingress.", True)
    assert client.get("/sv/om-oss/").status_code == 200

    # The Finnish page changes; the editor syncs it into the Swedish page.
    about.introduction = "Uusi johdanto."
    about.save_revision().publish()
    with capture(execute=True):
        response = editor_client.post(
            f"/admin/localize/update/{translation.source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302
    translate_string(editor_client, translation, "Uusi johdanto.", "Ny ingress.")
    publish(editor_client, sv_about, capture)

    sv_about.refresh_from_db()
    assert sv_about.introduction == "Ny ingress."
    assert sv_about.title == "Om oss"  # the earlier translation is kept
    assert "Ny ingress." in client.get("/sv/om-oss/").text
    assert sv_about.revisions.count() >= 2  # every publish is a revision

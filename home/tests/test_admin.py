"""The Wagtail admin works in Finnish and in Swedish, and editors get field errors, not tracebacks."""

import pytest
from wagtail.users.models import UserProfile

from home.models import SiteSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "sign_in"), [("fi", "Kirjaudu sisään"), ("sv", "Logga in")])
def test_login_page_follows_browser_language(client, language, sign_in):
    response = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert sign_in in response.text


@pytest.mark.parametrize(("language", "dashboard"), [("fi", "Kojelauta"), ("sv", "Instrumentpanel")])
def test_dashboard_in_editors_chosen_language(client, superuser, home_page, language, dashboard):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = language
    profile.save()
    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert f'lang="{language}"' in response.text
    assert dashboard in response.text


def test_login_with_password(client, superuser, home_page):
    response = client.post(
        "/admin/login/", {"username": "paakayttaja", "password": "salasana-123"}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated


def test_page_editor_shows_field_error_and_keeps_input(client, superuser, home_page):
    client.force_login(superuser)
    url = f"/admin/pages/add/home/standardpage/{home_page.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "",
            "slug": "",
            "introduction": "Kirjoitettu teksti säilyy",
            "body-count": "0",
        },
    )
    assert response.status_code == 200
    assert "Kirjoitettu teksti säilyy" in response.text
    assert "error-message" in response.text


def test_site_settings_reject_bad_postal_code(client, superuser, home_page):
    client.force_login(superuser)
    url = "/admin/settings/home/sitesettings/1/"
    response = client.post(
        url,
        {
            "organisation_name_fi": "Yhdistys",
            "organisation_name_sv": "",
            "postal_code": "7010",
            "social_links-count": "0",
            "partners-count": "0",
        },
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    assert response.status_code == 200
    assert "Postinumerossa on viisi numeroa." in response.text
    assert not SiteSettings.objects.filter(postal_code="7010").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["fi", "sv"])
def test_demo_pages_open_in_the_editor(client, language):
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Page

    call_command("load_demo")
    user = get_user_model().objects.create_superuser("toimittaja", "t@example.fi", "salasana-123")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    for page in Page.objects.filter(depth__gt=1):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 200, page.url_path
    assert client.get("/admin/settings/home/sitesettings/1/").status_code == 200

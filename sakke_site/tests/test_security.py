"""Security headers, the Content-Security-Policy, the login lockout, password rules and upload limits."""

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.users.models import UserProfile

from sakke_site.middleware import parse_policy


def assert_common_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    return policy


def test_public_page_has_strict_policy_and_may_not_be_framed(client, home_page):
    response = client.get(home_page.url)
    assert response.status_code == 200
    policy = assert_common_headers(response)
    assert policy["script-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"


def test_api_answers_carry_the_headers_too(client, home_page):
    for url in ("/api/v2/pages/?locale=fi", "/api/v2/no-such-endpoint/"):
        response = client.get(url)
        policy = assert_common_headers(response)
        assert "'unsafe-inline'" not in policy["script-src"]
        assert policy["frame-ancestors"] == ["'none'"]


def test_admin_policy_is_scoped_to_the_admin(client, superuser):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = assert_common_headers(response)
    # Wagtail's inline scripts run by a per-response nonce (test_admin_csp.py); its live preview frames
    # the admin itself.
    assert policy["script-src"][0] == "'self'" and policy["script-src"][1].startswith("'nonce-")
    assert "'unsafe-inline'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'self'"]

    client.force_login(superuser)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert parse_policy(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("path", ["/fi/widget/associations/", "/fi/widget/events/"])
def test_only_the_widgets_may_be_framed_by_other_sites(client, association_index, search_index, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = assert_common_headers(response)
    assert policy["frame-ancestors"] == ["*"]
    assert "X-Frame-Options" not in response
    # The widget's own directive does not loosen the rest of the policy.
    assert policy["script-src"] == ["'self'"]
    assert response["Content-Security-Policy"].count("frame-ancestors") == 1

    invalid = client.get(path, {"limit": "many"})
    assert invalid.status_code == 400
    assert parse_policy(invalid["Content-Security-Policy"])["frame-ancestors"] == ["*"]


@pytest.fixture
def english_admin(superuser):
    """The superuser with the admin in English, so the tests read Wagtail's and Django's own messages."""
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    return superuser


def log_in(client, password="salasana-123", **extra):
    return client.post("/admin/login/", {"username": "paakayttaja", "password": password}, **extra)


@pytest.fixture
def lockout(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def test_login_is_locked_after_too_many_failures(client, superuser, lockout):
    for _attempt in range(2):
        response = client.post("/admin/login/", {"username": "paakayttaja", "password": "väärin"})
        assert response.status_code == 200
        assert response.context["form"].errors

    third = client.post("/admin/login/", {"username": "paakayttaja", "password": "väärin"})
    assert third.status_code == 429
    with translation.override("fi"):  # the admin answers in Finnish, the default language
        assert translation.gettext("Too many failed login attempts") in third.text
    assert "15 minuutiksi" in third.text  # the cool-off time, in the Finnish text

    # Even the right password is refused until the cool-off has passed.
    right = client.post("/admin/login/", {"username": "paakayttaja", "password": "salasana-123"})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_address(client, superuser, django_user_model, lockout):
    django_user_model.objects.create_superuser("toinen", "toinen@example.fi", "salasana-456")
    for _attempt in range(3):
        client.post("/admin/login/", {"username": "paakayttaja", "password": "väärin"})
    assert log_in(client).status_code == 429

    # Another account from the same address, and the same account from another address, still log in.
    response = client.post("/admin/login/", {"username": "toinen", "password": "salasana-456"})
    assert response.status_code == 302
    client.logout()
    response = client.post(
        "/admin/login/", {"username": "paakayttaja", "password": "salasana-123"}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 302


def test_successful_login_resets_the_count(client, superuser, lockout):
    for _attempt in range(2):
        client.post("/admin/login/", {"username": "paakayttaja", "password": "väärin"})
    assert log_in(client).status_code == 302
    client.logout()
    for _attempt in range(2):
        client.post("/admin/login/", {"username": "paakayttaja", "password": "väärin"})
    assert log_in(client).status_code == 302


@pytest.mark.parametrize("password", ["lyhyt-sana1", "password1234", "123456789012345"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_is_accepted():
    validate_password("kolme karhua ja savolainen sauna")


def test_set_password_form_of_invited_editors_refuses_a_short_password(superuser):
    """The form behind the emailed "set your password" link (Wagtail's password reset confirm)."""
    form = SetPasswordForm(superuser, {"new_password1": "Lyhyt-1", "new_password2": "Lyhyt-1"})
    assert not form.is_valid()
    assert "new_password2" in form.errors


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("ohjelma.exe", b"MZ\x90\x00"),
        ("sivu.html", b"<script>alert(1)</script>"),
        ("kuva.svg", b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"),
    ],
)
def test_documents_of_other_types_are_refused_with_a_message(client, english_admin, name, content):
    client.force_login(english_admin)
    response = client.post(
        "/admin/documents/add/", {"title": name, "file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    extension = name.rsplit(".", 1)[1]
    assert f"File extension “{extension}” is not allowed" in response.text
    assert not get_document_model().objects.exists()


def test_documents_over_the_size_limit_are_refused(client, english_admin, settings):
    client.force_login(english_admin)
    too_big = SimpleUploadedFile("raportti.pdf", b"%PDF-1.4\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    response = client.post("/admin/documents/add/", {"title": "Raportti", "file": too_big})
    assert response.status_code == 200
    assert "This file is too big" in response.text
    assert not get_document_model().objects.exists()

    small = SimpleUploadedFile("raportti.pdf", b"%PDF-1.4\n")
    response = client.post("/admin/documents/add/", {"title": "Raportti", "file": small})
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


def test_images_must_be_images_of_the_allowed_types(client, english_admin, settings):
    client.force_login(english_admin)
    response = client.post(
        "/admin/images/add/", {"title": "Kuva", "file": SimpleUploadedFile("kuva.svg", b"<svg></svg>")}
    )
    assert response.status_code == 200
    assert "Not a supported image format" in response.text
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 50_000_000


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/v2/news/", {"tag": "\x00ËT\x00ð"}),  # found by `make fuzz-api` on PostgreSQL: a 500
        ("/api/v2/associations/", {"municipality": "297", "category": "a\x00b"}),
        ("/api/v2/events/", {"x\x00": "1"}),
    ],
)
def test_nul_character_in_an_api_parameter_is_a_400_with_a_message(client, home_page, path, params):
    response = client.get(path, params)
    assert response.status_code == 400
    assert "NUL character" in response.json()["message"]


def test_nul_character_in_a_page_or_admin_parameter_is_a_400(client, home_page, superuser):
    assert client.get("/fi/", {"tag": "a\x00"}).status_code == 400
    client.force_login(superuser)
    assert client.get("/admin/pages/search/", {"q": "\x00"}).status_code == 400
    assert client.get("/admin/pages/search/", {"q": "kuopio"}).status_code == 200

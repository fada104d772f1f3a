"""The admin's Content-Security-Policy: scripts only from the site or with the response's nonce.

Wagtail 8 renders inline scripts without nonces (chooser widgets, date pickers, inline panels, the
modal dialogs' HTML in JSON); the middleware gives them the nonce of the response, so the policy needs no
'unsafe-inline'. Measured in Chromium: dashboard, explorer, page editors with choosers, dates, inline
panels and StreamFields, image and page chooser modals, image focal point, translation editor, reports
all run with no violation but one harmless feature test of the focal point cropper (README "Security").
"""

import json
import re

import pytest
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from home.factories import StandardPageFactory
from sakke_site.middleware import parse_policy

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r"<script\b[^>]*>", re.IGNORECASE)


def nonce_of(response):
    sources = parse_policy(response["Content-Security-Policy"])["script-src"]
    assert "'unsafe-inline'" not in sources
    nonces = [source[len("'nonce-") : -1] for source in sources if source.startswith("'nonce-")]
    assert len(nonces) == 1, sources
    return nonces[0]


def test_every_admin_script_carries_the_nonce_of_its_response(client, superuser, home_page):
    client.force_login(superuser)
    page = StandardPageFactory(parent=home_page, title="Tiedote")
    first = client.get(f"/admin/pages/{page.pk}/edit/")
    second = client.get(f"/admin/pages/{page.pk}/edit/")
    assert first.status_code == second.status_code == 200
    nonce = nonce_of(first)
    assert nonce != nonce_of(second) and len(nonce) >= 22  # fresh and unguessable on each response
    html = first.content.decode()
    scripts = SCRIPT.findall(html)
    # The page editor has inline scripts of Wagtail's widgets (date and time pickers of the publishing
    # schedule) as well as script files.
    assert any("initDateTimeChooser" in part for part in html.split("<script")[1:])
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert int(first["Content-Length"]) == len(first.content)


def test_modal_html_in_json_gets_the_nonce_and_other_values_are_left_alone(
    client, superuser, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    ImageFactory(title="<script>alert(1)</script>", file=get_test_image_file())
    client.force_login(superuser)
    response = client.get("/admin/images/chooser/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    nonce = nonce_of(response)
    data = json.loads(response.content)
    scripts = SCRIPT.findall(data["html"])
    assert all(f'nonce="{nonce}"' in tag for tag in scripts)
    # The title the user typed is escaped in the modal's HTML, so it never gets the nonce.
    assert "<script>alert(1)</script>" not in data["html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in data["html"]


def test_public_pages_get_no_nonce_and_no_inline_scripts(client, home_page):
    response = client.get("/fi/")
    assert response.status_code == 200
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert "nonce=" not in response.content.decode()


def test_previews_and_drafts_get_the_public_policy(client, superuser, home_page):
    # A preview is the public page with whatever scripts an embed brought along: none of them may get the
    # admin's nonce. The admin's preview panel still frames it.
    page = StandardPageFactory(parent=home_page, title="Luonnos", slug="luonnos")
    client.force_login(superuser)
    for url in (f"/admin/pages/{page.pk}/view_draft/", f"/admin/pages/{page.pk}/edit/preview/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = parse_policy(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["frame-ancestors"] == ["'self'"], url
        assert "nonce=" not in response.content.decode(), url
    # The editor around it keeps the admin policy with its nonce.
    assert nonce_of(client.get(f"/admin/pages/{page.pk}/edit/"))


def test_the_html_of_a_json_answer_gets_the_nonce_and_nothing_else_does():
    # Wagtail's chooser modals of this version carry no inline script; a modal that does (a panel's
    # widget in a form inside a modal) is stamped like a page.
    from django.http import JsonResponse

    from sakke_site.middleware import add_nonce

    response = JsonResponse(
        {"html": '<form><script>init("x")</script></form>', "title": "<script>x</script>"}
    )
    response["Content-Length"] = str(len(response.content))
    add_nonce(response, "abc123")
    data = json.loads(response.content)
    assert data["html"] == '<form><script nonce="abc123">init("x")</script></form>'
    assert data["title"] == "<script>x</script>"
    assert int(response["Content-Length"]) == len(response.content)

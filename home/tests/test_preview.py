"""Headless preview: an editor previews a draft on the consuming site, which reads it from the API."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from django.test import RequestFactory, override_settings

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def test_without_a_consumer_only_the_site_preview_is_offered(home_page):
    page = StandardPageFactory(parent=home_page, title="Tiedote")
    assert [mode for mode, _label in page.preview_modes] == [""]


@override_settings(HEADLESS_PREVIEW_URL="https://kunta.example/preview")
def test_consumer_previews_a_draft_through_the_api(client, home_page, superuser, search_index):
    page = StandardPageFactory(parent=home_page, title="Tiedote")
    assert "consumer" in [mode for mode, _label in page.preview_modes]
    page.title = "Tiedote (luonnos)"  # an unsaved edit in the editor, as the preview sees it
    request = RequestFactory().get("/admin/")
    request.user = superuser
    response = page.serve_preview(request, "consumer")
    preview_url = re.search(r'src="([^"]+)"', response.content.decode()).group(1).replace("&amp;", "&")
    query = parse_qs(urlparse(preview_url).query)
    assert query["content_type"] == ["home.standardpage"]

    draft = client.get(
        "/api/v2/page_preview/", {"content_type": "home.standardpage", "token": query["token"][0]}
    )
    assert draft.status_code == 200
    assert draft.json()["title"] == "Tiedote (luonnos)"
    assert client.get("/api/v2/pages/", {"search": "luonnos"}).json()["meta"]["total_count"] == 0


def test_bad_preview_requests_answer_json(client):
    assert client.get("/api/v2/page_preview/").status_code == 400
    assert (
        client.get("/api/v2/page_preview/", {"content_type": "home.nothing", "token": "x"}).status_code == 400
    )
    bad = client.get("/api/v2/page_preview/", {"content_type": "home.standardpage", "token": "forged:token"})
    assert bad.status_code == 404 and bad.json()["message"]

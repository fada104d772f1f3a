"""The public site search finds live pages of the active language only."""

import pytest
from bs4 import BeautifulSoup

from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [heading.get_text(strip=True) for heading in soup.select(".search-results--pages h3")]


def test_finds_live_page_by_word(client, home_page, search_index):
    StandardPageFactory(parent=home_page, title="Vapaaehtoistyö", introduction="Tule mukaan auttamaan.")
    StandardPageFactory(parent=home_page, title="Luonnos", introduction="auttamaan", live=False)
    search_index.refresh()
    response = client.get("/fi/search/", {"q": "vapaaehtoistyö"})
    assert response.status_code == 200
    assert result_titles(response) == ["Vapaaehtoistyö"]


def test_swedish_search_does_not_return_finnish_pages(client, home_page, search_index):
    StandardPageFactory(parent=home_page, title="Vapaaehtoistyö")
    response = client.get("/sv/search/", {"q": "vapaaehtoistyö"})
    assert response.status_code == 200
    assert result_titles(response) == []


def test_empty_query_shows_instructions(client, home_page):
    response = client.get("/fi/search/")
    assert response.status_code == 200
    assert "Kirjoita hakusana" in response.text


def test_overlong_query_is_400_with_message(client, home_page):
    response = client.get("/fi/search/", {"q": "a" * 201})
    assert response.status_code == 400
    assert "Haku on liian pitkä" in response.text


def test_bad_page_number_falls_back(client, home_page, search_index):
    StandardPageFactory(parent=home_page, title="Kerho")
    search_index.refresh()
    for page in ("x", "999"):
        response = client.get("/fi/search/", {"q": "kerho", "page": page})
        assert response.status_code == 200
        assert result_titles(response) == ["Kerho"]


@pytest.mark.parametrize("path", ["/api/v2/search/autocomplete/", "/api/v2/search/", "/api/v2/associations/"])
def test_nul_character_in_a_query_is_not_a_server_error(client, home_page, search_index, path):
    # PostgreSQL refuses NUL in text; found by schemathesis in CI.
    response = client.get(path, {"q" if "search/" in path else "search": "ku\x00opio"})
    assert response.status_code == 400
    assert "NUL" in response.json()["message"]

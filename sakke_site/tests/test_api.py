"""The Wagtail API v2 router answers in JSON, filters by locale, and sends CORS headers to allowed origins."""

import pytest
from wagtail_localize.operations import TranslationCreator

pytestmark = pytest.mark.django_db


@pytest.fixture
def bilingual_home(home_page, swedish, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(home_page)
    sv_home = home_page.get_translation(swedish)
    sv_home.save_revision().publish()
    return home_page


def test_pages_filtered_by_locale(client, bilingual_home):
    fi = client.get(
        "/api/v2/pages/", {"locale": "fi", "type": "home.HomePage", "fields": "introduction"}
    ).json()
    sv = client.get("/api/v2/pages/", {"locale": "sv"}).json()
    assert [item["meta"]["locale"] for item in fi["items"]] == ["fi"]
    assert fi["items"][0]["introduction"] == "Pohjois-Savon yhdistykset yhdessä paikassa."
    assert [item["meta"]["locale"] for item in sv["items"]] == ["sv"]


def test_page_detail_has_body_and_introduction(client, home_page):
    data = client.get(f"/api/v2/pages/{home_page.pk}/").json()
    assert data["title"] == "Etusivu"
    assert data["introduction"] == "Pohjois-Savon yhdistykset yhdessä paikassa."
    assert data["body"] == []


def test_bad_parameter_is_400_with_message(client, home_page):
    response = client.get("/api/v2/pages/", {"limit": "lots"})
    assert response.status_code == 400
    assert "message" in response.json()


def test_unknown_page_is_404_json(client, home_page):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert "message" in response.json()


def test_cors_header_for_allowed_origin_only(client, home_page, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.kuopio.fi"]
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://www.kuopio.fi")
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://elsewhere.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://www.kuopio.fi"
    assert "Access-Control-Allow-Origin" not in other


def test_page_links_to_its_translations(client, bilingual_home, swedish):
    swedish_home = bilingual_home.get_translation(swedish)
    data = client.get(f"/api/v2/pages/{bilingual_home.pk}/").json()
    assert data["translations"] == [
        {
            "id": swedish_home.pk,
            "locale": "sv",
            "title": swedish_home.title,
            "html_url": swedish_home.full_url,
        }
    ]
    back = client.get(f"/api/v2/pages/{swedish_home.pk}/").json()
    assert [link["locale"] for link in back["translations"]] == ["fi"]


def test_api_v3_preview_reads_our_page_types_and_refuses_anonymous_writes(client, association_index):
    from associations.factories import AssociationPageFactory

    page = AssociationPageFactory(parent=association_index, title="Kuopion Latu ry")
    page.save_revision().publish()
    listing = client.get("/api/v3-preview/pages/", {"limit": 50})
    assert listing.status_code == 200
    assert page.pk in [item["id"] for item in listing.json()["items"]]
    detail = client.get(f"/api/v3-preview/pages/{page.pk}/").json()
    assert detail["meta"]["type"] == "associations.AssociationPage" and detail["title"] == "Kuopion Latu ry"
    write = client.post("/api/v3-preview/pages/", {}, content_type="application/json")
    assert write.status_code == 401


def test_streamfield_json_has_renditions_alt_text_resolved_links_and_page_urls(client, home_page):
    import json

    from wagtail.images.tests.utils import get_test_image_file
    from wagtail_factories import ImageFactory

    from home.factories import StandardPageFactory

    target = StandardPageFactory(parent=home_page, title="Yhteystiedot")
    image = ImageFactory(title="Kokous", file=get_test_image_file())
    raw = [
        {"type": "paragraph", "value": f'<p>Katso <a linktype="page" id="{target.pk}">yhteystiedot</a>.</p>'},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Ihmisiä kokouksessa", "decorative": False},
                "caption": "Kevätkokous",
                "credit": "",
            },
        },
        {
            "type": "call_to_action",
            "value": {
                "title": "Ota yhteyttä",
                "text": "",
                "button_text": "Soita",
                "page": target.pk,
                "url": "",
            },
        },
    ]
    page = StandardPageFactory(parent=home_page, title="Tietoa", body=json.dumps(raw))
    body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
    paragraph, figure, action = (block["value"] for block in body)
    assert f'href="{target.url}"' in paragraph  # internal link resolved to the public address
    assert figure["image"]["alt"] == "Ihmisiä kokouksessa" and figure["caption"] == "Kevätkokous"
    assert set(figure["image"]["renditions"]) == {"medium", "large"}
    assert figure["image"]["renditions"]["medium"]["url"].startswith("http")
    assert action["page"] == {"id": target.pk, "title": "Yhteystiedot", "html_url": target.full_url}

"""Every body block renders what the public should see and rejects what an editor can get wrong."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.images.tests.utils import get_test_image_file
from wagtail_factories import ImageFactory

from home import blocks
from home.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


def render(block, raw):
    value = block.to_python(raw)
    block.clean(value)
    return BeautifulSoup(block.render(value), "html.parser")


def errors_of(block, raw):
    with pytest.raises(ValidationError) as excinfo:
        block.clean(block.to_python(raw))
    return excinfo.value


@pytest.fixture
def image():
    return ImageFactory(title="Kokous", file=get_test_image_file())


def test_heading_renders_chosen_level():
    html = render(blocks.HeadingBlock(), {"text": "Toiminta", "level": "h3"})
    assert html.find("h3").get_text() == "Toiminta"


def test_heading_requires_text():
    errors = errors_of(blocks.HeadingBlock(), {"text": "", "level": "h2"})
    assert "text" in errors.block_errors


def test_paragraph_renders_rich_text():
    block = blocks.BaseStreamBlock().child_blocks["paragraph"]
    html = render(block, "<p>Tervetuloa <b>mukaan</b></p>")
    assert html.find("b").get_text() == "mukaan"


def test_figure_renders_image_with_alt_text(image):
    raw = {"image": {"image": image.pk, "alt_text": "Ihmisiä kokouksessa", "decorative": False}}
    html = render(blocks.FigureBlock(), {**raw, "caption": "Vuosikokous", "credit": ""})
    assert html.find("img")["alt"] == "Ihmisiä kokouksessa"
    assert html.find("figcaption").get_text(strip=True) == "Vuosikokous"


def test_figure_without_alt_text_is_rejected(image):
    raw = {"image": {"image": image.pk, "alt_text": "", "decorative": False}, "caption": "", "credit": ""}
    errors = errors_of(blocks.FigureBlock(), raw)
    assert "alt_text" in errors.block_errors["image"].block_errors


def test_decorative_figure_has_empty_alt(image):
    raw = {"image": {"image": image.pk, "alt_text": "", "decorative": True}, "caption": "", "credit": ""}
    assert render(blocks.FigureBlock(), raw).find("img")["alt"] == ""


def test_quote_renders_attribution():
    html = render(blocks.QuoteBlock(), {"text": "Yhdessä enemmän.", "attribution": "Jäsen"})
    assert html.find("blockquote").get_text(strip=True) == "Yhdessä enemmän."
    assert html.find("figcaption").get_text() == "Jäsen"


def test_quote_requires_text():
    assert "text" in errors_of(blocks.QuoteBlock(), {"text": "", "attribution": ""}).block_errors


def test_call_to_action_links_to_page(home_page, rf):
    page = StandardPageFactory(parent=home_page, slug="liity")
    raw = {"title": "Liity", "text": "", "button_text": "Lue lisää", "page": page.pk, "url": ""}
    block = blocks.CallToActionBlock()
    value = block.to_python(raw)
    block.clean(value)
    request = rf.get("/fi/")
    html = BeautifulSoup(block.render(value, context={"request": request}), "html.parser")
    assert html.find("a")["href"] == "/fi/liity/"


def test_call_to_action_needs_exactly_one_target(home_page):
    block = blocks.CallToActionBlock()
    neither = {"title": "Liity", "text": "", "button_text": "Lue", "page": None, "url": ""}
    both = {**neither, "page": home_page.pk, "url": "https://example.fi/"}
    for raw in (neither, both):
        assert set(errors_of(block, raw).block_errors) == {"page", "url"}


def test_embed_renders_with_title():
    # A stored embed is what Wagtail's embed finder returns without asking the provider again.
    Embed.objects.create(
        hash=get_embed_hash("https://video.example.fi/v/1"),
        url="https://video.example.fi/v/1",
        max_width=None,
        type="video",
        html='<iframe src="https://video.example.fi/e/1" title="Esittelyvideo"></iframe>',
        provider_name="Example",
    )
    html = render(
        blocks.VideoEmbedBlock(), {"embed": "https://video.example.fi/v/1", "title": "Esittelyvideo"}
    )
    assert html.find("iframe")["src"] == "https://video.example.fi/e/1"
    assert html.find("figcaption").get_text() == "Esittelyvideo"


def test_embed_requires_title_and_valid_address():
    errors = errors_of(blocks.VideoEmbedBlock(), {"embed": "ei osoite", "title": ""})
    assert {"embed", "title"} <= set(errors.block_errors)


def test_goal_list_renders_numbered_items():
    raw = {
        "heading": "Tavoitteet",
        "numbered": True,
        "items": [{"title": "Näkyvyys", "description": "Yhdistykset löytyvät."}, {"title": "Osallisuus"}],
    }
    html = render(blocks.GoalListBlock(), raw)
    assert [li.find("strong").get_text() for li in html.find("ol").find_all("li")] == [
        "Näkyvyys",
        "Osallisuus",
    ]


def test_goal_list_needs_an_item():
    errors = errors_of(blocks.GoalListBlock(), {"heading": "Tavoitteet", "numbered": True, "items": []})
    assert "items" in errors.block_errors


def test_partner_grid_uses_name_as_alt_text(image):
    raw = {
        "heading": "Kumppanit",
        "partners": [
            {"name": "Kuopion kaupunki", "logo": image.pk, "url": "https://www.kuopio.fi/"},
            {"name": "Kylätoimikunta", "logo": None, "url": ""},
        ],
    }
    html = render(blocks.PartnerLogoGridBlock(), raw)
    assert html.find("img")["alt"] == "Kuopion kaupunki"
    assert html.find("a")["href"] == "https://www.kuopio.fi/"
    assert "Kylätoimikunta" in html.get_text()


def test_partner_grid_rejects_bad_url():
    raw = {"heading": "", "partners": [{"name": "Seura", "logo": None, "url": "ei-osoite"}]}
    with pytest.raises(ValidationError):
        blocks.PartnerLogoGridBlock().clean(blocks.PartnerLogoGridBlock().to_python(raw))


def test_contact_card_renders_links():
    raw = {
        "name": "Maija Meikäläinen",
        "role": "Koordinaattori",
        "email": "maija@example.fi",
        "phone": "+358 40 123 4567",
        "photo": None,
        "description": "",
    }
    html = render(blocks.ContactCardBlock(), raw)
    hrefs = [a["href"] for a in html.find_all("a")]
    assert hrefs == ["mailto:maija@example.fi", "tel:+358401234567"]


def test_contact_card_rejects_bad_email_and_phone():
    raw = {"name": "Maija", "role": "", "email": "maija@", "phone": "soita", "photo": None, "description": ""}
    assert {"email", "phone"} <= set(errors_of(blocks.ContactCardBlock(), raw).block_errors)


def test_page_body_accepts_every_block(home_page, client, image):
    body = [
        {"type": "heading", "value": {"text": "Otsikko", "level": "h2"}},
        {"type": "paragraph", "value": "<p>Teksti</p>"},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "alt_text": "Kuva", "decorative": False},
                "caption": "",
                "credit": "",
            },
        },
        {"type": "quote", "value": {"text": "Lainaus", "attribution": ""}},
        {"type": "goal_list", "value": {"heading": "", "numbered": False, "items": [{"title": "Yksi"}]}},
        {
            "type": "contact_card",
            "value": {"name": "Nimi", "role": "", "email": "", "phone": "", "photo": None, "description": ""},
        },
    ]
    StandardPageFactory(parent=home_page, slug="kaikki", body=body)
    response = client.get("/fi/kaikki/")
    assert response.status_code == 200
    for text in ("Otsikko", "Teksti", 'alt="Kuva"', "Lainaus", "Yksi", "Nimi"):
        assert text in response.text

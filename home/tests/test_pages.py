"""Public pages in both languages, the language switcher, page type rules and the demo content."""

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.test import TestCase
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from home.factories import StandardPageFactory
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db


def switcher_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    nav = soup.find("nav", class_="language-switcher")
    return {a["hreflang"]: a["href"] for a in nav.find_all("a")}


def translate(page, locale, strings):
    """Translate `page` with wagtail-localize as an editor would, then publish the translation."""
    TranslationCreator(user=None, target_locales=[locale]).create_translations(page)
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)
    translation.source.update_from_db()
    po = translation.export_po()
    for entry in po:
        entry.msgstr = strings.get(entry.msgid, entry.msgstr)
    translation.import_po(po)
    # wagtail-localize publishes when the transaction commits; each editor action is its own request.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(locale)


@pytest.fixture
def about(home_page):
    return StandardPageFactory(parent=home_page, title="Tietoa meistä", slug="tietoa", show_in_menus=True)


def test_root_redirects_by_browser_language(client, home_page):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="sv-FI,sv;q=0.9").url == "/sv/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fi").url == "/fi/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/fi/"


def test_finnish_and_swedish_home_pages_render(client, home_page, swedish):
    translate(home_page, swedish, {"Etusivu": "Startsida", "etusivu": "startsida"})
    fi = client.get("/fi/")
    sv = client.get("/sv/")
    assert fi.status_code == sv.status_code == 200
    assert '<html lang="fi">' in fi.text and "<h1>Etusivu</h1>" in fi.text
    assert '<html lang="sv">' in sv.text and "<h1>Startsida</h1>" in sv.text
    assert "Hoppa till huvudinnehållet" in sv.text
    assert "Siirry pääsisältöön" in fi.text


def test_translated_page_and_switcher_link_the_two(client, home_page, about, swedish):
    translate(home_page, swedish, {"Etusivu": "Startsida", "etusivu": "startsida"})
    sv_about = translate(about, swedish, {"Tietoa meistä": "Om oss", "tietoa": "om-oss"})
    assert sv_about.locale == swedish and sv_about.live
    assert sv_about.title == "Om oss"

    fi_response = client.get("/fi/tietoa/")
    sv_response = client.get("/sv/om-oss/")
    assert sv_response.status_code == 200
    assert switcher_links(fi_response) == {"sv": "/sv/om-oss/"}
    assert switcher_links(sv_response) == {"fi": "/fi/tietoa/"}


def test_switcher_falls_back_to_home_of_other_language(client, home_page, about, swedish):
    translate(home_page, swedish, {"Etusivu": "Startsida", "etusivu": "startsida"})
    response = client.get("/fi/tietoa/")
    assert switcher_links(response) == {"sv": "/sv/"}


def test_changes_to_finnish_page_sync_into_translation(client, home_page, about, swedish):
    translate(home_page, swedish, {"Etusivu": "Startsida", "etusivu": "startsida"})
    translate(about, swedish, {"Tietoa meistä": "Om oss", "tietoa": "om-oss"})

    about.introduction = "Uusi johdanto."
    about.save_revision().publish()
    sv_about = translate(about, swedish, {"Uusi johdanto.": "En ny ingress."})

    assert sv_about.introduction == "En ny ingress."
    assert sv_about.title == "Om oss"  # earlier translations are kept


def test_main_menu_lists_pages_shown_in_menus(client, home_page, about):
    StandardPageFactory(parent=home_page, title="Piilotettu", show_in_menus=False)
    soup = BeautifulSoup(client.get("/fi/").content, "html.parser")
    menu = [a.get_text(strip=True) for a in soup.find("nav", class_="main-nav").find_all("a")]
    assert menu == ["Etusivu", "Tietoa meistä"]


def test_page_has_landmarks_and_skip_link(client, home_page, about):
    soup = BeautifulSoup(client.get("/fi/tietoa/").content, "html.parser")
    skip = soup.find("a", class_="skip-link")
    assert skip["href"] == "#main" and soup.find("main", id="main")
    assert soup.find("header") and soup.find("footer")
    assert soup.find("form", role="search")
    assert soup.find("meta", attrs={"name": "viewport"})
    # Nothing is loaded from other sites (hreflang links name the page's language versions, loading nothing).
    for tag in soup.find_all(["link", "script", "img"]):
        if "alternate" in tag.get("rel", []):
            continue
        url = tag.get("href") or tag.get("src") or ""
        assert not url.startswith(("http:", "https:", "//")), url


def test_unknown_page_is_404(client, home_page):
    assert client.get("/fi/ei-ole/").status_code == 404


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (HomePage, Page, True),
        (StandardPage, Page, False),
        (StandardPage, HomePage, True),
        (StandardPage, StandardPage, True),
        (HomePage, HomePage, False),
        (HomePage, StandardPage, False),
    ],
)
def test_page_type_rules(child, parent, allowed):
    assert (parent in child.allowed_parent_page_models()) is allowed
    assert (child in parent.allowed_subpage_models()) is allowed


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_load_demo_is_bilingual_and_idempotent(client):
    call_command("load_demo")
    pages = Page.objects.count()
    call_command("load_demo")
    assert Page.objects.count() == pages

    for path, heading in [
        ("/fi/", "Pohjois-Savon järjestötietopalvelu"),
        ("/sv/", "Föreningsinformation i Norra Savolax"),
        ("/fi/saavutettavuusseloste/", "Saavutettavuusseloste"),
        ("/sv/tillganglighetsutlatande/", "Tillgänglighetsutlåtande"),
        ("/sv/om-tjansten/", "Om tjänsten"),
        ("/sv/kontakt/", "Kontaktuppgifter"),
    ]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert f"<h1>{heading}</h1>" in response.text
    sv_home = client.get("/sv/").text
    assert "Föreningarnas kunnande först" in sv_home  # block texts are translated too
    assert "Yhdistysten osaaminen ensin" not in sv_home
    # The footer links to the accessibility statement in the page's own language.
    assert 'href="/sv/tillganglighetsutlatande/"' in sv_home


def test_not_found_page_is_translated(client, home_page):
    response = client.get("/sv/finns-inte/")
    assert response.status_code == 404
    assert "Sidan hittades inte" in response.text
    assert '<html lang="sv">' in response.text


def test_sitemap_lists_pages(client, home_page, about):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert "/fi/tietoa/" in response.text


# Two of them read the page's public language versions for its hreflang links (home/translation_links.py).
@pytest.mark.parametrize(("path", "max_queries"), [("/fi/tietoa/", 19), ("/sv/om-oss/", 22)])
def test_page_query_count_is_pinned(
    client, home_page, about, swedish, path, max_queries, django_assert_max_num_queries
):
    translate(home_page, swedish, {"Etusivu": "Startsida", "etusivu": "startsida"})
    translate(about, swedish, {"Tietoa meistä": "Om oss", "tietoa": "om-oss"})
    # Menu entries do not add queries: the menu is one query however long it is.
    for number in range(8):
        StandardPageFactory(parent=home_page, title=f"Valikossa {number}", show_in_menus=True)
    with django_assert_max_num_queries(max_queries):
        assert client.get(path).status_code == 200

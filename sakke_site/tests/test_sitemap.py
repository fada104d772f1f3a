"""/sitemap.xml lists every public page in both languages with its language versions, /robots.txt points
at it, and each public page names its language versions in <head> (hreflang)."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.urls import resolve
from django.utils import translation
from wagtail.models import PageViewRestriction

from home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# The address of Wagtail's default Site in a fresh database (the test settings give no PUBLIC_BASE_URL).
ROOT = "http://localhost"


def sitemap_entries(client):
    """{address: {hreflang: address}} of /sitemap.xml, read with an XML parser."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    urlset = ET.fromstring(response.content)
    assert urlset.tag == f"{SITEMAP}urlset"
    entries = {}
    for url in urlset.findall(f"{SITEMAP}url"):
        links = url.findall(f"{XHTML}link")
        assert all(link.get("rel") == "alternate" for link in links)
        entries[url.findtext(f"{SITEMAP}loc")] = {link.get("hreflang"): link.get("href") for link in links}
    return entries


def head_alternates(response):
    """{hreflang: href} of the <link rel="alternate" hreflang> elements in the page's <head>."""
    head = BeautifulSoup(response.content, "html.parser").head
    links = head.find_all("link", rel="alternate", hreflang=True)
    alternates = {link["hreflang"]: link["href"] for link in links}
    assert len(alternates) == len(links), "one link per language"
    return alternates


def public_translation(private, translate):
    """The Swedish translation of a private page, made public (a translation copies the restriction)."""
    swedish = translate(private, {"Yksityinen": "Privat", "yksityinen": "privat"})
    PageViewRestriction.objects.filter(page=swedish).delete()
    return swedish


@pytest.fixture
def pages(home_page, translate):
    """A page translated into Swedish, a Finnish-only page, a draft and a page behind a login."""
    about = publish(StandardPageFactory(parent=home_page, title="Tietoa", slug="tietoa"))
    sv_home = translate(home_page, {"Etusivu": "Startsida", home_page.slug: "startsida"})
    sv_about = translate(about, {"Tietoa": "Om oss", "tietoa": "om-oss"})
    only_finnish = publish(StandardPageFactory(parent=home_page, title="Vain suomeksi", slug="vain-suomeksi"))
    draft = StandardPageFactory(parent=home_page, title="Luonnos", slug="luonnos", live=False)
    private = publish(StandardPageFactory(parent=home_page, title="Yksityinen", slug="yksityinen"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return {
        "about": about,
        "sv_home": sv_home,
        "sv_about": sv_about,
        "only_finnish": only_finnish,
        "draft": draft,
        "private": private,
    }


def test_sitemap_lists_both_languages_with_their_alternates(client, pages):
    entries = sitemap_entries(client)
    about = {"fi": f"{ROOT}/fi/tietoa/", "sv": f"{ROOT}/sv/om-oss/", "x-default": f"{ROOT}/fi/tietoa/"}
    # The Swedish tree is in the sitemap, though the site's root page is the Finnish home page.
    assert entries[f"{ROOT}/sv/om-oss/"] == about
    assert entries[f"{ROOT}/fi/tietoa/"] == about
    assert entries[f"{ROOT}/sv/"] == {"fi": f"{ROOT}/fi/", "sv": f"{ROOT}/sv/", "x-default": f"{ROOT}/fi/"}
    # A page without a translation names itself only.
    alone = f"{ROOT}/fi/vain-suomeksi/"
    assert entries[alone] == {"fi": alone, "x-default": alone}
    assert set(entries) == {
        f"{ROOT}/fi/",
        f"{ROOT}/sv/",
        f"{ROOT}/fi/tietoa/",
        f"{ROOT}/sv/om-oss/",
        alone,
    }


def test_sitemap_leaves_out_drafts_and_private_pages_and_their_translations(client, pages, translate):
    # The private page's Swedish version is public itself, but the Finnish one must not be named by it.
    sv_private = public_translation(pages["private"], translate)
    entries = sitemap_entries(client)
    addresses = set(entries) | {href for links in entries.values() for href in links.values()}
    assert not any(slug in address for address in addresses for slug in ("luonnos", "yksityinen"))
    assert entries[sv_private.full_url] == {"sv": sv_private.full_url, "x-default": sv_private.full_url}


def test_sitemap_query_count_is_pinned(client, pages, django_assert_max_num_queries):
    for _number in range(10):
        publish(StandardPageFactory(parent=pages["about"]))
    # The site, its root's translations, the view restrictions (home.visibility), the language versions, the
    # count, the pages and one query per page type (Wagtail's .specific(): here two); none per page.
    with django_assert_max_num_queries(8):
        assert len(sitemap_entries(client)) == 15


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_non_public_paths(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert client.head("/robots.txt").status_code == 200
    lines = [line for line in response.text.splitlines() if line and not line.startswith("#")]
    assert lines[0] == "User-agent: *"
    assert f"Sitemap: {ROOT}/sitemap.xml" in lines
    rules = [line.split(": ", 1) for line in lines[1:] if not line.startswith("Sitemap:")]
    disallowed = {path for rule, path in rules if rule == "Disallow"}
    assert {"/admin/", "/api/", "/fi/search/", "/sv/search/"} <= disallowed
    assert {path for rule, path in rules if rule == "Allow"} == {"/api/docs/", "/api/schema/"}
    # Each rule names a path the site has (a wildcard stands for an association's id).
    expected = {
        "search": "search",
        "newsletter/confirm": "newsletter_confirm",
        "newsletter/preferences": "newsletter_preferences",
        "newsletter/unsubscribe": "newsletter_unsubscribe",
        "associations/*/report": "association_report_outdated",
    }
    for language in ("fi", "sv"):
        for path, name in expected.items():
            assert f"/{language}/{path}/" in disallowed
            example = f"/{language}/{path}/".replace("*", "1") + ("token/" if "newsletter" in path else "")
            with translation.override(language):
                assert resolve(example).url_name == name
    # Pages, feeds, documents and images stay open.
    assert not any(path in disallowed for path in ("/", "/fi/", "/sv/", "/documents/", "/media/"))


def test_swedish_page_names_its_language_versions_in_head(client, pages):
    expected = {"fi": f"{ROOT}/fi/tietoa/", "sv": f"{ROOT}/sv/om-oss/", "x-default": f"{ROOT}/fi/tietoa/"}
    assert head_alternates(client.get("/sv/om-oss/")) == expected
    assert head_alternates(client.get("/fi/tietoa/")) == expected


def test_a_filtered_or_paged_address_names_no_language_versions(client, pages):
    # The other versions' addresses do not show what /sv/om-oss/?sida=2 shows.
    assert head_alternates(client.get("/sv/om-oss/", {"sida": "2"})) == {}


def test_page_without_translation_names_itself_only(client, pages):
    alone = f"{ROOT}/fi/vain-suomeksi/"
    assert head_alternates(client.get("/fi/vain-suomeksi/")) == {"fi": alone, "x-default": alone}


def test_private_page_names_no_language_versions(client, pages, superuser, translate):
    public_translation(pages["private"], translate)
    client.force_login(superuser)
    response = client.get("/fi/yksityinen/")
    assert response.status_code == 200
    assert head_alternates(response) == {}
    # Its public Swedish version does not name it either.
    assert head_alternates(client.get("/sv/privat/")) == {
        "sv": f"{ROOT}/sv/privat/",
        "x-default": f"{ROOT}/sv/privat/",
    }


def test_views_that_are_not_pages_have_no_hreflang_links(client, home_page):
    response = client.get("/fi/search/")
    assert response.status_code == 200
    assert head_alternates(response) == {}

"""PUBLIC_BASE_URL gives every absolute link: the default Wagtail Site follows it after `migrate`, and the
sitemap, feeds, the API, HSDS, JSON-LD and hreflang links then carry it."""

import json
import logging
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page, Site

from home.factories import StandardPageFactory, publish
from news.factories import NewsIndexPageFactory, NewsPageFactory
from sakke_site.site_address import follow_public_base_url
from sakke_site.tests.test_settings import run_python

pytestmark = pytest.mark.django_db

PUBLIC = "https://jarjestot.example.fi"


@pytest.fixture
def public_address(settings):
    """The site configured at PUBLIC, as the settings derive it from the environment (tested below)."""
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.WAGTAILAPI_BASE_URL = PUBLIC
    return PUBLIC


def default_site():
    return Site.objects.get(is_default_site=True)


def test_migrate_moves_the_default_site_to_the_public_address(public_address, home_page):
    call_command("migrate", verbosity=0)
    site = default_site()
    assert (site.hostname, site.port, site.root_url) == ("jarjestot.example.fi", 443, PUBLIC)
    assert home_page.full_url == f"{PUBLIC}/fi/"


def test_a_served_port_is_kept(settings, home_page):
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8123"
    assert follow_public_base_url() is not None
    assert default_site().root_url == "http://127.0.0.1:8123"
    assert Page.objects.get(pk=home_page.pk).full_url == "http://127.0.0.1:8123/fi/"


def test_the_site_is_left_alone_without_the_setting(home_page):
    assert follow_public_base_url() is None
    call_command("migrate", verbosity=0)
    assert (default_site().hostname, default_site().port) == ("localhost", 80)


def test_following_again_changes_nothing(public_address, home_page, django_assert_num_queries):
    assert follow_public_base_url() is not None
    with django_assert_num_queries(1):  # reads the default site, writes nothing
        assert follow_public_base_url() is None


def test_only_the_default_site_moves(public_address, home_page):
    other_root = StandardPageFactory(parent=Page.get_first_root_node(), slug="toinen")
    other = Site.objects.create(hostname="toinen.example.fi", port=443, root_page=other_root)
    follow_public_base_url()
    other.refresh_from_db()
    assert (other.hostname, other.port, other.is_default_site) == ("toinen.example.fi", 443, False)
    assert default_site().root_url == PUBLIC


def test_an_address_another_site_has_is_not_taken(public_address, home_page, caplog):
    other_root = StandardPageFactory(parent=Page.get_first_root_node(), slug="toinen")
    Site.objects.create(hostname="jarjestot.example.fi", port=443, root_page=other_root, site_name="Toinen")
    with caplog.at_level(logging.WARNING, logger="sakke_site.site_address"):
        assert follow_public_base_url() is None
    assert (default_site().hostname, default_site().port) == ("localhost", 80)
    assert "already has that address" in caplog.text


def test_absolute_links_follow_the_public_address(client, public_address, home_page, latu, translate):
    news_index = publish(NewsIndexPageFactory(parent=home_page))
    publish(NewsPageFactory(parent=news_index, title="Uutinen", slug="uutinen"))
    translate(home_page, {"Etusivu": "Startsida", home_page.slug: "startsida"})
    call_command("migrate", verbosity=0)

    sitemap = ET.fromstring(client.get("/sitemap.xml").content)
    addresses = [element.text for element in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    addresses += [link.get("href") for link in sitemap.iter("{http://www.w3.org/1999/xhtml}link")]
    assert f"{PUBLIC}/sv/" in addresses
    assert addresses and all(address.startswith(f"{PUBLIC}/") for address in addresses)

    assert f"Sitemap: {PUBLIC}/sitemap.xml" in client.get("/robots.txt").text

    feed = ET.fromstring(client.get(news_index.url + "rss/").content)
    links = [feed.findtext("channel/link"), *(item.findtext("link") for item in feed.iter("item"))]
    assert links[1:] and all(link.startswith(f"{PUBLIC}/fi/uutiset/") for link in links)

    pages = client.get("/api/v2/pages/", {"type": "news.NewsPage"}).json()["items"]
    assert pages[0]["meta"]["detail_url"] == f"{PUBLIC}/api/v2/pages/{pages[0]['id']}/"
    assert pages[0]["meta"]["html_url"] == f"{PUBLIC}/fi/uutiset/uutinen/"
    home = client.get(f"/api/v2/pages/{home_page.pk}/").json()
    assert home["translations"][0]["html_url"] == f"{PUBLIC}/sv/"

    organization = client.get("/api/hsds/organizations/").json()["contents"][0]
    assert organization["uri"] == latu.full_url == f"{PUBLIC}/fi/yhdistykset/latu/"

    profile = BeautifulSoup(client.get(latu.url).content, "html.parser")
    json_ld = [json.loads(script.string) for script in profile.find_all("script", type="application/ld+json")]
    assert any(data.get("url") == latu.full_url for data in json_ld)
    head = profile.head.find_all("link", rel="alternate", hreflang=True)
    assert {link["hreflang"]: link["href"] for link in head} == {
        "fi": latu.full_url,
        "x-default": latu.full_url,
    }


def test_settings_derive_the_admin_and_api_addresses_from_it():
    show = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.PUBLIC_BASE_URL, s.WAGTAILADMIN_BASE_URL, s.WAGTAILAPI_BASE_URL)"
    )
    result = run_python(show, "sakke_site.settings.dev", PUBLIC_BASE_URL="http://127.0.0.1:8123/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8123"] * 3
    # An installation that gives WAGTAILADMIN_BASE_URL only keeps it for both, as before.
    result = run_python(show, "sakke_site.settings.dev", PUBLIC_BASE_URL="", WAGTAILADMIN_BASE_URL=PUBLIC)
    assert result.stdout.split() == [PUBLIC, PUBLIC]


@pytest.mark.parametrize(
    "value",
    [
        "jarjestot.example.fi",
        "ftp://jarjestot.example.fi",
        f"{PUBLIC}/jarjestot",
        f"{PUBLIC}:8443",
        "http://x:443",
    ],
)
def test_an_address_wagtail_cannot_serve_refuses_to_start(value):
    result = run_python("import django; django.setup()", "sakke_site.settings.dev", PUBLIC_BASE_URL=value)
    assert result.returncode != 0
    assert "PUBLIC_BASE_URL" in result.stderr

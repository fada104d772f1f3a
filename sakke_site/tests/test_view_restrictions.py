"""Private pages (Privacy: login, password or groups, on the page or an ancestor) never reach a visitor
without an account: not through the pages, the API, HSDS, search, feeds, widgets, open data, statistics,
the sitemap or a newsletter (home.visibility.public_pages). A public page of each kind is the control.

The URLs come from the URL configuration, the API router and the routable pages' routes: a new endpoint
fails test_every_public_url_is_visited until it is visited here or named as not reading pages.
"""

import datetime
import io
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.urls import URLResolver, get_resolver, resolve
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, PageViewRestriction

from associations.factories import AssociationIndexPageFactory, AssociationPageFactory
from associations.models import Category
from home.factories import StandardPageFactory, publish
from news.factories import EventIndexPageFactory, EventPageFactory, NewsIndexPageFactory, NewsPageFactory
from news.models import NewsletterIssue
from news.newsletter.sending import send_test
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data
from sakke_site.api import api_router
from stats.models import StatisticsPage

pytestmark = pytest.mark.django_db

# Everything private carries this word (titles, slugs, e-mail addresses); the phone numbers are below.
SECRET = "zorblax"
SECRET_PHONES = ("987 6543", "9876543")
# Everything public carries this word, and so do the private pages: searches for it would find both.
SHARED = "Kantele"

# Routes that read no page content, or only with a token or for an editor, and why they are not walked.
NOT_PAGE_READS = {
    "api/schema/": "the OpenAPI document: endpoint descriptions, no content",
    "api/docs/": "the OpenAPI document's viewer",
    "api/v2/page_preview/": "drafts behind an editor's preview token (home.preview_api)",
    "api/v2/images/": "images: collections' privacy, not page privacy",
    "api/v2/documents/": "documents: collections' privacy, not page privacy",
    "api/v2/municipalities/<str:key>/": "a taxonomy term",
    "api/v2/categories/<str:key>/": "a taxonomy term",
    "api/v2/target_groups/<str:key>/": "a taxonomy term",
    "api/v3-preview/openapi.json": "the OpenAPI document",
    "api/v3-preview/docs/": "the OpenAPI document's viewer",
    "healthz": "health check",
    "robots.txt": "rules for crawlers and the sitemap's address (sakke_site/tests/test_sitemap.py)",
    "media/": "uploaded images, never documents (sakke_site/media.py, sakke_site/tests/test_media.py)",
    "documents/": "documents: collections' privacy, not page privacy",
    "_util/": "Wagtail's own login and password forms for private pages",
    "newsletter/": "newsletter forms (the issue's content is tested by sending one)",
    "news/offer/": "a public form; its association choices are tested separately",
    "associations/register/": "a public form",
}
# v3-preview routes that write or need an editor's token: only the public reads are walked.
V3_PUBLIC_READS = ("pages/", "pages/find/", "pages/<page_id>/", "")


def restrict(page, kind, group=None):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="salasana" if kind == PageViewRestriction.PASSWORD else ""
    )
    if group:
        restriction.groups.add(group)
    return restriction


def activity(title):
    return [("activity", {"title": title, "weekdays": ["tue"], "place": "Kylätalo"})]


@pytest.fixture
def content(home_page, association_index, finnish, search_index):
    """One public and one private page of each kind, and public pages that refer to the private ones."""
    soon = timezone.now() + datetime.timedelta(days=30)
    category = Category.objects.filter(locale=finnish).first()

    def association(parent, title, slug, email, phone):
        page = AssociationPageFactory(
            parent=parent,
            title=title,
            slug=slug,
            summary=f"{SHARED}-yhdistys {title}.",
            email=email,
            phone=phone,
            business_id="",
            activities=activity(f"{SHARED}-ilta {title}"),
        )
        page.categories = [category]
        page.save()
        return publish(page)

    public = association(
        association_index, f"Avoin {SHARED} ry", "avoin", "avoin@example.fi", "+358 40 111 2222"
    )
    private = association(
        association_index,
        f"Zorblax {SHARED} ry",
        "zorblax-seura",
        "zorblax.seura@example.fi",
        "+358 44 987 6543",
    )
    restrict(private, PageViewRestriction.LOGIN)
    # A private section: the restriction is on the directory, the association below it inherits it.
    members = publish(
        AssociationIndexPageFactory(parent=home_page, title="Zorblax-jäsenet", slug="zorblax-jasenet")
    )
    hidden = association(
        members, f"Zorblax {SHARED} kerho ry", "zorblax-kerho", "zorblax.kerho@example.fi", ""
    )
    restrict(members, PageViewRestriction.PASSWORD)

    news_index = publish(NewsIndexPageFactory(parent=home_page))
    public_news = NewsPageFactory(parent=news_index, title=f"Avoin {SHARED}-uutinen", slug="avoin-uutinen")
    public_news.related_associations = [public, private, hidden]
    public_news.save()
    publish(public_news)
    private_news = publish(
        NewsPageFactory(parent=news_index, title=f"Zorblax {SHARED}-uutinen", slug="zorblax-uutinen")
    )
    private_news.related_associations = [public]
    publish(private_news)
    restrict(private_news, PageViewRestriction.PASSWORD)

    event_index = publish(EventIndexPageFactory(parent=home_page))
    # A public event whose organiser is private: the event shows, its organiser's name and address do not.
    public_event = EventPageFactory(
        parent=event_index,
        title=f"Avoin {SHARED}-konsertti",
        slug="avoin-konsertti",
        start=soon,
        end=soon + datetime.timedelta(hours=2),
        organiser_association=private,
        organiser_name="",
    )
    public_event.related_associations = [public, private]
    publish(public_event)
    private_event = EventPageFactory(
        parent=event_index,
        title=f"Zorblax {SHARED}-tapahtuma",
        slug="zorblax-tapahtuma",
        start=soon,
        end=soon + datetime.timedelta(hours=2),
        organiser_association=public,
    )
    publish(private_event)
    restrict(private_event, PageViewRestriction.GROUPS, Group.objects.get(name="Koordinaattorit"))

    def programme(title, slug, parties):
        action = action_data(f"{SHARED}-toimenpide {title}", associations=parties, start=(2025, None))
        themes = [theme_data(f"{SHARED}-teema {title}", goal_data(f"{SHARED}-tavoite {title}", action))]
        return publish(ProgrammePageFactory(parent=home_page, title=title, slug=slug, themes=themes))

    public_programme = programme(f"Avoin {SHARED}-ohjelma", "avoin-ohjelma", [public, private])
    private_programme = programme(f"Zorblax {SHARED}-ohjelma", "zorblax-ohjelma", [public])
    restrict(private_programme, PageViewRestriction.LOGIN)

    statistics = StatisticsPage(title="Tilastot", slug="tilastot", introduction="Lukuja.")
    home_page.add_child(instance=statistics)
    publish(statistics)
    public_page = publish(
        StandardPageFactory(parent=home_page, title=f"Avoin {SHARED}-sivu", slug="avoin-sivu")
    )
    private_page = publish(
        StandardPageFactory(parent=home_page, title=f"Zorblax {SHARED}-sivu", slug="zorblax-sivu")
    )
    restrict(private_page, PageViewRestriction.LOGIN)
    # An editor's pick of a private page for the shared word.
    SearchPromotion.objects.create(query=Query.get(SHARED.lower()), page=private_page, sort_order=0)
    cache.clear()  # what earlier requests of this test process cached
    search_index.refresh()
    return {
        "public": public,
        "private": private,
        "hidden": hidden,
        "public_news": public_news,
        "private_news": private_news,
        "public_event": public_event,
        "private_event": private_event,
        "public_programme": public_programme,
        "private_programme": private_programme,
        "statistics": statistics,
        "public_page": public_page,
        "private_page": private_page,
        "news_index": news_index,
        "event_index": event_index,
        "members": members,
    }


def text_of(response):
    """What the response gives the visitor, as lower-case text (spreadsheets cell by cell)."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in response.get("Content-Type", ""):
        book = load_workbook(io.BytesIO(content), read_only=True)
        cells = [str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row]
        return " ".join(cells).lower()
    return content.decode("utf-8", errors="replace").lower()


def assert_nothing_private(response, url):
    text = text_of(response)
    assert SECRET not in text, f"{url} shows a private page"
    for phone in SECRET_PHONES:
        assert phone not in text, f"{url} shows a private association's phone number"


def routable_urls(pages):
    """Every route of the routable pages among `pages` (parameters filled in with real values)."""
    values = {"code": "297", "extension": ["csv", "xlsx"]}
    urls = []
    for page in pages:
        if not isinstance(page, RoutablePageMixin):
            continue
        for pattern in page.get_subpage_urls():
            if not pattern.name:
                continue
            names = list(pattern.pattern.regex.groupindex)
            choices = [values[name] if isinstance(values[name], list) else [values[name]] for name in names]
            for combination in zip(*choices, strict=True) if choices else [()]:
                kwargs = dict(zip(names, combination, strict=True))
                urls.append(page.url + page.reverse_subpage(pattern.name, kwargs=kwargs).lstrip("/"))
    return urls


def public_urls(content):
    """Every address a visitor without an account can read pages from, filled in with the test's data."""
    private = [
        content[key]
        for key in ("private", "hidden", "private_news", "private_event", "private_programme", "private_page")
    ]
    query = SHARED.lower()
    pages = [page.specific for page in Page.objects.live().filter(depth__gt=1)]
    urls = [page.url for page in pages]  # private ones too: they must answer with a login, not content
    urls += routable_urls([page for page in pages if page.pk not in {p.pk for p in private}])
    urls += [page.url + "ical/" for page in private if hasattr(page, "ical")]
    directory = content["public"].get_parent().url
    urls += [
        f"{directory}?q={query}",
        f"{directory}?category=" + content["public"].categories.first().slug,
        f"{content['news_index'].url}?association={content['public'].pk}",
        f"{content['event_index'].url}?association={content['public'].pk}",
        f"{content['event_index'].url}ical/?association={content['public'].pk}",
        f"/fi/search/?q={query}",
        f"/fi/search/?q={SECRET}",
        "/fi/search/?municipality=297",
        "/fi/associations/open-data.csv",
        "/fi/associations/open-data.json",
        f"/fi/associations/{content['public'].pk}/report/",
        f"/fi/associations/{content['public'].pk}/report/thanks/",
        "/fi/widget/associations/",
        "/fi/widget/associations/?municipality=297",
        "/fi/widget/events/",
        f"/fi/widget/events/?association={content['public'].pk}",
        "/sitemap.xml",
    ]
    for page in private:
        if page.specific_class.__name__ == "AssociationPage":
            urls += [f"/fi/associations/{page.pk}/report/", f"/fi/associations/{page.pk}/report/thanks/"]
            urls += [
                f"{content['news_index'].url}?association={page.pk}",
                f"/fi/widget/events/?association={page.pk}",
            ]

    api = "/api/v2/"
    urls += [
        f"{api}pages/",
        f"{api}pages/?search={query}",
        f"{api}pages/?type=associations.AssociationPage&fields=*",
        f"{api}pages/?type=news.NewsPage&fields=*",
        f"{api}pages/?type=news.EventPage&fields=*",
        f"{api}pages/?type=programme.ProgrammePage&fields=*",
        f"{api}pages/find/?html_path={content['public_page'].url}",
        f"{api}associations/",
        f"{api}associations/?search={query}",
        f"{api}associations/?search={SECRET}",
        f"{api}associations/find/",
        f"{api}search/?q={query}",
        f"{api}search/?q={SECRET}",
        f"{api}search/autocomplete/?q={query[:4]}",
        f"{api}search/autocomplete/?q={SECRET[:4]}",
        f"{api}municipalities/",
        f"{api}categories/",
        f"{api}target_groups/",
        f"{api}programmes/",
        f"{api}news/",
        f"{api}events/",
        f"{api}events/?when=all",
        f"{api}statistics/",
        "/api/hsds/",
        "/api/hsds",
        "/api/hsds/organizations/",
        "/api/hsds/services/",
        "/api/hsds/taxonomy_terms/",
        "/api/hsds/organizations/?full_service=true",
        "/api/hsds/services/?full=true",
        "/api/hsds/service_at_locations/?full=true",
        f"/api/hsds/service_at_locations/{uuid.uuid4()}",
        "/api/hsds/taxonomies/",
        f"/api/hsds/taxonomies/{uuid.uuid4()}",
        f"/api/hsds/taxonomy_terms/{uuid.uuid4()}",
        "/api/hsds/profile/",
        "/api/v3-preview/",
        "/api/v3-preview/pages/",
        f"/api/v3-preview/pages/?search={query}",
        f"/api/v3-preview/pages/find/?html_path={content['public_page'].url}",
    ]
    for page in [
        content[key] for key in ("public", "public_news", "public_event", "public_programme")
    ] + private:
        urls += [f"{api}pages/{page.pk}/", f"/api/v3-preview/pages/{page.pk}/"]
    for page in (content["public"], content["private"], content["hidden"]):
        urls += [f"{api}associations/{page.pk}/", f"/api/hsds/organizations/{page.translation_key}"]
        urls.append(f"/api/hsds/organizations/{page.translation_key}/")
        urls += [f"{api}news/?association={page.pk}", f"{api}events/?association={page.pk}"]
        urls.append(f"{api}programmes/?association={page.pk}")
    for key in ("public_news", "private_news"):
        urls.append(f"{api}news/{content[key].pk}/")
    for key in ("public_event", "private_event"):
        urls.append(f"{api}events/{content[key].pk}/")
    for key in ("public_programme", "private_programme"):
        urls.append(f"{api}programmes/{content[key].pk}/")
    for key in ("public", "private"):
        service = content[key].activities[0].id
        urls += [f"/api/hsds/services/{service}", f"/api/hsds/services/{service}/"]
    urls.append(f"/api/hsds/services/{uuid.uuid4()}")
    return urls


def walk_routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from walk_routes(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            # As ResolverMatch.route writes it: without the regular expressions' start anchors.
            yield (prefix + str(pattern.pattern)).replace("^", "")


def test_no_public_address_shows_a_private_page(client, content):
    seen, leaks = {}, []
    for url in public_urls(content):
        response = client.get(url)
        assert response.status_code < 500, url
        text = text_of(response)
        if SECRET in url:
            # A private page's own address: its login or password form repeats the address, nothing more.
            if "kantele" in text or "@example.fi" in text:
                leaks.append(url)
        elif SECRET in text or any(phone in text for phone in SECRET_PHONES):
            leaks.append(url)
        seen[url] = response
    assert leaks == [], "Private content at:\n" + "\n".join(leaks)

    # The controls: the public pages are there (so the walk really reads content).
    def shows(url, *words):
        text = text_of(seen[url])
        for word in words:
            assert word.lower() in text, f"{url} does not show {word}"

    shows("/api/v2/associations/", "Avoin Kantele ry")
    shows("/api/v2/associations/?search=kantele", "Avoin Kantele ry")
    shows("/api/v2/search/?q=kantele", "Avoin Kantele ry", "Avoin Kantele-uutinen", "Avoin Kantele-sivu")
    shows("/api/v2/search/autocomplete/?q=kant", "Avoin Kantele ry")
    shows("/api/hsds/organizations/", "avoin@example.fi")
    shows("/api/hsds/organizations/?full_service=true", "avoin@example.fi", "111 2222", "Kantele-ilta Avoin")
    shows("/api/hsds/services/", "Kantele-ilta Avoin")
    shows("/fi/search/?q=kantele", "Avoin Kantele ry", "Avoin Kantele-sivu")
    shows("/fi/associations/open-data.csv", "avoin@example.fi")
    shows("/fi/associations/open-data.json", "avoin@example.fi")
    shows("/fi/widget/associations/", "Avoin Kantele ry")
    shows("/fi/widget/events/", "Avoin Kantele-konsertti")
    shows("/api/v2/news/", "Avoin Kantele-uutinen")
    shows("/api/v2/events/", "Avoin Kantele-konsertti")
    shows("/api/v2/programmes/", "Avoin Kantele-ohjelma")
    shows("/api/v2/pages/", "Avoin Kantele-sivu")
    shows("/api/v3-preview/pages/", "Avoin Kantele-sivu")
    shows("/sitemap.xml", "avoin-sivu", "avoin-konsertti")
    shows(content["news_index"].url + "rss/", "Avoin Kantele-uutinen")
    shows(content["news_index"].url + "atom/", "Avoin Kantele-uutinen")
    shows(content["event_index"].url + "ical/", "Avoin Kantele-konsertti")
    shows(content["statistics"].url, "Tilastot")
    shows(content["public"].url, "avoin@example.fi")
    shows(content["public"].get_parent().url, "Avoin Kantele ry")
    shows(content["public_programme"].url, "Avoin Kantele ry")
    # The private association's programme action counts in the statistics, without its name.
    by_association = seen["/api/v2/statistics/"].json()["programme"]["by_association"]
    assert sorted((row["id"] is None, row["count"]) for row in by_association) == [(False, 1), (True, 1)]
    assert seen[f"/api/v2/associations/{content['private'].pk}/"].status_code == 404
    assert seen[f"/api/hsds/organizations/{content['hidden'].translation_key}"].status_code == 404
    assert seen[f"/api/v2/news/{content['private_news'].pk}/"].status_code == 404
    assert seen[f"/api/v2/events/{content['private_event'].pk}/"].status_code == 404
    assert seen[f"/api/v2/programmes/{content['private_programme'].pk}/"].status_code == 404
    assert seen[f"/fi/associations/{content['private'].pk}/report/"].status_code == 404
    # The private pages themselves ask for a login or a password.
    for key in ("private", "hidden", "private_news", "private_event", "private_programme", "private_page"):
        assert seen[content[key].url].status_code in (200, 302, 401)
        assert content[key].title.lower() not in text_of(seen[content[key].url])


def test_every_public_url_is_visited(client, content):
    """Every route of the URL configuration (and every API router endpoint) is walked by the test above,
    or is named in NOT_PAGE_READS with the reason it reads no page content."""
    visited = set()
    for url in public_urls(content):
        path = url.split("?")[0]
        visited.add(resolve(path).route)
    routes = set(walk_routes(get_resolver().url_patterns))
    missing = []
    for route in sorted(routes - visited):
        inner = route.split("/", 1)[1] if route.startswith(("fi/", "sv/")) else route
        if route.startswith("admin/") or route == "api/":
            continue
        if any(inner.startswith(prefix) for prefix in NOT_PAGE_READS):
            continue
        if (
            route.startswith("api/v3-preview/")
            and route.removeprefix("api/v3-preview/") not in V3_PUBLIC_READS
        ):
            continue  # writes and editors' reads: they need a token (wagtail.api.v3.auth)
        missing.append(route)
    assert missing == [], "\n".join(missing)
    for name in api_router._endpoints:
        assert any(url.startswith(f"/api/v2/{name}/") for url in public_urls(content)) or (
            f"api/v2/{name}/" in NOT_PAGE_READS
        ), name


def test_search_and_offer_form_choices_leave_private_associations_out(client, content):
    response = client.get("/fi/news/offer/")
    assert response.status_code == 200
    assert "Avoin Kantele ry" in response.content.decode()
    assert_nothing_private(response, "/fi/news/offer/")


def test_a_newsletter_never_mails_a_private_page(content, finnish):
    issue = NewsletterIssue.objects.create(subject="Uutiskirje", locale=finnish)
    issue.content = [
        ("news", content["public_news"]),
        ("news", content["private_news"]),
        ("event", content["private_event"]),
    ]
    issue.save()
    send_test(issue, "lukija@example.fi", base_url="https://yhdistykset.example.fi")
    (message,) = mail.outbox
    body = message.body + "".join(str(part[0]) for part in message.alternatives)
    assert "Avoin Kantele-uutinen" in body
    assert SECRET not in body.lower()


def test_translations_leave_a_private_language_version_out(client, content, swedish):
    swedish_home = content["public_page"].get_parent().copy_for_translation(swedish)
    publish(swedish_home)
    translation = content["public_page"].copy_for_translation(swedish)
    translation.title = "Zorblax sida"
    publish(translation)
    response = client.get(f"/api/v2/pages/{content['public_page'].pk}/")
    assert [link["locale"] for link in response.json()["translations"]] == ["sv"]

    restrict(translation, PageViewRestriction.LOGIN)
    response = client.get(f"/api/v2/pages/{content['public_page'].pk}/")
    assert response.json()["translations"] == []
    assert_nothing_private(response, "translations")


def association_total(url, response):
    """The number of associations the answer counts (the statistics' total, else the items' titles)."""
    data = response.json()
    if url.startswith("/api/v2/statistics/"):
        return data["associations"]["total"]
    return sum("Avoin Kantele ry" in str(item) for item in data.get("items", data.get("contents", [])))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/associations/",
        "/api/v2/search/?q=kantele",
        "/api/v2/search/autocomplete/?q=kant",
        "/api/hsds/organizations/",
        "/api/v2/statistics/",
    ],
)
def test_restricting_a_page_drops_it_from_cached_answers(client, api_cache, content, url):
    """A cached answer that shows the public association is not served again once it is made private,
    nor the private answer once the restriction is removed."""
    first = client.get(url)
    assert first["X-Cache"] == "miss" and client.get(url)["X-Cache"] == "hit"
    assert association_total(url, first) == 1

    restriction = restrict(content["public"], PageViewRestriction.LOGIN)
    private = client.get(url)
    assert private["X-Cache"] == "miss"
    assert association_total(url, private) == 0

    restriction.delete()
    public_again = client.get(url)
    assert public_again["X-Cache"] == "miss"
    assert association_total(url, public_again) == 1


def test_facet_counts_of_the_directory_leave_private_associations_out(client, content):
    response = client.get("/api/v2/associations/")
    facets = response.json()["meta"]["facets"]
    municipality = {value["value"]: value["count"] for value in facets["municipality"]}
    assert municipality.get("297") == 1
    assert response.json()["meta"]["total_count"] == 1

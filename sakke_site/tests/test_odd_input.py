"""Odd input never gives a 500: every query parameter of every public address, and the ids in paths, are
sent Unicode digits, huge and negative numbers and quote characters; each answer must be below 500.

The addresses and their parameters are collected, not listed by hand: the API's from its OpenAPI
documents (/api/schema/ for /api/v2/ and /api/hsds/, the v3 preview's own) and the viewsets' known
parameters; the pages' from the live page tree, their routable sub-pages and the names of the fields
of the GET forms they render (the directory's filters, the listings', the search page's), plus the
widgets' form fields. Deterministic: fixed values, fixed data, no network.
"""

import datetime
import os
from urllib.parse import quote, urlencode

import pytest
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.urls import resolve
from django.utils import timezone
from wagtail.api.v3.urls import api as v3_api
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from associations.factories import AssociationIndexPageFactory, AssociationPageFactory
from associations.models import Category
from associations.widget import WidgetForm
from home.factories import HomePageFactory, StandardPageFactory, publish
from news.factories import EventIndexPageFactory, EventPageFactory, NewsIndexPageFactory, NewsPageFactory
from news.widget import EventWidgetForm
from programme.factories import ProgrammePageFactory, action_data, goal_data, theme_data
from sakke_site.api import api_router
from search.engine import backend_name
from stats.models import StatisticsPage
from stats.tests.test_survey import make_survey

pytestmark = pytest.mark.django_db

ODD_VALUES = {
    "superscript-two": "²",
    "arabic-indic-three": "٣",
    "fullwidth-one": "１",
    "huge": str(10**30),
    "negative": "-1",
    "double-quote": '"',
    "single-quote": "'",
    "backslash": "\\",
    "backtick": "`",
    "quoted-word": '"kuopio',
}
# `make test` sends one value of each kind (a digit int() refuses, a digit int() takes, a huge number, the
# quotes a search parser trips on); ODD_INPUT_VALUES=all sends every value above (about twice as long).
SENT_VALUES = (
    ODD_VALUES
    if os.environ.get("ODD_INPUT_VALUES") == "all"
    else {
        name: ODD_VALUES[name]
        for name in (
            "superscript-two",
            "arabic-indic-three",
            "huge",
            "double-quote",
            "single-quote",
            "backslash",
        )
    }
)
ODD_IDS = ["²", "٣", "１", str(10**30), "99999999999999999999", "2147483648", "-1", "0", '"', "'"]
# Asked of every address besides its own parameters: paging and ids are where numbers are parsed.
COMMON_PARAMETERS = ("page", "offset", "limit", "association", "id")


def build_content():
    """A site with a page of every kind, published, with the links between them that the filters use."""
    finnish = Locale.objects.get(language_code="fi")
    root = Page.get_first_root_node()
    home_page = HomePageFactory(parent=root, locale=finnish, slug="etusivu")
    site = Site.objects.get(is_default_site=True)
    welcome, site.root_page = site.root_page, home_page
    site.save()
    welcome.delete()
    association_index = AssociationIndexPageFactory(parent=home_page)
    soon = timezone.now() + datetime.timedelta(days=30)
    association = AssociationPageFactory(
        parent=association_index,
        title="Kuopion Latu ry",
        slug="latu",
        activities=[("activity", {"title": "Hiihtoilta", "weekdays": ["tue"], "place": "Kylätalo"})],
    )
    association.categories = [Category.objects.filter(locale=finnish).first()]
    association.save()
    publish(association)
    news_index = publish(NewsIndexPageFactory(parent=home_page))
    news = NewsPageFactory(parent=news_index, title="Latu-uutinen")
    news.related_associations = [association]
    publish(news)
    event_index = publish(EventIndexPageFactory(parent=home_page))
    event = publish(
        EventPageFactory(
            parent=event_index,
            start=soon,
            end=soon + datetime.timedelta(hours=2),
            organiser_association=association,
        )
    )
    action = action_data("Hiihtokoulu", associations=[association], start=(2025, 1), end=(2027, 4))
    themes = [theme_data("Liikunta", goal_data("Liikettä kaikille", action))]
    programme = publish(ProgrammePageFactory(parent=home_page, themes=themes))
    statistics = StatisticsPage(title="Tilastot", slug="tilastot", introduction="Lukuja.")
    home_page.add_child(instance=statistics)
    publish(statistics)
    publish(StandardPageFactory(parent=home_page, title="Tietoa", slug="tietoa"))
    make_survey(home_page)
    return {
        "association": association,
        "news": news,
        "event": event,
        "programme": programme,
        "news_index": news_index,
        "event_index": event_index,
    }


@pytest.fixture(scope="module")
def content(django_db_setup, django_db_blocker):
    """The site, built once for the module (every test only reads it) in a transaction rolled back at the
    module's end; each test runs in a savepoint inside it, as pytest-django's `db` does."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_content()
        transaction.set_rollback(True)


def path_values(content):
    """Real values for the path parameters of the API documents, by parameter name and path."""
    association = content["association"]
    return {
        "org_id": str(association.translation_key),
        "service_id": str(association.activities[0].id),
        "key": "297",
        "page_id": str(association.pk),
    }


def filled(path, values, content):
    """`path` of an OpenAPI document with its {parameters} filled in with the test data's values."""
    ids = {
        "/api/v2/news/": content["news"].pk,
        "/api/v2/events/": content["event"].pk,
        "/api/v2/programmes/": content["programme"].pk,
    }
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    if "{" in path:
        default = next(
            (pk for prefix, pk in ids.items() if path.startswith(prefix)), content["association"].pk
        )
        head, _brace, rest = path.partition("{")
        path = head + str(default) + rest.partition("}")[2]
    return path.replace("{", "").replace("}", "")


def api_targets(client, content):
    """(path, parameters) of every GET operation of the API documents, with the viewsets' own."""
    targets = []
    documents = [client.get("/api/schema/", {"format": "json"}).json()]
    documents.append(v3_api.get_openapi_schema(path_prefix="/api/v3-preview"))
    values = path_values(content)
    for document in documents:
        for template, operations in document["paths"].items():
            if "get" not in operations:
                continue
            declared = [p["name"] for p in operations["get"].get("parameters", []) if p["in"] == "query"]
            path = filled(template, values, content)
            view = getattr(resolve(path).func, "cls", None)
            known = getattr(view, "known_query_parameters", ())
            targets.append((path, sorted({*declared, *known, *COMMON_PARAMETERS})))
    return targets


def form_parameters(response):
    """The names of the fields of the GET forms of an HTML page."""
    if "text/html" not in response.get("Content-Type", ""):
        return set()
    soup = BeautifulSoup(response.content, "html.parser")
    names = set()
    for form in soup.find_all("form"):
        if (form.get("method") or "get").lower() == "get":
            names |= {
                field["name"] for field in form.find_all(["input", "select", "textarea"]) if field.get("name")
            }
    return names


def page_targets(client, content):
    """(path, parameters) of every live page, its routable sub-pages, the site's own views and widgets."""
    pages = [page.specific for page in Page.objects.live().filter(depth__gt=1)]
    paths = [page.url for page in pages]
    for page in pages:
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                names = list(pattern.pattern.regex.groupindex)
                if pattern.name and not names:
                    paths.append(page.url + page.reverse_subpage(pattern.name).lstrip("/"))
    paths += [f"{content['programme'].url}export/csv/", f"{content['programme'].url}export/xlsx/"]
    paths += [
        "/fi/search/",
        "/fi/associations/open-data.csv",
        "/fi/associations/open-data.json",
        f"/fi/associations/{content['association'].pk}/report/",
        "/fi/associations/register/",
        "/fi/news/offer/",
        "/fi/newsletter/",
        "/sitemap.xml",
    ]
    targets = [(path, sorted({*form_parameters(client.get(path)), *COMMON_PARAMETERS})) for path in paths]
    targets.append(("/fi/widget/associations/", sorted({*WidgetForm.base_fields, *COMMON_PARAMETERS})))
    targets.append(("/fi/widget/events/", sorted({*EventWidgetForm.base_fields, *COMMON_PARAMETERS})))
    return targets


def check(response, url):
    """What is wrong with the answer to `url`, or None."""
    if response.status_code >= 500:
        return f"{response.status_code} {url}"
    if url.startswith(("/api/v2/", "/api/hsds/")) and 400 <= response.status_code < 500:
        try:
            message = response.json().get("message")
        except ValueError:
            message = None
        if not message:
            return f"{response.status_code} without a JSON message: {url}"
    return None


@pytest.mark.parametrize("value", SENT_VALUES.values(), ids=SENT_VALUES.keys())
def test_no_parameter_of_any_public_address_gives_a_500(client, content, value):
    client.raise_request_exception = False  # collect every failure, not only the first
    targets = api_targets(client, content) + page_targets(client, content)
    assert len(targets) > 40  # the collection really found the API and the pages
    problems = []
    for path, parameters in targets:
        for name in parameters:
            url = f"{path}?{urlencode({name: value})}"
            if problem := check(client.get(url), url):
                problems.append(problem)
    assert problems == [], "\n".join(problems)


def test_every_api_endpoint_is_asked(client, content):
    paths = [path for path, _parameters in api_targets(client, content)]
    for name in api_router._endpoints:
        if name != "page_preview":  # drafts behind an editor's token, not in the public document
            assert any(path.startswith(f"/api/v2/{name}/") for path in paths), name
    for prefix in ("/api/hsds/organizations/", "/api/hsds/services/", "/api/hsds/taxonomy_terms/"):
        assert prefix in paths
    assert "/api/v3-preview/pages/" in paths


@pytest.mark.parametrize("odd_id", ODD_IDS)
def test_odd_ids_in_paths(client, content, odd_id):
    client.raise_request_exception = False
    segment = quote(odd_id, safe="")
    templates = [
        "/fi/associations/{}/report/",
        "/fi/associations/{}/report/thanks/",
        "/api/v2/pages/{}/",
        "/api/v2/associations/{}/",
        "/api/v2/news/{}/",
        "/api/v2/events/{}/",
        "/api/v2/programmes/{}/",
        "/api/v2/images/{}/",
        "/api/v2/documents/{}/",
        "/api/hsds/organizations/{}",
        "/api/hsds/services/{}",
        "/api/v3-preview/pages/{}/",
    ]
    problems = []
    for template in templates:
        url = template.format(segment)
        response = client.get(url)
        if response.status_code >= 500 or response.status_code == 200:
            problems.append(f"{response.status_code} {url}")
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/pages/?offset=%C2%B2", 400),
        ("/api/v2/associations/?offset=%C2%B2", 400),
        ("/api/v2/categories/?offset=%C2%B2", 400),
        ("/api/v2/pages/?limit=%D9%A3", 400),
        ("/api/hsds/organizations/?page=%C2%B2", 400),
        ("/api/hsds/organizations/?per_page=" + str(10**30), 400),
        ("/api/v2/news/?association=%C2%B2", 400),
        ("/api/v2/events/?association=%EF%BC%91", 400),
        ("/api/v2/programmes/?association=" + str(10**30), 400),
    ],
)
def test_the_reported_cases_are_400_with_a_message(client, content, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response.json()["message"]


def test_the_reported_page_cases(client, content):
    assert client.get("/fi/associations/99999999999999999999/report/").status_code == 404
    for index in (content["news_index"], content["event_index"]):
        assert client.get(index.url, {"association": "²"}).status_code < 500
    ical = client.get(content["event_index"].url + "ical/", {"association": "²"})
    assert ical.status_code == 400 and ical.content


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v3-preview/pages/"])
def test_a_search_the_backend_cannot_parse_is_a_400(client, content, path):
    """SQLite's full-text search refuses a lone quote (400 with a message); PostgreSQL's and the search
    server's take it and find nothing (200)."""
    response = client.get(path, {"search": '"'})
    if connection.vendor == "sqlite" and backend_name(get_search_backend()) == "database":
        assert response.status_code == 400
        assert response.json().get("message" if path.startswith("/api/v2/") else "detail")
    else:
        assert response.status_code == 200

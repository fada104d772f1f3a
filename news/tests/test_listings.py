"""The news and event listings: filters in shareable URLs, 400 for values not understood, pagination,
the pages of single items with their JSON-LD, and fixed query counts."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site
from wagtail_factories import ImageFactory

from associations.models import Category, TargetGroup
from home.factories import publish
from home.models import SiteSettings
from home.tests import schema_org
from news.factories import EventPageFactory, NewsPageFactory, helsinki
from news.models import EventIndexPage, NewsIndexPage

pytestmark = pytest.mark.django_db

# Whatever the number of items: the page, site and menu (about 10), filters' choices, count, one page; each
# read of public pages also reads the view restrictions (home.visibility).
NEWS_LISTING_QUERIES = 20
# Read at its own address (no ?page=), the event listing names its language versions too: two more.
EVENT_LISTING_QUERIES = 24


def titles(response, selector):
    soup = BeautifulSoup(response.content, "html.parser")
    return [element.get_text(strip=True) for element in soup.select(selector)]


def news(news_index, title, date, tags=(), **fields):
    page = NewsPageFactory(parent=news_index, title=title, date=date, **fields)
    if tags:
        page.tags.add(*tags)
        page.save()
    return publish(page)


def json_ld(response):
    """The page's JSON-LD, read with the json module; the tests also check it against schema.org's
    vocabulary (home/tests/schema_org.py)."""
    soup = BeautifulSoup(response.content, "html.parser")
    return schema_org.parse(soup.find("script", type="application/ld+json").string)


@pytest.fixture
def some_news(news_index, latu):
    social = Category.objects.get(slug="sosiaali-ja-terveys", locale__language_code="fi")
    first = news(news_index, "Hiihtokausi alkaa", datetime.date(2027, 1, 10), tags=["liikunta"])
    first.related_associations = [latu]
    first.save_revision().publish()
    news(
        news_index, "Vertaistukea syksyllä", datetime.date(2027, 2, 5), tags=["vertaistuki"], category=social
    )
    news(news_index, "Kevätkokous", datetime.date(2027, 2, 20))
    return news_index


def test_news_listing_is_newest_first_with_feed_links(client, some_news):
    response = client.get("/fi/uutiset/")
    assert response.status_code == 200
    assert titles(response, ".news-card h3") == ["Kevätkokous", "Vertaistukea syksyllä", "Hiihtokausi alkaa"]
    soup = BeautifulSoup(response.content, "html.parser")
    feeds = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate", type=True)}
    assert feeds == {"application/rss+xml": "/fi/uutiset/rss/", "application/atom+xml": "/fi/uutiset/atom/"}
    assert soup.find("time", attrs={"datetime": "2027-02-20"}).get_text() == "20.2.2027"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tag=liikunta", ["Hiihtokausi alkaa"]),
        ("category=sosiaali-ja-terveys", ["Vertaistukea syksyllä"]),
        ("month=2027-02", ["Kevätkokous", "Vertaistukea syksyllä"]),
        ("month=2027-02&tag=vertaistuki", ["Vertaistukea syksyllä"]),
    ],
)
def test_news_filters(client, some_news, query, expected):
    response = client.get(f"/fi/uutiset/?{query}")
    assert response.status_code == 200
    assert titles(response, ".news-card h3") == expected


def test_news_filter_by_association_accepts_either_language_version(client, some_news, latu):
    response = client.get(f"/fi/uutiset/?association={latu.pk}")
    assert titles(response, ".news-card h3") == ["Hiihtokausi alkaa"]
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("option", attrs={"value": str(latu.pk)}).get_text() == "Kuopion Latu ry"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("month=2027-13", "month"),
        ("month=soon", "month"),
        ("category=nothing", "category"),
        ("tag=no-such-tag", "tag"),
        ("association=999999", "association"),
        ("association=abc", "association"),
    ],
)
def test_news_filter_values_not_understood_are_400_next_to_the_field(client, some_news, query, field):
    response = client.get(f"/fi/uutiset/?{query}")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id=f"id_{field}_error"), response.content
    value = query.split("=", 1)[1]
    if field == "month":  # what the visitor typed stays in the field
        assert soup.find("input", attrs={"name": "month"})["value"] == value
    assert titles(response, ".news-card h3") == []


def test_news_pagination_and_fixed_query_count(client, news_index, django_assert_max_num_queries):
    for number in range(NewsIndexPage.RESULTS_PER_PAGE + 3):
        news(
            news_index,
            f"Uutinen numero {number}",
            datetime.date(2027, 1, 1) + datetime.timedelta(days=number),
            tags=["a"],
        )
    client.get("/fi/uutiset/")  # fills the per-process caches (taxonomy names, site root)
    with django_assert_max_num_queries(NEWS_LISTING_QUERIES):
        first = client.get("/fi/uutiset/?tag=a")
    assert len(titles(first, ".news-card h3")) == NewsIndexPage.RESULTS_PER_PAGE
    soup = BeautifulSoup(first.content, "html.parser")
    assert soup.find("a", rel="next")["href"] == "?tag=a&page=2"
    second = client.get("/fi/uutiset/?tag=a&page=2")
    assert titles(second, ".news-card h3") == ["Uutinen numero 2", "Uutinen numero 1", "Uutinen numero 0"]
    assert client.get("/fi/uutiset/?page=junk").status_code == 200


def test_news_page_json_ld_is_a_news_article(client, some_news, latu):
    page = some_news.get_children().get(title="Hiihtokausi alkaa")
    response = client.get(page.url)
    assert response.status_code == 200
    data = json_ld(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Hiihtokausi alkaa"
    assert data["datePublished"] == "2027-01-10"
    assert data["inLanguage"] == "fi"
    assert data["keywords"] == ["liikunta"]
    assert data["about"] == [
        {"@type": "NGO", "name": "Kuopion Latu ry", "url": "http://localhost/fi/yhdistykset/latu/"}
    ]
    assert data["author"] == {"@type": "Person", "name": "Toimitus"}  # a name only: no address to give
    assert schema_org.problems(data) == []


def test_news_json_ld_names_the_service_as_publisher_with_its_logo(client, some_news):
    SiteSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"organisation_name_fi": "Järjestöneuvola"}
    )
    data = json_ld(client.get(some_news.get_children().get(title="Kevätkokous").url))
    assert data["publisher"] == {
        "@type": "Organization",
        "name": "Järjestöneuvola",
        "logo": {"@type": "ImageObject", "url": "http://testserver/static/img/favicon.svg"},
        "url": "http://localhost/fi/",
    }


def test_news_json_ld_links_an_author_that_is_one_of_its_associations(client, news_index, latu):
    page = news(news_index, "Latu tiedottaa", datetime.date(2027, 1, 5), author="Kuopion Latu ry")
    page.related_associations = [latu]
    page.save_revision().publish()
    data = json_ld(client.get(page.url))
    assert data["author"] == {
        "@type": "NGO",
        "name": "Kuopion Latu ry",
        "url": "http://localhost/fi/yhdistykset/latu/",
    }
    without = json_ld(client.get(news(news_index, "Nimetön", datetime.date(2027, 1, 6), author="").url))
    assert without["author"] == without["publisher"]


def test_news_json_ld_image_is_an_absolute_address(client, news_index):
    image = ImageFactory(title="Latu", file=get_test_image_file())
    page = news(news_index, "Kuvallinen", datetime.date(2027, 1, 7), image=image, image_alt="Hiihtäjiä")
    data = json_ld(client.get(page.url))
    assert len(data["image"]) == 1 and data["image"][0].startswith("http://testserver/media/images/")
    assert schema_org.problems(data) == []


def test_news_page_has_a_meta_description_from_its_lead(client, some_news):
    soup = BeautifulSoup(client.get(some_news.get_children().first().url).content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Lyhyt ingressi uutisesta."


# --- events ------------------------------------------------------------------------------------------


@pytest.fixture
def frozen_now(monkeypatch):
    """Today is 1 March 2027 (for "upcoming" and "past")."""
    now = helsinki(2027, 3, 1, 12, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def some_events(event_index, latu, tanssi):
    publish(
        EventPageFactory(
            parent=event_index,
            title="Talvirieha",
            start=helsinki(2027, 2, 10, 12),
            end=helsinki(2027, 2, 10, 15),
        )
    )
    publish(
        EventPageFactory(
            parent=event_index,
            title="Kävelyryhmä",
            start=helsinki(2027, 3, 2, 18),
            end=helsinki(2027, 3, 2, 19, 30),
            repeat="weekly",
            repeat_until=datetime.date(2027, 4, 27),
            organiser_association=latu,
            organiser_name="",
        )
    )
    dance = publish(
        EventPageFactory(
            parent=event_index,
            title="Tanssikurssi",
            start=helsinki(2027, 4, 10, 10),
            end=helsinki(2027, 4, 11, 16),
            organiser_association=tanssi,
            online_url="https://meet.example.fi/tanssi",
            is_free=False,
            price=15,
            registration_url="https://example.fi/ilmoittaudu",
            registration_deadline=datetime.date(2027, 4, 1),
            capacity=20,
            languages=["fi", "sv"],
        )
    )
    dance.target_groups = list(TargetGroup.objects.filter(slug="nuoret", locale__language_code="fi"))
    dance.related_associations = [latu]
    dance.tags.add("tanssi")
    dance.save_revision().publish()
    return event_index


def test_upcoming_events_list_each_occurrence(client, some_events, frozen_now):
    response = client.get("/fi/tapahtumat/")
    assert response.status_code == 200
    listed = titles(response, ".event-card h3")
    assert listed.count("Kävelyryhmä") == 9 and "Talvirieha" not in listed
    assert listed.index("Tanssikurssi") == 6  # 10.4. comes after the walks of 2.3. ... 6.4.
    soup = BeautifulSoup(response.content, "html.parser")
    first = soup.select_one(".event-card time")
    assert first["datetime"] == "2027-03-02T18:00:00+02:00"
    assert {link["type"] for link in soup.find_all("link", rel="alternate", type=True)} == {"text/calendar"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("when=past", ["Talvirieha"]),
        ("month=2027-04", ["Kävelyryhmä"] * 4 + ["Tanssikurssi"]),
        ("month=2027-02", ["Talvirieha"]),
        ("month=2027-02&when=upcoming", []),
        ("tag=tanssi", ["Tanssikurssi"]),
    ],
)
def test_event_filters(client, some_events, frozen_now, query, expected):
    response = client.get(f"/fi/tapahtumat/?{query}")
    assert response.status_code == 200
    assert sorted(titles(response, ".event-card h3")) == sorted(expected)


def test_event_filter_by_association_as_organiser_or_involved(client, some_events, frozen_now, latu, tanssi):
    by_latu = titles(client.get(f"/fi/tapahtumat/?association={latu.pk}"), ".event-card h3")
    assert set(by_latu) == {"Kävelyryhmä", "Tanssikurssi"}
    assert set(titles(client.get(f"/fi/tapahtumat/?association={tanssi.pk}"), ".event-card h3")) == {
        "Tanssikurssi"
    }


def test_event_filters_not_understood_are_400(client, some_events, frozen_now):
    response = client.get("/fi/tapahtumat/?when=tomorrow&month=2027")
    assert response.status_code == 400
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find(id="id_when_error") and soup.find(id="id_month_error")


@pytest.mark.parametrize("weeks", [2, 20])
def test_event_listing_query_count_does_not_grow(
    client, event_index, latu, frozen_now, weeks, django_assert_max_num_queries
):
    publish(
        EventPageFactory(
            parent=event_index,
            repeat="weekly",
            repeat_count=weeks,
            organiser_association=latu,
            organiser_name="",
        )
    )
    for number in range(3):
        publish(EventPageFactory(parent=event_index, title=f"Kerta {number}"))
    client.get("/fi/tapahtumat/?when=past")  # fills the per-process caches (taxonomy names, site root)
    with django_assert_max_num_queries(EVENT_LISTING_QUERIES):
        response = client.get("/fi/tapahtumat/")
    assert len(titles(response, ".event-card h3")) == min(weeks + 3, EventIndexPage.RESULTS_PER_PAGE)


def test_event_page_json_ld_is_a_schema_org_event(client, some_events, frozen_now, tanssi):
    page = some_events.get_children().get(title="Tanssikurssi")
    response = client.get(page.url)
    assert response.status_code == 200
    data = json_ld(response)
    assert data["@type"] == "Event"
    assert data["name"] == "Tanssikurssi"
    assert data["startDate"] == "2027-04-10T10:00:00+03:00"
    assert data["endDate"] == "2027-04-11T16:00:00+03:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["@type"] == "Place" and place["address"]["addressLocality"] == "Kuopio"
    assert online == {"@type": "VirtualLocation", "url": "https://meet.example.fi/tanssi"}
    assert data["organizer"] == {
        "@type": "NGO",
        "name": "Tervon Tanssijat ry",
        "url": "http://localhost/fi/yhdistykset/tanssi/",
    }
    assert data["offers"] == {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "price": "15.00",
        "url": "https://example.fi/ilmoittaudu",
        "validThrough": "2027-04-01",
        "availability": "https://schema.org/InStock",
    }
    assert data["inLanguage"] == ["fi", "sv"]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Nuoret"}]
    assert data["maximumAttendeeCapacity"] == 20
    assert schema_org.problems(data) == []


@pytest.mark.parametrize(
    ("fields", "mode"),
    [
        ({}, "OfflineEventAttendanceMode"),
        (
            {"location_name": "", "street_address": "", "online_url": "https://meet.example.fi/x"},
            "OnlineEventAttendanceMode",
        ),
    ],
)
def test_event_attendance_mode_follows_place_and_online_address(
    client, event_index, frozen_now, fields, mode
):
    page = publish(
        EventPageFactory(
            parent=event_index, start=helsinki(2027, 3, 5, 18), end=helsinki(2027, 3, 5, 20), **fields
        )
    )
    data = json_ld(client.get(page.url))
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}"
    assert schema_org.problems(data) == []


def test_event_offer_of_a_free_event_without_registration_points_to_the_event(
    client, event_index, frozen_now
):
    page = publish(
        EventPageFactory(parent=event_index, start=helsinki(2027, 3, 5, 18), end=helsinki(2027, 3, 5, 20))
    )
    offer = json_ld(client.get(page.url))["offers"]
    assert offer == {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "price": "0",
        "url": f"http://localhost{page.url}",
        "availability": "https://schema.org/InStock",
    }


@pytest.mark.parametrize(
    ("start", "deadline"),
    [
        (helsinki(2027, 3, 10, 18), datetime.date(2027, 2, 28)),  # the deadline was yesterday
        (helsinki(2027, 2, 20, 18), None),  # the event is over
    ],
)
def test_event_offer_is_out_of_stock_when_registration_has_closed(
    client, event_index, frozen_now, start, deadline
):
    page = publish(
        EventPageFactory(
            parent=event_index,
            start=start,
            end=start + datetime.timedelta(hours=2),
            registration_url="https://example.fi/ilmoittaudu",
            registration_deadline=deadline,
        )
    )
    assert json_ld(client.get(page.url))["offers"]["availability"] == "https://schema.org/OutOfStock"


def test_event_page_has_a_meta_description_from_its_lead(client, some_events, frozen_now):
    soup = BeautifulSoup(client.get(some_events.get_children().first().url).content, "html.parser")
    assert soup.find("meta", attrs={"name": "description"})["content"] == "Tervetuloa mukaan!"


def test_repeating_event_page_lists_its_upcoming_times(client, some_events, frozen_now):
    page = some_events.get_children().get(title="Kävelyryhmä")
    response = client.get(page.url)
    soup = BeautifulSoup(response.content, "html.parser")
    times = [time["datetime"] for time in soup.select(".occurrence-list li time:first-child")]
    assert times[0] == "2027-03-02T18:00:00+02:00"
    assert "2027-04-06T18:00:00+03:00" in times and len(times) == 9
    data = json_ld(response)
    assert data["startDate"] == "2027-03-02T18:00:00+02:00"
    assert data["eventSchedule"]["repeatFrequency"] == "P1W"
    assert data["eventSchedule"]["startTime"] == "18:00"
    assert schema_org.problems(data) == []

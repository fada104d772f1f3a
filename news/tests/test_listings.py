"""The news and event listings: filters in shareable URLs, 400 for values not understood, pagination,
the pages of single items with their JSON-LD, and fixed query counts."""

import datetime
import json

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from associations.models import Category, TargetGroup
from home.factories import publish
from news.factories import EventPageFactory, NewsPageFactory, helsinki
from news.models import EventIndexPage, NewsIndexPage

pytestmark = pytest.mark.django_db

# Whatever the number of items: the page, site and menu (about 10), filters' choices, count, one page; each
# read of public pages also reads the view restrictions (home.visibility).
NEWS_LISTING_QUERIES = 20
EVENT_LISTING_QUERIES = 22


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
    soup = BeautifulSoup(response.content, "html.parser")
    return json.loads(soup.find("script", type="application/ld+json").string)


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
    feeds = {link["type"]: link["href"] for link in soup.find_all("link", rel="alternate")}
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
    assert data["about"][0]["name"] == "Kuopion Latu ry"
    assert data["author"] == {"@type": "Person", "name": "Toimitus"}


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
    assert {link["type"] for link in soup.find_all("link", rel="alternate")} == {"text/calendar"}


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
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place["@type"] == "Place" and place["address"]["addressLocality"] == "Kuopio"
    assert online == {"@type": "VirtualLocation", "url": "https://meet.example.fi/tanssi"}
    assert data["organizer"]["name"] == "Tervon Tanssijat ry"
    assert data["offers"] == {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "price": "15.00",
        "url": "https://example.fi/ilmoittaudu",
        "validThrough": "2027-04-01",
    }
    assert data["inLanguage"] == ["fi", "sv"]
    assert data["audience"] == [{"@type": "Audience", "audienceType": "Nuoret"}]
    assert data["maximumAttendeeCapacity"] == 20


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

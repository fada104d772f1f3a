"""/api/v2/news/ and /api/v2/events/: filters, languages, 400 and 404 as JSON, and query counts."""

import datetime

import pytest
from django.utils import timezone

from home.factories import publish
from news.factories import EventPageFactory, NewsPageFactory, helsinki

pytestmark = pytest.mark.django_db

# Locale, view restrictions, count, one page, its tags, associations, view restrictions again and the
# associations' public translations (news.models.in_language), images.
NEWS_QUERIES = 10
# Locale, view restrictions, count, one page of occurrences with their events, target groups, view
# restrictions again and the organisers' public versions.
EVENT_QUERIES = 7


@pytest.fixture
def frozen_now(monkeypatch):
    now = helsinki(2027, 3, 1, 12, 0)
    monkeypatch.setattr(timezone, "now", lambda: now)
    return now


@pytest.fixture
def news(news_index, latu):
    pages = []
    for number, (date, tag) in enumerate(
        [
            (datetime.date(2027, 1, 10), "liikunta"),
            (datetime.date(2027, 2, 5), "kulttuuri"),
            (datetime.date(2027, 2, 20), "liikunta"),
        ]
    ):
        page = NewsPageFactory(parent=news_index, title=f"Uutinen {number}", date=date)
        page.tags.add(tag)
        if number == 0:
            page.related_associations = [latu]
        page.save()
        pages.append(publish(page))
    return pages


@pytest.fixture
def events(event_index, latu, tanssi):
    walk = publish(
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
    past = publish(
        EventPageFactory(
            parent=event_index,
            title="Talvirieha",
            start=helsinki(2027, 2, 10, 12),
            end=helsinki(2027, 2, 10, 15),
        )
    )
    dance = publish(
        EventPageFactory(
            parent=event_index,
            title="Tanssikurssi",
            start=helsinki(2027, 4, 10, 10),
            end=helsinki(2027, 4, 10, 16),
            organiser_association=tanssi,
            is_free=False,
            price=15,
        )
    )
    return walk, past, dance


def titles(response):
    return [item["title"] for item in response.json()["items"]]


def test_news_listing_and_filters(client, news, latu):
    response = client.get("/api/v2/news/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 3
    assert titles(response) == ["Uutinen 2", "Uutinen 1", "Uutinen 0"]
    first = data["items"][-1]
    assert first["date"] == "2027-01-10"
    assert first["tags"] == [{"slug": "liikunta", "name": "liikunta"}]
    assert first["associations"][0]["title"] == "Kuopion Latu ry"
    assert first["meta"]["type"] == "news.NewsPage" and first["meta"]["html_url"].endswith(
        "/fi/uutiset/uutinen-" + first["meta"]["html_url"].rsplit("-", 1)[1]
    )
    assert titles(client.get("/api/v2/news/?tag=liikunta")) == ["Uutinen 2", "Uutinen 0"]
    assert titles(client.get(f"/api/v2/news/?association={latu.pk}")) == ["Uutinen 0"]
    assert titles(client.get("/api/v2/news/?date_from=2027-02-01&date_to=2027-02-10")) == ["Uutinen 1"]
    assert client.get("/api/v2/news/?locale=sv").json() == {"meta": {"total_count": 0}, "items": []}
    # An empty or far-away range is an empty answer, not an error.
    assert titles(client.get("/api/v2/news/?date_from=2027-03-01&date_to=2027-02-01")) == []
    assert titles(client.get("/api/v2/news/?date_from=0001-01-01&date_to=9999-12-31")) == [
        "Uutinen 2",
        "Uutinen 1",
        "Uutinen 0",
    ]


def test_news_detail_and_translation(client, news, news_index, translate):
    translate(news_index, {"Uutiset": "Nyheter", "uutiset": "nyheter"})
    swedish = translate(news[0], {"Uutinen 0": "Nyhet 0"})
    response = client.get(f"/api/v2/news/{news[0].pk}/")
    assert response.status_code == 200
    assert response.json()["title"] == "Uutinen 0" and "body" in response.json()
    in_swedish = client.get(f"/api/v2/news/{news[0].pk}/?locale=sv").json()
    assert in_swedish["id"] == swedish.pk and in_swedish["title"] == "Nyhet 0"
    assert client.get(f"/api/v2/news/{news[1].pk}/?locale=sv").status_code == 404


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/news/?date_from=2027-13-01", 400),
        ("/api/v2/news/?association=abc", 400),
        ("/api/v2/news/?association=99999999", 404),
        ("/api/v2/news/?locale=en", 404),
        ("/api/v2/news/?colour=red", 400),
        ("/api/v2/news/?limit=1000", 400),
        ("/api/v2/news/?tag=" + "x" * 101, 400),
        ("/api/v2/news/99999999/", 404),
        ("/api/v2/events/?when=tomorrow", 400),
        ("/api/v2/events/?date_to=1.3.2027", 400),
        ("/api/v2/events/?association=99999999", 404),
        ("/api/v2/events/?locale=de", 404),
        ("/api/v2/events/99999999/", 404),
        ("/api/v2/events/1/?when=past", 400),
    ],
)
def test_bad_parameters_are_json_errors(client, news, events, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()) == {"message"}


def test_events_upcoming_by_default_each_occurrence(client, events, frozen_now):
    response = client.get("/api/v2/events/")
    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["total_count"] == 10  # nine walks and the dance course
    first = data["items"][0]
    assert first["title"] == "Kävelyryhmä"
    assert first["start"] == "2027-03-02T18:00:00+02:00" and first["end"] == "2027-03-02T19:30:00+02:00"
    after_change = [item["start"] for item in data["items"] if item["start"].startswith("2027-04-06")]
    assert after_change == ["2027-04-06T18:00:00+03:00"]
    assert first["organiser"]["association"]["title"] == "Kuopion Latu ry"
    assert first["meta"]["ical_url"].endswith("/ical/")
    dance = next(item for item in data["items"] if item["title"] == "Tanssikurssi")
    assert dance["offers"] == {"is_free": False, "price": "15.00", "currency": "EUR", "info": ""}


def test_events_filters(client, events, frozen_now, latu, tanssi):
    assert titles(client.get("/api/v2/events/?when=past")) == ["Talvirieha"]
    assert titles(client.get("/api/v2/events/?date_from=9999-12-31")) == []
    assert len(titles(client.get("/api/v2/events/?date_from=0001-01-01&date_to=9999-12-31"))) == 11
    assert len(titles(client.get("/api/v2/events/?when=all"))) == 11
    april = titles(client.get("/api/v2/events/?date_from=2027-04-10&date_to=2027-04-20"))
    assert april == ["Tanssikurssi", "Kävelyryhmä", "Kävelyryhmä"]
    assert set(titles(client.get(f"/api/v2/events/?association={latu.pk}&limit=100"))) == {"Kävelyryhmä"}
    assert titles(client.get(f"/api/v2/events/?association={tanssi.pk}")) == ["Tanssikurssi"]
    paged = client.get("/api/v2/events/?limit=2&offset=8").json()
    assert paged["meta"]["total_count"] == 10 and len(paged["items"]) == 2


def test_event_detail_has_rule_and_occurrences(client, events, frozen_now):
    walk = events[0]
    data = client.get(f"/api/v2/events/{walk.pk}/").json()
    assert data["rrule"] == "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20270427T205959Z"
    assert len(data["occurrences"]) == 9
    assert data["occurrences"][-1]["start"] == "2027-04-27T18:00:00+03:00"


@pytest.mark.parametrize("count", [2, 12])
def test_query_counts_do_not_grow(
    client, news_index, event_index, latu, frozen_now, count, django_assert_max_num_queries
):
    for number in range(count):
        page = NewsPageFactory(parent=news_index, title=f"Uutinen {number}")
        page.tags.add("a", "b")
        page.related_associations = [latu]
        page.save()
        publish(page)
        publish(EventPageFactory(parent=event_index, title=f"Tapahtuma {number}", organiser_association=latu))
    client.get("/api/v2/news/?locale=sv")  # fills the per-process caches
    with django_assert_max_num_queries(NEWS_QUERIES):
        assert len(client.get("/api/v2/news/?limit=100").json()["items"]) == count
    with django_assert_max_num_queries(EVENT_QUERIES):
        assert len(client.get("/api/v2/events/?limit=100").json()["items"]) == count


def test_every_bad_parameter_is_named_in_one_answer(client):
    response = client.get("/api/v2/events/", {"when": "tomorrow", "date_from": "1.3.2027", "limit": "1000"})
    assert response.status_code == 400
    message = response.json()["message"]
    assert "'date_from' must be a date as YYYY-MM-DD, not '1.3.2027'." in message
    assert "Unknown when 'tomorrow': use one of upcoming, past, all." in message
    assert "'limit' can be at most 100." in message

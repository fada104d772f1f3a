"""Feeds parse as what they claim to be: RSS 2.0 and Atom (feedparser), iCalendar with Helsinki time
(icalendar), for all events and per association."""

import datetime

import feedparser
import icalendar
import pytest
from dateutil import rrule

from home.factories import publish
from news.factories import EventPageFactory, NewsPageFactory, helsinki
from news.recurrence import HELSINKI

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_items(news_index):
    for number, tag in enumerate(["liikunta", "kulttuuri"]):
        page = NewsPageFactory(
            parent=news_index,
            title=f"Uutinen {number}",
            date=datetime.date(2027, 2, 1 + number),
            lead=f"Ingressi {number}",
        )
        page.tags.add(tag)
        page.save()
        publish(page)
    return news_index


@pytest.mark.parametrize(("route", "version"), [("rss/", "rss20"), ("atom/", "atom10")])
def test_news_feeds_parse(client, news_items, route, version):
    response = client.get(f"/fi/uutiset/{route}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    assert feed.feed.title == "Uutiset"
    assert feed.feed.language == "fi"
    assert [entry.title for entry in feed.entries] == ["Uutinen 1", "Uutinen 0"]
    first = feed.entries[0]
    assert first.link == news_items.get_children().get(title="Uutinen 1").full_url
    assert first.summary == "Ingressi 1"
    assert [tag.term for tag in first.tags] == ["kulttuuri"]
    assert first.published_parsed[:3] == (2027, 2, 2)


def test_swedish_news_feed_has_the_swedish_items(client, news_items, translate):
    swedish_index = translate(news_items, {"Uutiset": "Nyheter", "uutiset": "nyheter"})
    translate(news_items.get_children().get(title="Uutinen 0").specific, {"Uutinen 0": "Nyhet 0"})
    feed = feedparser.parse(client.get("/sv/nyheter/rss/").content)
    assert feed.feed.title == "Nyheter" and feed.feed.language == "sv"
    assert [entry.title for entry in feed.entries] == ["Nyhet 0"]
    assert swedish_index.locale.language_code == "sv"


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


@pytest.fixture
def events(event_index, latu):
    walk = publish(
        EventPageFactory(
            parent=event_index,
            title="Kävelyryhmä",
            start=helsinki(2027, 3, 2, 18, 0),
            end=helsinki(2027, 3, 2, 19, 30),
            repeat="weekly",
            repeat_until=datetime.date(2027, 4, 27),
            exception_dates=[("date", datetime.date(2027, 3, 30))],
            organiser_association=latu,
            organiser_name="",
        )
    )
    fair = publish(
        EventPageFactory(
            parent=event_index,
            title="Järjestömessut",
            start=helsinki(2027, 5, 8, 0, 0),
            end=helsinki(2027, 5, 9, 0, 0),
            all_day=True,
        )
    )
    return walk, fair


def test_calendar_of_all_events_is_valid_with_helsinki_time_zone(client, events):
    walk, _fair = events
    calendar = parse_calendar(client.get("/fi/tapahtumat/ical/"))
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Helsinki"
    vevents = {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}
    assert set(vevents) == {"Kävelyryhmä", "Järjestömessut"}

    group = vevents["Kävelyryhmä"]
    assert group["DTSTART"].params["TZID"] == "Europe/Helsinki"
    assert "TZID=Europe/Helsinki:20270302T180000" in group.to_ical().decode().replace("\r\n ", "")
    start = group.decoded("DTSTART")
    assert start == helsinki(2027, 3, 2, 18, 0) and start.utcoffset() == datetime.timedelta(hours=2)
    assert group.decoded("DTEND") == helsinki(2027, 3, 2, 19, 30)
    assert str(group["UID"]) == f"event-{walk.translation_key}@localhost"
    # A calendar program expanding RRULE minus EXDATE gets the same times as the site: 18:00 in April too.
    rule = rrule.rrulestr(group["RRULE"].to_ical().decode(), dtstart=start)
    excluded = {value.dt for value in group["EXDATE"].dts}
    times = [time for time in rule if time not in excluded]
    assert len(times) == 8 and helsinki(2027, 3, 30, 18, 0) not in times
    assert times[-1] == helsinki(2027, 4, 27, 18, 0) and times[-1].utcoffset() == datetime.timedelta(hours=3)

    all_day = vevents["Järjestömessut"]
    assert all_day.decoded("DTSTART") == datetime.date(2027, 5, 8)
    assert all_day.decoded("DTEND") == datetime.date(2027, 5, 10)  # exclusive: the day after the last


def test_uid_is_stable_across_publishes_and_languages(client, events, translate):
    walk, _fair = events
    first = parse_calendar(client.get(walk.url + "ical/"))
    walk.lead = "Uusi ingressi"
    walk.save_revision().publish()
    again = parse_calendar(client.get(walk.url + "ical/"))
    assert first.walk("VEVENT")[0]["UID"] == again.walk("VEVENT")[0]["UID"]


def test_calendar_per_association(client, events, latu, tanssi):
    calendar = parse_calendar(client.get(f"/fi/tapahtumat/ical/?association={latu.pk}"))
    assert [str(item["SUMMARY"]) for item in calendar.walk("VEVENT")] == ["Kävelyryhmä"]
    organizer = calendar.walk("VEVENT")[0].get("ORGANIZER")
    assert organizer is None or organizer.params["CN"] == "Kuopion Latu ry"
    empty = parse_calendar(client.get(f"/fi/tapahtumat/ical/?association={tanssi.pk}"))
    assert empty.walk("VEVENT") == []
    assert client.get("/fi/tapahtumat/ical/?association=abc").status_code == 400
    assert client.get("/fi/tapahtumat/ical/?association=99999999").status_code == 404


def test_event_times_in_calendar_keep_local_time_for_exdates(events):
    walk, _fair = events
    assert walk.rrule() == "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20270427T205959Z"
    assert walk.local_start.tzinfo == HELSINKI


@pytest.mark.parametrize(("route", "version"), [("rss/", "rss20"), ("atom/", "atom10")])
def test_control_characters_stored_in_a_news_item_do_not_break_the_feeds(client, news_index, route, version):
    # Stored before control characters were stripped on input: Django's XML writer refused it (a 500).
    page = NewsPageFactory(
        parent=news_index, title="Control\x01char news", lead="Ingressi\x02", date=datetime.date(2027, 2, 1)
    )
    page.tags.add("ohjaus\x1bmerkki")
    page.save()
    publish(page)
    response = client.get(f"/fi/uutiset/{route}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    [entry] = feed.entries
    assert entry.title == "Controlchar news"
    assert entry.summary == "Ingressi"
    assert [tag.term for tag in entry.tags] == ["ohjausmerkki"]

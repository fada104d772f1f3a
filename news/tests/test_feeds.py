"""Feeds parse as what they claim to be: RSS 2.0 and Atom (feedparser), iCalendar with Helsinki time
(icalendar, and ical.js through scripts/check_ical.mjs), for all events and per association."""

import datetime
import json
import shutil
import subprocess
from pathlib import Path

import feedparser
import icalendar
import pytest
from dateutil import rrule

from home.factories import publish
from news.factories import EventPageFactory, NewsPageFactory, helsinki
from news.recurrence import HELSINKI
from news.vtimezone import helsinki_vtimezone

UTC = datetime.UTC
ROOT = Path(__file__).resolve().parents[2]

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


# --- The Europe/Helsinki VTIMEZONE ----------------------------------------------------------------------


@pytest.fixture
def summer_event(event_index):
    """Weekly from summer time into winter time (the clocks go back on 31 October 2027)."""
    return publish(
        EventPageFactory(
            parent=event_index,
            title="Syyskävely",
            start=helsinki(2027, 10, 12, 18, 0),
            end=helsinki(2027, 10, 12, 19, 0),
            repeat="weekly",
            repeat_until=datetime.date(2027, 11, 9),
        )
    )


def test_calendar_time_zone_is_the_eu_rule_without_date_lists(client, events):
    content = client.get("/fi/tapahtumat/ical/").content.decode()
    # One zone (ours, not also icalendar's generated one), before the events that use it.
    assert content.count("BEGIN:VTIMEZONE") == 1
    assert content.index("END:VTIMEZONE") < content.index("BEGIN:VEVENT")
    [zone] = icalendar.Calendar.from_ical(content).walk("VTIMEZONE")
    assert dict(zone) == {"TZID": "Europe/Helsinki"}
    assert [part.name for part in zone.subcomponents] == ["STANDARD", "DAYLIGHT"]
    observances = {
        part.name: {
            "properties": set(part),
            "DTSTART": part.decoded("DTSTART"),
            "RRULE": dict(part["RRULE"]),
            "TZOFFSETFROM": part.decoded("TZOFFSETFROM"),
            "TZOFFSETTO": part.decoded("TZOFFSETTO"),
            "TZNAME": str(part["TZNAME"]),
        }
        for part in zone.subcomponents
    }
    properties = {"DTSTART", "RRULE", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME"}  # no RDATE
    assert observances == {
        "STANDARD": {
            "properties": properties,
            "DTSTART": datetime.datetime(1996, 10, 27, 4, 0),
            "RRULE": {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]},
            "TZOFFSETFROM": datetime.timedelta(hours=3),
            "TZOFFSETTO": datetime.timedelta(hours=2),
            "TZNAME": "EET",
        },
        "DAYLIGHT": {
            "properties": properties,
            "DTSTART": datetime.datetime(1996, 3, 31, 3, 0),
            "RRULE": {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]},
            "TZOFFSETFROM": datetime.timedelta(hours=2),
            "TZOFFSETTO": datetime.timedelta(hours=3),
            "TZNAME": "EEST",
        },
    }
    assert "RDATE" not in content


def test_summer_and_winter_times_convert_to_utc_by_the_calendars_own_zone(client, events, summer_event):
    calendar = parse_calendar(client.get("/fi/tapahtumat/ical/"))
    [zone] = calendar.walk("VTIMEZONE")
    # Built from the VTIMEZONE in the file (dateutil reads it), not from the TZID's name.
    zone_of_file = zone.to_tz(lookup_tzid=False)
    assert zone_of_file.utcoffset(datetime.datetime(2027, 7, 1)) == datetime.timedelta(hours=3)

    def utc_times(summary):
        [event] = [item for item in calendar.walk("VEVENT") if item["SUMMARY"] == summary]
        start = event.decoded("DTSTART").replace(tzinfo=zone_of_file)
        excluded = {
            value.dt.replace(tzinfo=zone_of_file)
            for value in event.get("EXDATE", icalendar.vDDDLists([])).dts
        }
        rule = rrule.rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        return [time.astimezone(UTC) for time in rule if time not in excluded]

    # Winter time is UTC+2 and summer time UTC+3, on either side of the change.
    assert utc_times("Kävelyryhmä")[:5] == [
        datetime.datetime(2027, 3, 2, 16, 0, tzinfo=UTC),
        datetime.datetime(2027, 3, 9, 16, 0, tzinfo=UTC),
        datetime.datetime(2027, 3, 16, 16, 0, tzinfo=UTC),
        datetime.datetime(2027, 3, 23, 16, 0, tzinfo=UTC),
        datetime.datetime(2027, 4, 6, 15, 0, tzinfo=UTC),
    ]
    assert utc_times("Syyskävely") == [
        datetime.datetime(2027, 10, 12, 15, 0, tzinfo=UTC),
        datetime.datetime(2027, 10, 19, 15, 0, tzinfo=UTC),
        datetime.datetime(2027, 10, 26, 15, 0, tzinfo=UTC),
        datetime.datetime(2027, 11, 2, 16, 0, tzinfo=UTC),
        datetime.datetime(2027, 11, 9, 16, 0, tzinfo=UTC),
    ]


def test_time_zone_rule_agrees_with_the_tz_database_from_1996_and_after_2037():
    zone_of_file = helsinki_vtimezone().to_tz(lookup_tzid=False)
    for year in range(1996, 2061):
        for month in (3, 10):
            # The changes are at 01:00 UTC on the last Sunday of March and of October.
            last_day = datetime.datetime(year, month, 31, 1, 0, tzinfo=UTC)
            change = last_day - datetime.timedelta(days=(last_day.weekday() + 1) % 7)
            for instant in (
                change - datetime.timedelta(seconds=1),
                change,
                datetime.datetime(year, 1, 15, tzinfo=UTC),
            ):
                local = instant.astimezone(HELSINKI)
                assert instant.astimezone(zone_of_file).replace(tzinfo=None) == local.replace(tzinfo=None), (
                    instant
                )
                assert local.replace(tzinfo=zone_of_file).astimezone(UTC) == instant, instant


# --- The same calendars as web calendar widgets read them (ical.js) -------------------------------------


def run_ical_check(content, *options):
    """scripts/check_ical.mjs on `content` (bytes) from standard input."""
    if shutil.which("node") is None:
        pytest.skip("node is not installed: the ical.js check needs Node.js")
    if not (ROOT / "node_modules" / "ical.js" / "package.json").exists():
        pytest.skip("node_modules/ical.js is absent: run `npm ci --ignore-scripts` for the ical.js check")
    return subprocess.run(
        ["node", str(ROOT / "scripts" / "check_ical.mjs"), *options],
        input=content,
        capture_output=True,
        timeout=60,
        check=False,
    )


def test_ical_js_reads_summer_and_winter_weekly_events_at_the_right_utc_times(client, events, summer_event):
    walk, _fair = events
    content = client.get("/fi/tapahtumat/ical/").content
    result = run_ical_check(content, "--json", "--occurrences", "6")
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    [report] = json.loads(result.stdout)
    assert report["problems"] == []
    events_read = {event["uid"]: event for event in report["events"]}
    winter = events_read[f"event-{walk.translation_key}@localhost"]
    assert (winter["tzid"], winter["start"], winter["start_utc"]) == (
        "Europe/Helsinki",
        "2027-03-02T18:00:00",
        "2027-03-02T16:00:00Z",
    )
    # 30 March is an exception; from 28 March on it is summer time.
    assert winter["occurrences_utc"] == [
        "2027-03-02T16:00:00Z",
        "2027-03-09T16:00:00Z",
        "2027-03-16T16:00:00Z",
        "2027-03-23T16:00:00Z",
        "2027-04-06T15:00:00Z",
        "2027-04-13T15:00:00Z",
    ]
    summer = events_read[f"event-{summer_event.translation_key}@localhost"]
    assert summer["start_utc"] == "2027-10-12T15:00:00Z"
    assert summer["occurrences_utc"] == [
        "2027-10-12T15:00:00Z",
        "2027-10-19T15:00:00Z",
        "2027-10-26T15:00:00Z",
        "2027-11-02T16:00:00Z",
        "2027-11-09T16:00:00Z",
    ]
    [all_day] = [event for event in report["events"] if event["start"] == "2027-05-08"]
    assert all_day["start_utc"] is None and all_day["occurrences_utc"] == []

    text = run_ical_check(content)
    assert text.returncode == 0
    assert "DTSTART 2027-10-12T18:00:00 Europe/Helsinki = 2027-10-12T15:00:00Z" in text.stdout.decode()


# A zone given as lists of dates (as icalendar generates it): ical.js takes only the first date of each.
ZONE_AS_DATE_LISTS = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//test//date lists//EN\r
BEGIN:VTIMEZONE\r
TZID:Europe/Helsinki\r
BEGIN:DAYLIGHT\r
DTSTART:20270328T030000\r
RDATE:20270328T030000,20280326T030000\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0300\r
TZNAME:EEST\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
DTSTART:20271031T040000\r
RDATE:20271031T040000,20281029T040000\r
TZOFFSETFROM:+0300\r
TZOFFSETTO:+0200\r
TZNAME:EET\r
END:STANDARD\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
UID:summer-2028@test\r
DTSTAMP:20260101T000000Z\r
DTSTART;TZID=Europe/Helsinki:20280606T180000\r
SUMMARY:Kes\xc3\xa4\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_ical_check_fails_on_a_zone_ical_js_misreads_and_on_what_is_not_icalendar():
    result = run_ical_check(ZONE_AS_DATE_LISTS)
    output = result.stdout.decode()
    assert result.returncode == 1, output
    assert "an RDATE in DAYLIGHT lists 2 dates; ical.js reads only the first" in output
    # Read with only the changes of 2027, summer 2028 is winter time: 18:00 would show as 19:00 in Helsinki.
    assert (
        "summer-2028@test: 2028-06-06T18:00:00 Europe/Helsinki reads as 2028-06-06T16:00:00Z, "
        "which the tz database shows as 2028-06-06T19:00:00 in Europe/Helsinki"
    ) in output

    broken = run_ical_check(b"this is not a calendar\n")
    assert broken.returncode == 2
    assert "not valid iCalendar" in broken.stderr.decode()

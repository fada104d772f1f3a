"""Repeating events: the RRULE built from an editor's choices, and its expansion in Helsinki wall time."""

import datetime

import pytest
from dateutil import rrule

from home.factories import publish
from news.factories import EventPageFactory, helsinki
from news.models import EventOccurrence
from news.recurrence import HELSINKI, MAX_OCCURRENCES, build_rule, expand

pytestmark = pytest.mark.django_db

# Finland moves its clocks forward on 28 March 2027 (EET +02:00 → EEST +03:00) and back on 31 October 2027.
WEEKLY_TUESDAYS = {"repeat": "weekly", "local_start": datetime.datetime(2027, 3, 2, 18, 0)}


def test_weekly_rule_has_until_in_utc_at_the_end_of_the_last_day():
    rule = build_rule("weekly", datetime.datetime(2027, 3, 2, 18, 0), until=datetime.date(2027, 4, 27))
    assert rule == "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20270427T205959Z"
    assert rrule.rrulestr(rule, dtstart=helsinki(2027, 3, 2, 18, 0))  # dateutil accepts what we write


@pytest.mark.parametrize(
    ("repeat", "start", "kwargs", "expected"),
    [
        (
            "biweekly",
            (2027, 3, 3, 10),
            {"weekdays": ["WE", "MO"], "count": 4},
            "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;WKST=MO;COUNT=4",
        ),
        ("monthly_weekday", (2027, 3, 2, 18), {"count": 6}, "FREQ=MONTHLY;BYDAY=1TU;COUNT=6"),
        ("monthly_weekday", (2027, 3, 30, 18), {"count": 6}, "FREQ=MONTHLY;BYDAY=-1TU;COUNT=6"),
        ("monthly_date", (2027, 1, 15, 12), {"count": 3}, "FREQ=MONTHLY;BYMONTHDAY=15;COUNT=3"),
        (
            "weekly",
            (2027, 3, 2, 0),
            {"until": datetime.date(2027, 3, 30), "all_day": True},
            "FREQ=WEEKLY;BYDAY=TU;WKST=MO;UNTIL=20270330",
        ),
        ("", (2027, 3, 2, 18), {}, None),
    ],
)
def test_rules_for_each_choice(repeat, start, kwargs, expected):
    assert build_rule(repeat, datetime.datetime(*start), **kwargs) == expected


def test_weekly_group_stays_at_18_local_across_the_daylight_saving_change():
    rule = build_rule(until=datetime.date(2027, 4, 27), **WEEKLY_TUESDAYS)
    occurrences = expand(datetime.datetime(2027, 3, 2, 18, 0), datetime.timedelta(hours=1, minutes=30), rule)
    assert len(occurrences) == 9
    assert {start.strftime("%a %H:%M") for start, _end in occurrences} == {"Tue 18:00"}
    assert {end.strftime("%H:%M") for _start, end in occurrences} == {"19:30"}
    before = [start for start, _end in occurrences if start.date() < datetime.date(2027, 3, 28)]
    after = [start for start, _end in occurrences if start.date() > datetime.date(2027, 3, 28)]
    assert {start.utcoffset() for start in before} == {datetime.timedelta(hours=2)}
    assert {start.utcoffset() for start in after} == {datetime.timedelta(hours=3)}
    # In UTC the group moves an hour earlier: 16:00 Z in winter, 15:00 Z in summer.
    assert before[-1].astimezone(datetime.UTC).hour == 16
    assert after[0].astimezone(datetime.UTC).hour == 15


def test_published_weekly_event_stores_each_occurrence_at_local_18(event_index):
    event = publish(
        EventPageFactory(
            parent=event_index,
            start=helsinki(2027, 3, 2, 18, 0),
            end=helsinki(2027, 3, 2, 19, 30),
            repeat="weekly",
            repeat_until=datetime.date(2027, 4, 27),
            exception_dates=[("date", datetime.date(2027, 3, 30))],
        )
    )
    rows = list(EventOccurrence.objects.filter(event=event).order_by("start"))
    local = [row.start.astimezone(HELSINKI) for row in rows]
    assert [start.date().isoformat() for start in local] == [
        "2027-03-02",
        "2027-03-09",
        "2027-03-16",
        "2027-03-23",
        "2027-04-06",  # 30 March is an exception date
        "2027-04-13",
        "2027-04-20",
        "2027-04-27",
    ]
    assert {start.strftime("%H:%M") for start in local} == {"18:00"}
    assert rows[0].start.astimezone(datetime.UTC).hour == 16
    assert rows[-1].start.astimezone(datetime.UTC).hour == 15


def test_expansion_is_capped_at_two_years_and_200_times():
    every_day = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    daily_like = build_rule(
        "weekly", datetime.datetime(2027, 1, 4, 9), weekdays=every_day, until=datetime.date(2028, 12, 31)
    )
    assert (
        len(expand(datetime.datetime(2027, 1, 4, 9), datetime.timedelta(hours=1), daily_like))
        == MAX_OCCURRENCES
    )
    long_rule = "FREQ=MONTHLY;BYMONTHDAY=4;COUNT=60"
    occurrences = expand(datetime.datetime(2027, 1, 4, 9), datetime.timedelta(hours=1), long_rule)
    assert occurrences[-1][0].date() <= datetime.date(2029, 1, 5)


def test_all_day_and_multi_day_occurrences_end_at_midnight_after_the_last_day(event_index):
    event = publish(
        EventPageFactory(
            parent=event_index,
            start=helsinki(2027, 6, 5, 0, 0),
            end=helsinki(2027, 6, 6, 0, 0),
            all_day=True,
        )
    )
    [row] = EventOccurrence.objects.filter(event=event)
    assert row.local_start == helsinki(2027, 6, 5, 0, 0)
    assert row.local_end == helsinki(2027, 6, 7, 0, 0)
    assert row.last_day == datetime.date(2027, 6, 6) and row.multi_day

"""Repeating events: an editor's simple choices as an RFC 5545 RRULE, and its occurrences.

Editors pick "weekly on Tuesdays until 31.5." rather than write rules. The rule is built as text
once (`build_rule`) and that same text goes both into the iCalendar feed and to python-dateutil for the
`EventOccurrence` rows, so calendar programs and the site's listings agree. Expansion runs in Helsinki
wall time: a group that meets at 18:00 stays at 18:00 when daylight saving time starts or ends (its
UTC offset changes instead).
"""

import datetime
import itertools
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils.translation import gettext_lazy as _

HELSINKI = ZoneInfo("Europe/Helsinki")
MAX_OCCURRENCES = 200
MAX_SPAN = datetime.timedelta(days=731)  # two years after the first occurrence

REPEAT_NONE = ""
REPEAT_WEEKLY = "weekly"
REPEAT_BIWEEKLY = "biweekly"
REPEAT_MONTHLY_DATE = "monthly_date"
REPEAT_MONTHLY_WEEKDAY = "monthly_weekday"
REPEAT_CHOICES = [
    (REPEAT_NONE, _("Does not repeat")),
    (REPEAT_WEEKLY, _("Every week")),
    (REPEAT_BIWEEKLY, _("Every two weeks")),
    (REPEAT_MONTHLY_WEEKDAY, _("Every month on the same weekday (e.g. the first Tuesday)")),
    (REPEAT_MONTHLY_DATE, _("Every month on the same date")),
]
WEEKLY_REPEATS = (REPEAT_WEEKLY, REPEAT_BIWEEKLY)

# RFC 5545 weekday codes in Python's weekday() order.
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_CHOICES = [
    ("MO", _("Monday")),
    ("TU", _("Tuesday")),
    ("WE", _("Wednesday")),
    ("TH", _("Thursday")),
    ("FR", _("Friday")),
    ("SA", _("Saturday")),
    ("SU", _("Sunday")),
]


def build_rule(repeat, local_start, weekdays=(), until=None, count=None, all_day=False):
    """The RRULE value (without "RRULE:") for the editor's choices, or None when the event does not repeat.

    `local_start` is the first occurrence in Helsinki time; `until` a date (inclusive).
    """
    if not repeat:
        return None
    parts = []
    if repeat in WEEKLY_REPEATS:
        parts.append("FREQ=WEEKLY")
        if repeat == REPEAT_BIWEEKLY:
            parts.append("INTERVAL=2")
        days = set(weekdays) or {WEEKDAY_CODES[local_start.weekday()]}
        parts.append("BYDAY=" + ",".join(code for code in WEEKDAY_CODES if code in days))
        parts.append("WKST=MO")  # weeks start on Monday in Finland; matters for every other week
    elif repeat == REPEAT_MONTHLY_WEEKDAY:
        nth = (local_start.day - 1) // 7 + 1
        # The fifth Tuesday exists only in some months; an editor who chose one means "the last".
        parts += ["FREQ=MONTHLY", f"BYDAY={-1 if nth == 5 else nth}{WEEKDAY_CODES[local_start.weekday()]}"]
    elif repeat == REPEAT_MONTHLY_DATE:
        parts += ["FREQ=MONTHLY", f"BYMONTHDAY={local_start.day}"]
    else:
        raise ValueError(f"Unknown repeat {repeat!r}")
    if count:
        parts.append(f"COUNT={count}")
    elif until:
        if all_day:
            parts.append(f"UNTIL={until:%Y%m%d}")
        else:
            # With a TZID start, RFC 5545 wants UNTIL in UTC: the end of that day in Helsinki.
            last = datetime.datetime.combine(until, datetime.time(23, 59, 59), HELSINKI)
            parts.append(f"UNTIL={last.astimezone(datetime.UTC):%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def expand(local_start, duration, rule=None, exceptions=(), all_day=False):
    """[(start, end)] of every occurrence, aware datetimes in Helsinki time, at most MAX_OCCURRENCES and
    MAX_SPAN after the first; dates in `exceptions` are left out.

    For all-day events the start is midnight and the end the midnight after the last day.
    """
    exceptions = set(exceptions)
    if all_day:
        first = datetime.datetime.combine(local_start.date(), datetime.time(0, 0))
    else:
        first = local_start.replace(tzinfo=HELSINKI)
    if rule is None:
        starts = [first]
    else:
        # Naive for all-day rules (UNTIL is a date), Helsinki-aware otherwise (UNTIL is UTC): dateutil then
        # keeps the wall-clock time of day and each occurrence gets the offset of its own date.
        limit = first + MAX_SPAN
        starts = itertools.takewhile(
            lambda start: start <= limit,
            itertools.islice(rrule.rrulestr(rule, dtstart=first), MAX_OCCURRENCES),
        )
    result = []
    for start in starts:
        if start.date() in exceptions:
            continue
        start = start.replace(tzinfo=HELSINKI)
        # Aware arithmetic on the same zone is wall-clock arithmetic: 18:00 + 1 h 30 min is 19:30 on
        # either side of a daylight saving change.
        result.append((start, start + duration))
    return result


def wall_clock_duration(start, end, all_day=False):
    """How long one occurrence lasts in local wall time (for all-day events: whole days, end inclusive)."""
    start, end = start.astimezone(HELSINKI), end.astimezone(HELSINKI)
    if all_day:
        return datetime.timedelta(days=(end.date() - start.date()).days + 1)
    return end.replace(tzinfo=None) - start.replace(tzinfo=None)

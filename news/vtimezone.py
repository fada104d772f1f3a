"""The Europe/Helsinki VTIMEZONE that the iCalendar feeds carry, written as the EU summer-time rule.

icalendar's own generated zone (Calendar.add_missing_timezones) lists every transition in one RDATE line per
observance and stops at 2037. ical.js, the parser behind most web calendar widgets, reads only the first
date of such a line, so every summer-time occurrence showed an hour late there. Two observances with a
yearly RRULE are what Finland has followed since 1996 and need no end date.
"""

import calendar
import datetime

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

TZID = "Europe/Helsinki"
# The first year of the common EU rule in Finland; the DTSTARTs fall in it, before any event in the feeds.
RULE_SINCE = 1996
EET = datetime.timedelta(hours=2)
EEST = datetime.timedelta(hours=3)


def last_sunday(year, month):
    last_day = datetime.date(year, month, calendar.monthrange(year, month)[1])
    return last_day - datetime.timedelta(days=(last_day.weekday() - calendar.SUNDAY) % 7)


def observance(kind, month, local_hour, offset_from, offset_to, name):
    """One STANDARD or DAYLIGHT: from the last Sunday of `month` at `local_hour` (local time before the
    change, 01:00 UTC in both directions) every year."""
    component = kind()
    component.add(
        "dtstart", datetime.datetime.combine(last_sunday(RULE_SINCE, month), datetime.time(local_hour))
    )
    component.add("tzoffsetfrom", offset_from)
    component.add("tzoffsetto", offset_to)
    component.add("tzname", name)
    component.add("rrule", vRecur(freq="YEARLY", bymonth=month, byday="-1SU"))
    return component


def helsinki_vtimezone():
    """A new VTIMEZONE component for Europe/Helsinki (EET in winter, EEST in summer)."""
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add_component(observance(TimezoneStandard, 10, 4, EEST, EET, "EET"))
    zone.add_component(observance(TimezoneDaylight, 3, 3, EET, EEST, "EEST"))
    return zone

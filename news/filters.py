"""The query parameters of /api/v2/news/ and /api/v2/events/ as django-filter FilterSets (home/filters.py):
they check the values (400 with a message) and drf-spectacular documents them from here."""

import datetime

from home.filters import (
    DayFilter,
    OneOfFilter,
    ParameterSet,
    TextFilter,
    WholeNumberFilter,
    limit_filter,
    offset_filter,
)
from home.parameters import MAX_ID
from news.models import EventPage, NewsPage

# No item is dated outside these; days beyond them are read as these.
EARLIEST, LATEST = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)
WHEN = [
    ("upcoming", "not yet ended, soonest first (the default without dates)"),
    ("past", "ended, latest first"),
    ("all", "both, earliest first (the default with dates)"),
]


def association_filter():
    return WholeNumberFilter(
        "association", minimum=1, maximum=MAX_ID, help_text="Id of an association's page, in either language."
    )


class NewsFilterSet(ParameterSet):
    tag = TextFilter("tag", longest=100, help_text="Tag slug, e.g. vapaaehtoistyo.")
    association = association_filter()
    date_from = DayFilter("date_from", EARLIEST, LATEST, help_text="Published on or after this day.")
    date_to = DayFilter("date_to", EARLIEST, LATEST, help_text="Published on or before this day.")
    limit = limit_filter()
    offset = offset_filter()

    def __init__(self, data=None):
        super().__init__(data, queryset=NewsPage.objects.none())


class EventFilterSet(ParameterSet):
    association = association_filter()
    date_from = DayFilter(
        "date_from", EARLIEST, LATEST, help_text="Occurrences that end on or after this day (Helsinki time)."
    )
    date_to = DayFilter(
        "date_to", EARLIEST, LATEST, help_text="Occurrences that start on or before this day (Helsinki time)."
    )
    when = OneOfFilter("when", WHEN)
    limit = limit_filter()
    offset = offset_filter()

    def __init__(self, data=None):
        super().__init__(data, queryset=EventPage.objects.none())

"""The query parameters of /api/v2/programmes/ as django-filter FilterSets (home/filters.py): the action
filters that the listing and the detail share, and the listing's own. They check the values (400 with a
message) and drf-spectacular documents them from here."""

from home.filters import (
    OneOfFilter,
    ParameterSet,
    TextFilter,
    WholeNumberFilter,
    limit_filter,
    offset_filter,
)
from home.parameters import MAX_ID
from programme.blocks import ACTION_STATUSES, MAX_YEAR, MIN_YEAR
from programme.models import ProgrammePage, ProgrammeStatus


class ActionFilterSet(ParameterSet):
    """Which actions of a programme are shown; the others are left out of its themes and goals."""

    status = OneOfFilter("status", ACTION_STATUSES, help_text="Action status.")
    theme = TextFilter("theme", longest=64, help_text="Theme id (the same in every language).")
    association = WholeNumberFilter(
        "association",
        minimum=1,
        maximum=MAX_ID,
        help_text="Id of a responsible association's page, in either language.",
    )
    year = WholeNumberFilter(
        "year", minimum=MIN_YEAR, maximum=MAX_YEAR, help_text="Only actions running during this year."
    )

    def __init__(self, data=None):
        super().__init__(data, queryset=ProgrammePage.objects.none())


class ProgrammeFilterSet(ActionFilterSet):
    """The listing: the action filters, the programmes' own status and paging."""

    programme_status = OneOfFilter(
        "programme_status", ProgrammeStatus.choices, help_text="Status of the programme itself."
    )
    limit = limit_filter()
    offset = offset_filter()

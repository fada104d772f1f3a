"""The query parameters of the HSDS paths, as the HSDS 3.0 API reference (openapi.json) names them per path.

Each path reads its own ParameterSet (home.filters): an unknown parameter, a parameter given twice, an
empty one (but free text) and a value of the wrong kind are a 400 with a message, never an unfiltered
answer. The same sets describe the parameters in the OpenAPI document (`openapi_parameters`).
"""

import datetime
import re
import uuid

import django_filters
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from drf_spectacular.drainage import get_override
from drf_spectacular.utils import OpenApiParameter
from wagtail.api.v2.utils import BadRequestError

from associations.models import AssociationPage
from home.api import check_parameters
from home.filters import (
    OneOfFilter,
    ParameterSet,
    StrictField,
    TextFilter,
    WholeNumberFilter,
    documented,
)
from home.parameters import SHOWN_LENGTH

DEFAULT_PER_PAGE = 20
MAX_PER_PAGE = 100
# `minimal` answers are small: they come in the largest pages by default.
MINIMAL_PER_PAGE = MAX_PER_PAGE
MAX_PAGE = 1_000_000
MAX_PROXIMITY = 1_000_000  # metres
LOCALES = [(code, str(name)) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]
LEAP_SECOND = re.compile(r"(T\d\d:\d\d):60")


def shown(value):
    return value if len(value) <= SHOWN_LENGTH else value[:SHOWN_LENGTH] + "…"


class BooleanField(StrictField):
    def convert(self, value):
        if value not in ("true", "false"):
            raise ValidationError(f"'{self.parameter}' must be true or false, not '{shown(value)}'.")
        return value == "true"


class IdField(StrictField):
    def convert(self, value):
        try:
            return uuid.UUID(value)
        except ValueError:
            raise ValidationError(
                f"'{self.parameter}' must be an HSDS id (a UUID), not '{shown(value)}'."
            ) from None


class DateTimeField(StrictField):
    """An RFC 3339 date and time (without an offset: Helsinki time), or a day (from its start). A leap
    second counts as the second before it."""

    def convert(self, value):
        problem = ValidationError(
            f"'{self.parameter}' must be a date and time such as 2026-01-31T12:00:00Z, or a day such as "
            f"2026-01-31, not '{shown(value)}'."
        )
        written = LEAP_SECOND.sub(r"\1:59", value.upper())
        try:
            moment = parse_datetime(written)
        except ValueError:  # well formed but no such date or time (month 13)
            raise problem from None
        if moment is None:
            raise problem
        try:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            return moment.astimezone(datetime.UTC)
        except (OverflowError, ValueError):  # the first or last day of year 1 or 9999 with an offset
            edge = datetime.datetime.min if moment.year == 1 else datetime.datetime.max
            return edge.replace(tzinfo=datetime.UTC)


class PostcodeField(StrictField):
    def convert(self, value):
        if len(value) != 5 or not all("0" <= character <= "9" for character in value):
            raise ValidationError(
                f"'{self.parameter}' must be a Finnish postcode of five digits, not '{shown(value)}'."
            )
        return value


def strict_filter(field, schema):
    """A django-filter Filter class reading its parameter with `field`, documented as `schema`."""

    class StrictFilter(django_filters.Filter):
        field_class = field

        def __init__(self, parameter, **kwargs):
            super().__init__(parameter=parameter, **kwargs)
            documented(self, schema)

    StrictFilter.__name__ = StrictFilter.__qualname__ = field.__name__.replace("Field", "Filter")
    return StrictFilter


BooleanFilter = strict_filter(BooleanField, {"type": "boolean"})
IdFilter = strict_filter(IdField, {"type": "string", "format": "uuid"})
DateTimeFilter = strict_filter(DateTimeField, {"type": "string", "format": "date-time"})
PostcodeFilter = strict_filter(PostcodeField, {"type": "string", "pattern": "^[0-9]{5}$"})


class HSDSParameters(ParameterSet):
    """?locale= (fi by default), which every HSDS path takes."""

    locale = OneOfFilter("locale", LOCALES, help_text="Language of the answer (default fi).")

    def __init__(self, request):
        # check_parameters names every unknown parameter (BadRequestError, a 400).
        check_parameters(request, self.base_filters)
        repeated = sorted(name for name, values in request.GET.lists() if len(values) > 1)
        if repeated:
            raise BadRequestError(f"Give each parameter once: {', '.join(repeated)}.")
        super().__init__(request.GET, queryset=AssociationPage.objects.none())

    def values(self):
        values = dict(super().values())
        values["locale"] = values.get("locale") or "fi"
        return values


class ListParameters(HSDSParameters):
    """What every HSDS list takes: a text search, pages and the format."""

    search = TextFilter(
        "search", help_text="Search words; each must match, in one of its Finnish or Swedish word forms."
    )
    page = WholeNumberFilter("page", minimum=1, maximum=MAX_PAGE, help_text="Page number, from 1.")
    per_page = WholeNumberFilter(
        "per_page",
        minimum=1,
        maximum=MAX_PER_PAGE,
        help_text=f"Items per page, at most {MAX_PER_PAGE} ({DEFAULT_PER_PAGE} by default).",
    )
    format = OneOfFilter(
        "format",
        [("json", "one page of JSON"), ("ndjson", "the items, one JSON object per line")],
        help_text="json (default): a page in HSDS's envelope; ndjson: the items one JSON object a line "
        "(application/x-ndjson), all of them unless page or per_page is given.",
    )

    def values(self):
        values = super().values()
        values["format"] = values.get("format") or "json"
        values["paged"] = (
            values["format"] == "json" or values["page"] is not None or values["per_page"] is not None
        )
        return values

    def paging(self, values, default=DEFAULT_PER_PAGE):
        """(page, per_page) of the cleaned values (per_page more than MAX_PER_PAGE was refused)."""
        per_page = default if values["per_page"] is None else values["per_page"]
        return values["page"] or 1, per_page


FULL_SERVICE = "true: the organization's services fully nested; false (default): their own fields."


class OrganizationParameters(HSDSParameters):
    full_service = BooleanFilter("full_service", help_text=FULL_SERVICE)


class OrganizationListParameters(ListParameters):
    full_service = BooleanFilter("full_service", help_text=f"{FULL_SERVICE} Implies full.")
    full = BooleanFilter(
        "full",
        help_text="true: each organization fully nested, as /organizations/{id} gives it; false (default): "
        "its own fields.",
    )


class ServiceFilters(ListParameters):
    """The filters services and services at locations share; they combine with AND."""

    taxonomy_term_id = IdFilter("taxonomy_term_id", help_text="Only those with this taxonomy term.")
    taxonomy_id = IdFilter("taxonomy_id", help_text="Only those with a term of this taxonomy.")
    organization_id = IdFilter("organization_id", help_text="Only those of this organization.")
    modified_after = DateTimeFilter(
        "modified_after",
        help_text="Only those changed at or after this time (RFC 3339; Helsinki time without an offset).",
    )


class ServiceListParameters(ServiceFilters):
    minimal = BooleanFilter(
        "minimal",
        help_text=f"true: only id, name, status and last_modified, {MINIMAL_PER_PAGE} a page by default "
        "(full is then not looked at).",
    )
    full = BooleanFilter("full", help_text="true: each service fully nested, as /services/{id} gives it.")


class ServiceAtLocationListParameters(ServiceFilters):
    full = BooleanFilter(
        "full", help_text="true: the service fully nested, as /service_at_locations/{id} gives it."
    )
    postcode = PostcodeFilter(
        "postcode",
        help_text="Only those at an address with this postcode; with proximity, those within proximity "
        "metres of the postcode's centre.",
    )
    proximity = WholeNumberFilter(
        "proximity",
        minimum=1,
        maximum=MAX_PROXIMITY,
        help_text="Metres from the centre of the postcode, the mean of the map points the directory has "
        "in it. Needs postcode; 404 without one or when the directory has no map point in it.",
    )


class TaxonomyTermListParameters(ListParameters):
    taxonomy_id = IdFilter("taxonomy_id", help_text="Only the terms of this taxonomy.")
    top_only = BooleanFilter(
        "top_only", help_text="true: only terms without a parent (every term here: the taxonomies are flat)."
    )
    parent_id = IdFilter(
        "parent_id", help_text="Only the terms under this one (none: the taxonomies are flat)."
    )


def openapi_parameters(parameter_set):
    """The parameters of `parameter_set` for drf-spectacular, with the schemas their filters declare."""
    parameters = []
    for name, query_filter in parameter_set.base_filters.items():
        schema = dict(get_override(query_filter, "field", {}) or {})
        if isinstance(query_filter, OneOfFilter):
            schema = {"type": "string", "enum": [value for value, _label in query_filter.extra["choices"]]}
        description = schema.pop("description", "") or str(query_filter.extra.get("help_text", ""))
        parameters.append(OpenApiParameter(name, schema or str, description=description))
    return parameters

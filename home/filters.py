"""Query parameters of the API as django-filter FilterSets: one declaration checks the values (a 400 with a
clear message for anything odd) and documents them in the OpenAPI document (drf-spectacular reads the
FilterSet of a view, so enums come from the filters' choices).

Whole numbers and free text are read by the same rules as home.parameters and home.api, with the same
messages; a FilterSet's errors become one BadRequestError (400 with {"message": ...}). A parameter left
out takes its default, but one given empty (`?date_to=`) is refused unless it is free text: the document
says what each one holds, and an empty value is none of it.
"""

import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from drf_spectacular.utils import extend_schema_field
from wagtail.api.v2.utils import BadRequestError

from home.parameters import MAX_OFFSET, MAX_TEXT_LENGTH, SHOWN_LENGTH, InvalidNumber, whole_number

# The API's page size: 20 items unless ?limit= asks for another number, at most 100.
DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def refuse_empty(parameter):
    """The error for `?parameter=` with nothing after it, where an empty value means nothing."""
    return ValidationError(f"'{parameter}' cannot be empty: give a value or leave the parameter out.")


def documented(query_filter, schema):
    """Give drf-spectacular the parameter's schema, which it cannot tell from a custom filter, with the
    filter's help text as the parameter's description."""
    if help_text := query_filter.extra.get("help_text"):
        schema = {**schema, "description": str(help_text)}
    extend_schema_field(schema)(query_filter)


class StrictField(forms.Field):
    """A parameter's value: None when the parameter is left out, an error when it is empty, otherwise what
    `convert` makes of the text."""

    def __init__(self, *, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(**kwargs)

    def to_python(self, value):
        if value is None:
            return None
        if value == "":
            raise refuse_empty(self.parameter)
        return self.convert(value)

    def convert(self, value):
        raise NotImplementedError


class WholeNumberField(StrictField):
    """ASCII digits between `minimum` and `maximum` (home.parameters.whole_number)."""

    def __init__(self, *, parameter, minimum=0, maximum=MAX_OFFSET, **kwargs):
        self.minimum, self.maximum = minimum, maximum
        super().__init__(parameter=parameter, **kwargs)

    def convert(self, value):
        try:
            return whole_number(value, self.parameter, minimum=self.minimum, maximum=self.maximum)
        except InvalidNumber as error:
            raise ValidationError(str(error)) from None


class WholeNumberFilter(django_filters.Filter):
    """A whole-number parameter (limit, offset, a year); documented as an integer with its bounds."""

    field_class = WholeNumberField

    def __init__(self, parameter, minimum=0, maximum=MAX_OFFSET, **kwargs):
        super().__init__(parameter=parameter, minimum=minimum, maximum=maximum, **kwargs)
        documented(self, {"type": "integer", "minimum": minimum, "maximum": maximum})


class TextField(forms.CharField):
    """Free text of at most `longest` characters, without the spaces around it (only spaces is an empty
    search, answered with 200). Control characters never get here (ControlCharacterMiddleware)."""

    def __init__(self, *, parameter, longest=MAX_TEXT_LENGTH, **kwargs):
        self.parameter, self.longest = parameter, longest
        super().__init__(strip=True, **kwargs)

    def to_python(self, value):
        if len(value or "") > self.longest:
            raise ValidationError(f"'{self.parameter}' can be at most {self.longest} characters.")
        return super().to_python(value)


class TextFilter(django_filters.Filter):
    field_class = TextField

    def __init__(self, parameter, longest=MAX_TEXT_LENGTH, **kwargs):
        super().__init__(parameter=parameter, longest=longest, **kwargs)
        documented(self, {"type": "string", "minLength": 0, "maxLength": longest})


class DayField(StrictField):
    """A day as YYYY-MM-DD; days before `earliest` or after `latest` are moved to that edge (the answer is
    the same, and no time zone arithmetic overflows)."""

    def __init__(self, *, parameter, earliest, latest, **kwargs):
        self.earliest, self.latest = earliest, latest
        super().__init__(parameter=parameter, **kwargs)

    def convert(self, value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            raise ValidationError(
                f"'{self.parameter}' must be a date as YYYY-MM-DD, not '{value[:SHOWN_LENGTH]}'."
            ) from None
        return min(max(day, self.earliest), self.latest)


class DayFilter(django_filters.Filter):
    field_class = DayField

    def __init__(self, parameter, earliest, latest, **kwargs):
        super().__init__(parameter=parameter, earliest=earliest, latest=latest, **kwargs)
        documented(self, {"type": "string", "format": "date"})


class UnknownValuesField(django_filters.fields.MultipleChoiceField):
    """Several values of a fixed list; every unknown one is named in the message, not only the first."""

    def __init__(self, *, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(**kwargs)

    def validate(self, value):
        if "" in value:
            raise refuse_empty(self.parameter)
        if unknown := [item for item in value if not self.valid_value(item)]:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": ", ".join(unknown)},
            )


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    """?name=a&name=b, each a known value; "Unknown name: x, y." otherwise."""

    field_class = UnknownValuesField

    def __init__(self, parameter, **kwargs):
        error = {"invalid_choice": f"Unknown {parameter}: %(value)s."}
        super().__init__(parameter=parameter, error_messages=error, **kwargs)


class OneOfField(django_filters.fields.ChoiceField):
    """One value of a fixed list; "" when the parameter is left out, an error when it is empty."""

    def __init__(self, *, parameter, **kwargs):
        self.parameter = parameter
        super().__init__(**kwargs)

    def clean(self, value):
        if value == "":
            raise refuse_empty(self.parameter)
        return super().clean(value)


class OneOfFilter(django_filters.ChoiceFilter):
    """?name=value, one of a fixed list; "Unknown name 'x': use one of a, b." otherwise."""

    field_class = OneOfField

    def __init__(self, parameter, choices, **kwargs):
        known = ", ".join(str(value) for value, _label in choices)
        error = {"invalid_choice": f"Unknown {parameter} '%(value)s': use one of {known}."}
        super().__init__(parameter=parameter, choices=choices, error_messages=error, **kwargs)


class ParameterSet(django_filters.FilterSet):
    """A FilterSet used to read and check an API view's parameters; `values()` gives the cleaned ones.

    The filtering itself may happen elsewhere (the directory's search engine filters and counts facets
    in one pass), so only the form side of django-filter is used there.
    """

    def values(self):
        """The cleaned values by parameter name; BadRequestError with every problem found otherwise."""
        if not self.is_valid():
            messages = [str(message) for errors in self.form.errors.values() for message in errors]
            raise BadRequestError(" ".join(messages))
        return self.form.cleaned_data


def limit_filter():
    return WholeNumberFilter("limit", maximum=MAX_LIMIT, help_text=f"How many items (at most {MAX_LIMIT}).")


def offset_filter():
    return WholeNumberFilter("offset", help_text="How many items to skip.")


def paging(values):
    """(limit, offset) from the cleaned values of limit_filter() and offset_filter(), with defaults."""
    limit = DEFAULT_LIMIT if values["limit"] is None else values["limit"]
    return limit, values["offset"] or 0

"""The pieces every API answer is made of: page links, images, StreamField bodies, language versions,
listing totals, and a date-time field that keeps the offset it was given.

The endpoints' serializers (associations/serializers.py, news/serializers.py, ...) are built from these.
A view computes the values and hands a dict to its serializer, which writes the answer: only the
declared keys, each as its declared type, so the OpenAPI document (drf-spectacular reads the same
serializers) and the JSON cannot drift apart. A declared key the view forgot is an error, not a gap.
"""

from django.conf import settings
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


def choice_component(name, choices):
    """A ChoiceField class for a fixed set of strings that the document describes once, as the component
    `name`, for every field that uses it (left to itself, drf-spectacular names an enum after each field
    and warns when several fields share one set or one field name has several)."""
    values = [choice[0] if isinstance(choice, (list, tuple)) else choice for choice in choices]

    @extend_schema_field({"type": "string", "enum": values}, component_name=name)
    class ComponentChoiceField(serializers.ChoiceField):
        def __init__(self, **kwargs):
            super().__init__(choices=values, **kwargs)

    ComponentChoiceField.__name__ = ComponentChoiceField.__qualname__ = f"{name}Field"
    return ComponentChoiceField


# The language code of a content locale (fi or sv).
LocaleField = choice_component("Locale", [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES])


class OffsetDateTimeField(serializers.DateTimeField):
    """An ISO 8601 date and time in the offset it has (event times in Helsinki time, publication times
    in UTC), as the JSON encoder writes it; DRF's own field would convert it to the current time zone."""

    def enforce_timezone(self, value):
        return value if timezone.is_aware(value) else super().enforce_timezone(value)


@extend_schema_field(OpenApiTypes.NUMBER)
class NumberField(serializers.Field):
    """A number as it is: whole numbers stay integers, others are floats (FloatField makes 3 into 3.0)."""

    def to_representation(self, value):
        return value


def constant(value, **kwargs):
    """A string that is always `value` (an item's type): an enum of one in the document."""
    return serializers.ChoiceField(choices=[value], **kwargs)


class ListingMetaSerializer(serializers.Serializer):
    total_count = serializers.IntegerField(help_text="How many items match, on every page together.")


class PageLinkSerializer(serializers.Serializer):
    """A link to a page: its id, title and public address."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    html_url = serializers.URLField(allow_null=True)


class TranslationLinkSerializer(serializers.Serializer):
    """The same page in another language."""

    id = serializers.IntegerField()
    locale = LocaleField()
    title = serializers.CharField()
    html_url = serializers.URLField(allow_null=True)


class RenditionSerializer(serializers.Serializer):
    url = serializers.URLField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class RenditionsSerializer(serializers.Serializer):
    """Both sizes, or neither when the original file cannot be read."""

    medium = RenditionSerializer(required=False, help_text="At most 800 × 800.")
    large = RenditionSerializer(required=False, help_text="At most 1600 × 1600.")


class ImageSerializer(serializers.Serializer):
    """An image with its alt text and renditions ready for <img srcset> (home.blocks.image_api)."""

    id = serializers.IntegerField()
    title = serializers.CharField()
    alt = serializers.CharField(help_text="Empty for a decorative image.")
    decorative = serializers.BooleanField()
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    renditions = RenditionsSerializer()


class StreamBlockSerializer(serializers.Serializer):
    """One block of a StreamField body, as Wagtail's API writes it; `value` depends on `type`."""

    type = serializers.CharField()
    value = serializers.JSONField()
    id = serializers.CharField()


class TermSerializer(serializers.Serializer):
    """A taxonomy term or tag by its slug, with its name in the answer's language."""

    slug = serializers.CharField()
    name = serializers.CharField()


class TaxonomyTermField(serializers.Field):
    """A model's taxonomy term (or terms) in Wagtail's pages API: its stable identifier (`code` or `slug`)
    and the name stored with the page.

    Pages of both languages refer to the same terms, so the identifier is what consumers should match
    on; the names of a term in each language come from the taxonomy endpoints.
    """

    def __init__(self, key, **kwargs):
        self.key = key
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        value = super().get_attribute(instance)
        # Many-to-many managers are serialised as lists of terms.
        return list(value.all()) if hasattr(value, "all") else value

    def to_representation(self, value):
        if isinstance(value, list):
            return [self.to_representation(term) for term in value]
        return {self.key: getattr(value, self.key), "name": value.name}

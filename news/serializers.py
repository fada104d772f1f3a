"""The answers of /api/v2/news/ and /api/v2/events/: listings, items and the detail of one.

Each serializer describes an answer in the OpenAPI document and writes it from the values the view
computed (home/serializers.py says how).
"""

from rest_framework import serializers

from associations.serializers import ServiceLanguageField
from home.serializers import (
    ImageSerializer,
    ListingMetaSerializer,
    LocaleField,
    OffsetDateTimeField,
    PageLinkSerializer,
    StreamBlockSerializer,
    TermSerializer,
    TranslationLinkSerializer,
    constant,
)

# --- News -------------------------------------------------------------------------------------------------


class NewsMetaSerializer(serializers.Serializer):
    type = constant("news.NewsPage")
    html_url = serializers.URLField(allow_null=True)
    locale = LocaleField()
    first_published_at = OffsetDateTimeField(allow_null=True)


class NewsItemSerializer(serializers.Serializer):
    """A news item as listed."""

    id = serializers.IntegerField()
    meta = NewsMetaSerializer()
    title = serializers.CharField()
    date = serializers.DateField()
    lead = serializers.CharField()
    author = serializers.CharField()
    main_image = ImageSerializer(allow_null=True)
    tags = TermSerializer(many=True)
    category = TermSerializer(allow_null=True)
    associations = PageLinkSerializer(many=True, help_text="The associations it is about, in its language.")


class NewsDetailSerializer(NewsItemSerializer):
    """One news item with its body and its other language versions."""

    body = StreamBlockSerializer(many=True)
    translations = TranslationLinkSerializer(many=True)


class NewsListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = NewsItemSerializer(many=True)


# --- Events -----------------------------------------------------------------------------------------------


class EventMetaSerializer(serializers.Serializer):
    type = constant("news.EventPage")
    html_url = serializers.URLField(allow_null=True)
    ical_url = serializers.URLField(allow_null=True, help_text="The event as an iCalendar file.")
    locale = LocaleField()


class LocationSerializer(serializers.Serializer):
    name = serializers.CharField()
    street_address = serializers.CharField()
    postal_code = serializers.CharField()
    post_office = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)


class OrganiserSerializer(serializers.Serializer):
    name = serializers.CharField()
    association = PageLinkSerializer(allow_null=True, help_text="The organising association's page, if any.")


class RegistrationSerializer(serializers.Serializer):
    url = serializers.URLField(allow_null=True)
    deadline = serializers.DateField(allow_null=True)
    capacity = serializers.IntegerField(allow_null=True, help_text="Number of places.")


class OffersSerializer(serializers.Serializer):
    is_free = serializers.BooleanField()
    price = serializers.CharField(allow_null=True, help_text="A decimal number as text, e.g. 12.50.")
    currency = constant("EUR")
    info = serializers.CharField()


class EventSerializer(serializers.Serializer):
    """An event as listed: one occurrence of it (a weekly group once per week, with that week's times)."""

    id = serializers.IntegerField()
    meta = EventMetaSerializer()
    title = serializers.CharField()
    lead = serializers.CharField()
    location = LocationSerializer(allow_null=True, help_text="None for an online-only event.")
    online_url = serializers.URLField(allow_null=True)
    organiser = OrganiserSerializer()
    registration = RegistrationSerializer()
    offers = OffersSerializer()
    accessibility = serializers.CharField()
    target_groups = TermSerializer(many=True)
    languages = serializers.ListField(child=ServiceLanguageField())
    start = OffsetDateTimeField(help_text="Helsinki time.")
    end = OffsetDateTimeField(help_text="Helsinki time; for an all-day event the midnight after it.")
    all_day = serializers.BooleanField()


class OccurrenceSerializer(serializers.Serializer):
    start = OffsetDateTimeField()
    end = OffsetDateTimeField()


class EventDetailSerializer(EventSerializer):
    """One event with its body, repeat rule and coming occurrences; start and end are its first one."""

    rrule = serializers.CharField(
        allow_null=True, help_text="RFC 5545 repeat rule; null when it does not repeat."
    )
    exception_dates = serializers.ListField(
        child=serializers.DateField(), help_text="Days it does not take place."
    )
    occurrences = OccurrenceSerializer(many=True, help_text="The occurrences that have not ended yet.")
    body = StreamBlockSerializer(many=True)
    main_image = ImageSerializer(allow_null=True)
    associations = PageLinkSerializer(many=True)
    translations = TranslationLinkSerializer(many=True)


class EventListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = EventSerializer(many=True)

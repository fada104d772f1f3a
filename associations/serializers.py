"""The answers of the directory's API: associations (/api/v2/associations/), the taxonomies
(/api/v2/municipalities/, /categories/, /target_groups/) and the HSDS views (/api/hsds/).

Each serializer describes an answer in the OpenAPI document and writes it from the values the view
computed (home/serializers.py says how).
"""

from rest_framework import serializers

from associations.models import SERVICE_LANGUAGES
from home.serializers import ListingMetaSerializer, LocaleField, TermSerializer, choice_component, constant

ServiceLanguageField = choice_component("ServiceLanguage", SERVICE_LANGUAGES)
# HSDS's types of a location and of an address; this service publishes physical ones.
HSDSPlaceTypeField = choice_component("HSDSPlaceType", ["physical", "postal", "virtual"])

# --- /api/v2/associations/ --------------------------------------------------------------------------------


class MunicipalitySerializer(serializers.Serializer):
    """A municipality by its Statistics Finland code, with its name in the answer's language."""

    code = serializers.CharField()
    name = serializers.CharField()


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(help_text="The code or slug to filter by.")
    name = serializers.CharField()
    count = serializers.IntegerField(help_text="Matches with this value and the other filters.")
    selected = serializers.BooleanField()


class FacetsSerializer(serializers.Serializer):
    """The values of each facet that have matches (or are selected), most matches first."""

    municipality = FacetValueSerializer(many=True)
    category = FacetValueSerializer(many=True)
    target_group = FacetValueSerializer(many=True)


class AssociationListingMetaSerializer(ListingMetaSerializer):
    facets = FacetsSerializer()
    search_backend = serializers.CharField(help_text="The search engine that ranked the matches.")
    search_fallback = serializers.BooleanField(
        help_text="True when the search server was down and the database answered."
    )
    corrections = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="Search words that matched no name, with the names one letter away that were searched "
        "for instead; only when there are some.",
    )


class AssociationMetaSerializer(serializers.Serializer):
    type = constant("associations.AssociationPage")
    html_url = serializers.URLField(allow_null=True)
    locale = LocaleField()
    highlight = serializers.CharField(
        required=False, help_text="The summary with the search words in <mark>; only with search words."
    )


class AssociationSerializer(serializers.Serializer):
    """An association of the directory."""

    id = serializers.IntegerField()
    meta = AssociationMetaSerializer()
    title = serializers.CharField()
    business_id = serializers.CharField(allow_null=True, help_text="Y-tunnus, e.g. 1234567-8.")
    summary = serializers.CharField()
    municipality = MunicipalitySerializer(allow_null=True, help_text="The home municipality.")
    categories = TermSerializer(many=True)
    service_languages = serializers.ListField(child=ServiceLanguageField())


class AssociationListingSerializer(serializers.Serializer):
    meta = AssociationListingMetaSerializer()
    items = AssociationSerializer(many=True)


# --- /api/v2/municipalities/, /categories/, /target_groups/ -------------------------------------------------


def names_field():
    return serializers.DictField(
        child=serializers.CharField(), help_text="The term's name in each language, by language code."
    )


class MunicipalityTermSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Statistics Finland code.")
    name = serializers.CharField()
    names = names_field()


class TermWithNamesSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()
    names = names_field()


class MunicipalityListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = MunicipalityTermSerializer(many=True)


class TermListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = TermWithNamesSerializer(many=True)


# --- /api/hsds/ (Open Referral HSDS 3.0) -------------------------------------------------------------------


class HSDSPublisherSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class HSDSEndpointsSerializer(serializers.Serializer):
    organizations = serializers.URLField()
    services = serializers.URLField()
    taxonomy_terms = serializers.URLField()


class HSDSRootSerializer(serializers.Serializer):
    version = serializers.CharField()
    profile = serializers.URLField()
    openapi_url = serializers.URLField()
    publisher = HSDSPublisherSerializer()
    licence = serializers.CharField()
    endpoints = HSDSEndpointsSerializer()


class HSDSTaxonomyTermSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField(help_text="Municipality code or category or target group slug.")
    name = serializers.CharField()
    description = serializers.CharField()
    taxonomy = serializers.ChoiceField(choices=["municipality", "category", "target_group"])
    language = LocaleField()


class HSDSAttributeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    link_id = serializers.UUIDField()
    link_type = serializers.CharField()
    taxonomy_term_id = serializers.UUIDField()
    taxonomy_term = HSDSTaxonomyTermSerializer()


class HSDSIdentifierSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    identifier_scheme = serializers.ChoiceField(choices=["FI:PRH:YTUNNUS", "FI:PRH:YHDISTYSREKISTERI"])
    identifier_type = serializers.CharField()
    identifier = serializers.CharField()


class HSDSPhoneSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    number = serializers.CharField()


class HSDSAddressSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    address_1 = serializers.CharField(allow_null=True)
    city = serializers.CharField()
    region = serializers.CharField()
    state_province = serializers.CharField()
    postal_code = serializers.CharField(allow_null=True)
    country = serializers.CharField()
    address_type = HSDSPlaceTypeField()


class HSDSLocationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    location_type = HSDSPlaceTypeField()
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)
    addresses = HSDSAddressSerializer(many=True)


class HSDSOrganizationSerializer(serializers.Serializer):
    """An association as an HSDS organization."""

    id = serializers.UUIDField(help_text="The same in every language.")
    name = serializers.CharField()
    alternate_name = serializers.CharField(allow_null=True)
    description = serializers.CharField()
    email = serializers.CharField(allow_null=True)
    website = serializers.CharField(allow_null=True)
    year_incorporated = serializers.IntegerField(allow_null=True)
    legal_status = serializers.CharField()
    uri = serializers.URLField(allow_null=True)
    organization_identifiers = HSDSIdentifierSerializer(many=True)
    phones = HSDSPhoneSerializer(many=True)
    locations = HSDSLocationSerializer(many=True)
    attributes = HSDSAttributeSerializer(many=True)


class HSDSLanguageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    code = serializers.CharField()


class HSDSScheduleSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    freq = constant("WEEKLY")
    byday = serializers.CharField(allow_null=True, help_text="RFC 5545 weekdays, e.g. TU,TH.")
    description = serializers.CharField()


class HSDSServiceSerializer(serializers.Serializer):
    """A recurring activity of an association as an HSDS service."""

    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    url = serializers.URLField(allow_null=True)
    email = serializers.CharField(allow_null=True)
    status = constant("active")
    languages = HSDSLanguageSerializer(many=True)
    schedules = HSDSScheduleSerializer(many=True)
    attributes = HSDSAttributeSerializer(many=True)


class HSDSPageSerializer(serializers.Serializer):
    """HSDS's paged list envelope."""

    total_items = serializers.IntegerField()
    total_pages = serializers.IntegerField()
    page_number = serializers.IntegerField()
    size = serializers.IntegerField()
    first_page = serializers.BooleanField()
    last_page = serializers.BooleanField()
    empty = serializers.BooleanField()


class HSDSOrganizationPageSerializer(HSDSPageSerializer):
    contents = HSDSOrganizationSerializer(many=True)


class HSDSServicePageSerializer(HSDSPageSerializer):
    contents = HSDSServiceSerializer(many=True)


class HSDSTaxonomyTermPageSerializer(HSDSPageSerializer):
    contents = HSDSTaxonomyTermSerializer(many=True)

"""The answers of the directory's API: associations (/api/v2/associations/), the taxonomies
(/api/v2/municipalities/, /categories/, /target_groups/) and the HSDS views (/api/hsds/).

Each serializer describes an answer in the OpenAPI document and writes it from the values the view
computed (home/serializers.py says how).
"""

from rest_framework import serializers

from associations.models import SERVICE_LANGUAGES
from home.serializers import (
    ListingMetaSerializer,
    LocaleField,
    OffsetDateTimeField,
    TermSerializer,
    choice_component,
    constant,
)

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
# The objects of associations/hsds/objects.py. A field the object may leave out (HSDS writes no null
# strings) is required=False: DRF leaves it out of the answer too, and the document does not require it.


class HSDSPublisherSerializer(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.URLField()


class HSDSEndpointsSerializer(serializers.Serializer):
    organizations = serializers.URLField()
    services = serializers.URLField()
    service_at_locations = serializers.URLField()
    taxonomies = serializers.URLField()
    taxonomy_terms = serializers.URLField()


class HSDSRootSerializer(serializers.Serializer):
    version = serializers.CharField(help_text="The HSDS version.")
    profile = serializers.URLField(help_text="This service's HSDS profile (/api/hsds/profile/).")
    openapi_url = serializers.URLField(help_text="The OpenAPI document of this API, as JSON.")
    publisher = HSDSPublisherSerializer()
    licence = serializers.CharField()
    endpoints = HSDSEndpointsSerializer()


class HSDSProfileLanguagesSerializer(serializers.Serializer):
    parameter = serializers.CharField()
    default = LocaleField()
    available = serializers.ListField(child=LocaleField())
    explanation = serializers.CharField()


class HSDSProfileCodeSerializer(serializers.Serializer):
    code = serializers.CharField()
    meaning = serializers.CharField()


class HSDSProfileTaxonomySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    kind = serializers.CharField()
    code = serializers.CharField(help_text="What taxonomy_term.code holds.")
    url = serializers.URLField()


class HSDSProfileNoteSerializer(serializers.Serializer):
    topic = serializers.CharField()
    text = serializers.CharField()


class HSDSProfileSerializer(serializers.Serializer):
    """How this service uses HSDS 3.0: languages, ids, codes and the choices the standard leaves open."""

    name = serializers.CharField()
    hsds_version = serializers.CharField()
    description = serializers.CharField()
    api_url = serializers.URLField()
    openapi_url = serializers.URLField()
    languages = HSDSProfileLanguagesSerializer()
    translated_fields = serializers.ListField(child=serializers.CharField())
    link_types = HSDSProfileCodeSerializer(many=True)
    identifier_schemes = HSDSProfileCodeSerializer(many=True)
    taxonomies = HSDSProfileTaxonomySerializer(many=True)
    conventions = HSDSProfileNoteSerializer(many=True)


class HSDSTaxonomySerializer(serializers.Serializer):
    id = serializers.UUIDField()
    name = serializers.CharField()
    description = serializers.CharField()
    uri = serializers.URLField(help_text="The taxonomy's terms in this service's API v2.")


class HSDSTaxonomyTermSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The same in every language.")
    code = serializers.CharField(help_text="Municipality code or category or target group slug.")
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    taxonomy = serializers.CharField(help_text="The taxonomy's name.")
    taxonomy_id = serializers.UUIDField()
    language = LocaleField()
    term_uri = serializers.URLField()
    taxonomy_detail = HSDSTaxonomySerializer(required=False)


class HSDSAttributeSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    link_id = serializers.UUIDField()
    link_type = serializers.ChoiceField(
        choices=["home_municipality", "service_area", "category", "audience"],
        help_text="What the term says about the organization or service (see the profile).",
    )
    link_entity = serializers.ChoiceField(choices=["organization", "service"])
    taxonomy_term_id = serializers.UUIDField()
    taxonomy_term = HSDSTaxonomyTermSerializer()


class HSDSIdentifierSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organization_id = serializers.UUIDField()
    identifier_scheme = serializers.ChoiceField(
        choices=["FI-PRO"], required=False, help_text="org-id.guide's scheme (FI-PRO: the business ID)."
    )
    identifier_type = serializers.CharField()
    identifier = serializers.CharField()


class HSDSPhoneSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    organization_id = serializers.UUIDField(required=False)
    service_id = serializers.UUIDField(required=False)
    number = serializers.CharField()


class HSDSAddressSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    address_1 = serializers.CharField()
    city = serializers.CharField()
    state_province = serializers.CharField()
    postal_code = serializers.CharField()
    country = serializers.CharField(help_text="ISO 3166-1 code.")
    address_type = HSDSPlaceTypeField()


class HSDSLocationSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    location_type = HSDSPlaceTypeField()
    organization_id = serializers.UUIDField()
    name = serializers.CharField()
    latitude = serializers.FloatField(required=False)
    longitude = serializers.FloatField(required=False)
    addresses = HSDSAddressSerializer(many=True)


class HSDSOrganizationSummarySerializer(serializers.Serializer):
    """An organization's own fields: a list item, and the organization of a service."""

    id = serializers.UUIDField(help_text="The same in every language.")
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    email = serializers.EmailField(required=False)
    website = serializers.URLField(required=False)
    year_incorporated = serializers.IntegerField(required=False)
    legal_status = serializers.CharField(required=False)
    uri = serializers.URLField(required=False, help_text="The association's page.")


class HSDSLanguageSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    name = serializers.CharField()
    code = serializers.CharField(required=False, help_text="ISO 639-1; none for other languages.")


class HSDSScheduleSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    freq = constant("WEEKLY", required=False)
    byday = serializers.CharField(required=False, help_text="RFC 5545 weekdays, e.g. TU,TH.")
    opens_at = serializers.CharField(required=False, help_text="HH:MM, Helsinki time.")
    closes_at = serializers.CharField(required=False, help_text="HH:MM, Helsinki time.")
    description = serializers.CharField(required=False)


class HSDSServiceAtLocationSerializer(serializers.Serializer):
    """A service at its association's location (within a service: without the service)."""

    id = serializers.UUIDField()
    service_id = serializers.UUIDField()
    location_id = serializers.UUIDField()
    description = serializers.CharField(required=False, help_text="Where the activity meets.")
    location = HSDSLocationSerializer()


class HSDSServiceSerializer(serializers.Serializer):
    """A recurring activity of an association as an HSDS service: its own fields and organization in a
    list (only id, name, status and last_modified with minimal=true), everything in its detail."""

    id = serializers.UUIDField(help_text="The same in every language.")
    name = serializers.CharField()
    status = constant("active")
    last_modified = OffsetDateTimeField(required=False)
    organization_id = serializers.UUIDField(required=False)
    description = serializers.CharField(required=False)
    url = serializers.URLField(required=False)
    email = serializers.EmailField(required=False)
    organization = HSDSOrganizationSummarySerializer(required=False)
    phones = HSDSPhoneSerializer(many=True, required=False)
    schedules = HSDSScheduleSerializer(many=True, required=False)
    languages = HSDSLanguageSerializer(many=True, required=False)
    service_at_locations = HSDSServiceAtLocationSerializer(many=True, required=False)
    attributes = HSDSAttributeSerializer(many=True, required=False)


class HSDSServiceAtLocationWithServiceSerializer(HSDSServiceAtLocationSerializer):
    service = HSDSServiceSerializer()


class HSDSOrganizationSerializer(HSDSOrganizationSummarySerializer):
    """An association as an HSDS organization: its own fields in a list, everything in its detail."""

    organization_identifiers = HSDSIdentifierSerializer(many=True, required=False)
    phones = HSDSPhoneSerializer(many=True, required=False)
    locations = HSDSLocationSerializer(many=True, required=False)
    attributes = HSDSAttributeSerializer(many=True, required=False)
    services = HSDSServiceSerializer(many=True, required=False)


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


class HSDSServiceAtLocationPageSerializer(HSDSPageSerializer):
    contents = HSDSServiceAtLocationWithServiceSerializer(many=True)


class HSDSTaxonomyPageSerializer(HSDSPageSerializer):
    contents = HSDSTaxonomySerializer(many=True)


class HSDSTaxonomyTermPageSerializer(HSDSPageSerializer):
    contents = HSDSTaxonomyTermSerializer(many=True)

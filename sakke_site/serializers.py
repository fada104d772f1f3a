"""The answers of the site-wide endpoints: search (/api/v2/search/, /api/v2/search/autocomplete/) and
Wagtail's own pages, images and documents.

The search answers are written by these serializers (home/serializers.py says how). Wagtail writes its
own endpoints' answers; the serializers below only describe them, with the fields Wagtail gives by
default: `?fields=` adds more (so the items allow other properties) or leaves some out.
"""

from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema_field
from rest_framework import serializers

from home.serializers import ListingMetaSerializer, LocaleField, constant

# --- /api/v2/search/ -----------------------------------------------------------------------------------


class SearchResultMetaSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="The page type, e.g. associations.AssociationPage.")
    html_url = serializers.URLField(allow_null=True)
    locale = LocaleField()
    highlight = serializers.CharField(help_text="The page's summary with the search words in <mark>.")


class SearchResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = SearchResultMetaSerializer()
    title = serializers.CharField()


class SearchMetaSerializer(ListingMetaSerializer):
    search_backend = serializers.CharField(
        allow_null=True,
        help_text="The search engine that ranked the matches; null when nothing was searched.",
    )
    search_fallback = serializers.BooleanField(
        help_text="True when the search server was down and the database answered."
    )


class SearchResultsSerializer(serializers.Serializer):
    meta = SearchMetaSerializer()
    items = SearchResultSerializer(many=True)


class AssociationCompletionSerializer(serializers.Serializer):
    type = constant("association")
    id = serializers.IntegerField()
    title = serializers.CharField()
    html_url = serializers.URLField(allow_null=True)


class MunicipalityCompletionSerializer(serializers.Serializer):
    type = constant("municipality")
    code = serializers.CharField()
    title = serializers.CharField()


COMPLETIONS = {
    "association": AssociationCompletionSerializer,
    "municipality": MunicipalityCompletionSerializer,
}


@extend_schema_field(
    PolymorphicProxySerializer(
        component_name="Completion", serializers=COMPLETIONS, resource_type_field_name="type"
    )
)
class CompletionField(serializers.Field):
    """An association or a municipality, told apart by `type`."""

    def to_representation(self, value):
        return COMPLETIONS[value["type"]](value).data


class CompletionsMetaSerializer(ListingMetaSerializer):
    search_fallback = serializers.BooleanField()


class CompletionsSerializer(serializers.Serializer):
    meta = CompletionsMetaSerializer()
    items = serializers.ListField(child=CompletionField())


# --- Wagtail's /api/v2/pages/, /images/, /documents/ (described only) ------------------------------------


class WagtailMetaSerializer(serializers.Serializer):
    type = serializers.CharField(allow_null=True, help_text="app_label.ModelName")
    detail_url = serializers.URLField()


class PageMetaSerializer(WagtailMetaSerializer):
    html_url = serializers.URLField(allow_null=True)
    slug = serializers.CharField()
    first_published_at = serializers.DateTimeField(allow_null=True)
    locale = LocaleField()


class PageSerializer(serializers.Serializer):
    """A page as the pages listing gives it; ?fields= asks for the fields of a page type."""

    id = serializers.IntegerField()
    meta = PageMetaSerializer()
    title = serializers.CharField()


class PageReferenceMetaSerializer(WagtailMetaSerializer):
    html_url = serializers.URLField(allow_null=True)


class PageReferenceSerializer(serializers.Serializer):
    """Another page named by a page (its parent, the page it is an alias of)."""

    id = serializers.IntegerField()
    meta = PageReferenceMetaSerializer()
    title = serializers.CharField()


class PageDetailMetaSerializer(PageMetaSerializer):
    show_in_menus = serializers.BooleanField()
    seo_title = serializers.CharField()
    search_description = serializers.CharField()
    alias_of = PageReferenceSerializer(allow_null=True)
    parent = PageReferenceSerializer(allow_null=True)


class PageDetailSerializer(serializers.Serializer):
    """One page with the API fields of its type (api_fields) besides these."""

    id = serializers.IntegerField()
    meta = PageDetailMetaSerializer()
    title = serializers.CharField()


class PageListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = PageSerializer(many=True)


class FileMetaSerializer(WagtailMetaSerializer):
    tags = serializers.ListField(child=serializers.CharField())
    download_url = serializers.CharField(help_text="The file's address (may be relative to the site).")


class WagtailImageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = FileMetaSerializer()
    title = serializers.CharField()


class WagtailImageDetailSerializer(WagtailImageSerializer):
    width = serializers.IntegerField()
    height = serializers.IntegerField()


class WagtailImageListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = WagtailImageSerializer(many=True)


class DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    meta = FileMetaSerializer()
    title = serializers.CharField()


class DocumentListingSerializer(serializers.Serializer):
    meta = ListingMetaSerializer()
    items = DocumentSerializer(many=True)

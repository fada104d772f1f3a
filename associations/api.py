"""The directory in the Wagtail API v2: /api/v2/associations/ (search, filters, facet counts) and the
taxonomies /api/v2/municipalities/, /api/v2/categories/ and /api/v2/target_groups/.

Answers keep the API v2 shape ({"meta": {...}, "items": [...]}) and its errors (400 or 404 with
{"message": ...}). `meta.search_backend` names the engine that ranked the matches and
`meta.search_fallback` is true when the search server was down and the database index answered.
The listing's parameters are read by a FilterSet (associations/filters.py) and the answers written
by serializers (associations/serializers.py); drf-spectacular documents both.
"""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from associations.directory import TaxonomyNames
from associations.filters import DirectoryFilterSet
from associations.models import AssociationPage, Category, Municipality, TargetGroup
from associations.search import FACETS, search_associations
from associations.serializers import (
    AssociationListingSerializer,
    AssociationSerializer,
    MunicipalityListingSerializer,
    MunicipalityTermSerializer,
    TermListingSerializer,
    TermWithNamesSerializer,
)
from home.api import ERRORS, api_locale, check_parameters
from home.filters import paging
from home.visibility import public_pages
from search.engine import highlight, in_order


def association_key(page_id):
    """The translation key of the association whose page id (either language) is `page_id`, or None
    without an id; 404 for an id of nothing (like an unknown locale)."""
    if page_id is None:
        return None
    key = AssociationPage.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    if key is None:
        raise Http404(f"No association with id {page_id}.")
    return key


class AssociationsAPIViewSet(BaseAPIViewSet):
    """Associations of one language with text search, filters, facet counts and sorting."""

    model = AssociationPage
    filtersets = {"listing_view": DirectoryFilterSet}
    known_query_parameters = frozenset(["locale", *DirectoryFilterSet.base_filters])

    @extend_schema(
        responses={200: AssociationListingSerializer, **ERRORS},
        description="Associations with facet counts in meta.facets.",
    )
    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        names = TaxonomyNames.cached(locale)
        values = DirectoryFilterSet(request.GET, locale).values()
        filters = {name: values[name] for name in (*FACETS, "language")}
        limit, offset = paging(values)

        outcome = search_associations(locale, values["search"], filters, values["sort"] or None)
        pages = in_order(
            AssociationPage.objects.select_related("home_municipality", "locale").prefetch_related(
                "categories"
            ),
            outcome.page_ids(offset, limit),
        )
        items = [self.item(request, page, names, outcome.terms) for page in pages]
        meta = {
            "total_count": outcome.total,
            "facets": outcome.facets,
            "search_backend": outcome.backend,
            "search_fallback": outcome.fallback,
        }
        if outcome.corrections:
            meta["corrections"] = outcome.corrections
        return Response(AssociationListingSerializer({"meta": meta, "items": items}).data)

    @extend_schema(responses={200: AssociationSerializer, **ERRORS})
    def detail_view(self, request, pk):
        page = (
            public_pages(AssociationPage)
            .filter(pk=pk)
            .select_related("home_municipality", "locale")
            .prefetch_related("categories")
            .first()
        )
        if page is None:
            raise Http404(f"No published association with id {pk}.")
        item = self.item(request, page, TaxonomyNames.cached(page.locale), set())
        return Response(AssociationSerializer(item).data)

    @extend_schema(exclude=True)
    def find_view(self, request):
        raise Http404("Use /api/v2/associations/?search=... to find associations.")

    @staticmethod
    def item(request, page, names, terms):
        municipality = page.home_municipality
        item = {
            "id": page.pk,
            "meta": {
                "type": "associations.AssociationPage",
                "html_url": page.get_full_url(request),
                "locale": page.locale.language_code,
            },
            "title": page.title,
            "business_id": page.business_id or None,
            "summary": page.summary,
            "municipality": {"code": municipality.code, "name": names.name(municipality, "municipalities")}
            if municipality
            else None,
            "categories": [
                {"slug": term.slug, "name": names.name(term, "categories")} for term in page.categories.all()
            ],
            "service_languages": page.service_languages,
        }
        if terms:
            item["meta"]["highlight"] = str(highlight(page.summary, terms, page.locale.language_code))
        return item


class TaxonomyAPIViewSet(BaseAPIViewSet):
    """The terms of one taxonomy in one language, with their names in every language.

    /api/v2/municipalities/, /api/v2/categories/ and /api/v2/target_groups/ (?locale=fi|sv); a term by its
    code or slug at .../<key>/.
    """

    key_field = "slug"
    kind = ""
    known_query_parameters = frozenset(["locale"])
    listing_serializer = TermListingSerializer
    item_serializer = TermWithNamesSerializer

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<str:key>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        terms = self.model.objects.filter(locale=locale).order_by("name")
        names = self.names()
        items = [self.item(term, names) for term in terms]
        return Response(self.listing_serializer({"meta": {"total_count": len(items)}, "items": items}).data)

    def detail_view(self, request, key):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        term = self.model.objects.filter(locale=locale, **{self.key_field: key}).first()
        if term is None:
            raise Http404(f"No {self.model._meta.verbose_name} '{key}' in locale '{locale.language_code}'.")
        return Response(self.item_serializer(self.item(term, self.names())).data)

    @staticmethod
    def names():
        return {locale.language_code: TaxonomyNames.cached(locale) for locale in Locale.objects.all()}

    def item(self, term, names):
        return {
            self.key_field: getattr(term, self.key_field),
            "name": term.name,
            "names": {code: by_locale.name(term, self.kind) for code, by_locale in names.items()},
        }


def term_schema(listing, item):
    """The OpenAPI description of a taxonomy's two views."""
    return extend_schema_view(
        listing_view=extend_schema(responses={200: listing, **ERRORS}),
        detail_view=extend_schema(responses={200: item, **ERRORS}),
    )


@term_schema(MunicipalityListingSerializer, MunicipalityTermSerializer)
class MunicipalitiesAPIViewSet(TaxonomyAPIViewSet):
    model = Municipality
    key_field = "code"
    kind = "municipalities"
    listing_serializer = MunicipalityListingSerializer
    item_serializer = MunicipalityTermSerializer


@term_schema(TermListingSerializer, TermWithNamesSerializer)
class CategoriesAPIViewSet(TaxonomyAPIViewSet):
    model = Category
    kind = "categories"


@term_schema(TermListingSerializer, TermWithNamesSerializer)
class TargetGroupsAPIViewSet(TaxonomyAPIViewSet):
    model = TargetGroup
    kind = "target_groups"

"""Search in the Wagtail API v2: /api/v2/associations/, /api/v2/search/ and /api/v2/search/autocomplete/.

Answers keep the API v2 shape ({"meta": {...}, "items": [...]}) and its errors (400 or 404 with
{"message": ...}). `meta.search_backend` names the engine that ranked the matches and
`meta.search_fallback` is true when the search server was down and the database index answered.
"""

from django.apps import apps
from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale, Page

from associations.directory import TaxonomyNames
from associations.models import AssociationPage, Category, Municipality, TargetGroup
from home.parameters import MAX_ID, MAX_OFFSET, InvalidNumber, whole_number
from home.visibility import public_pages
from sakke_site.openapi import ERROR
from search.engine import (
    FACETS,
    MAX_QUERY_LENGTH,
    SORTS,
    autocomplete_ids,
    highlight,
    in_order,
    parse_query,
    rank,
    search_associations,
)

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MIN_AUTOCOMPLETE_LENGTH = 2
AUTOCOMPLETE_LIMIT = 8
# The content types of /api/v2/search/?type=. News and events are part of the contract already; until
# their app exists (issue #7) those types simply have no results. A programme is found by the texts of
# its themes, goals and actions.
SEARCH_TYPES = {
    "association": "associations.AssociationPage",
    "page": None,  # every other page: standard pages, the home page, directories
    "news": "news.NewsPage",
    "event": "news.EventPage",
    "programme": "programme.ProgrammePage",
}


def _type_filter(pages, kind):
    if kind == "page":
        return pages.not_type(AssociationPage)
    label = SEARCH_TYPES[kind]
    try:
        model = apps.get_model(label)
    except LookupError:
        return pages.none()
    return pages.type(model)


def _locale(request):
    code = request.GET.get("locale", "fi")
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        # An unknown locale is a resource that does not exist, not a malformed request.
        codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
        raise Http404(f"Unknown locale '{code}': use one of {codes}.")
    return locale


def _number(request, name, default, maximum=MAX_OFFSET):
    """The whole number in ?name= (ASCII digits, 0 to `maximum`: home.parameters), `default` when it is
    missing or empty; 400 with a message for anything else."""
    value = request.GET.get(name, "")
    if value == "":
        return default
    try:
        return whole_number(value, name, maximum=maximum)
    except InvalidNumber as error:
        raise BadRequestError(str(error)) from None


def _text(request, name, required=False, minimum=0):
    """The parameter as given is checked for length; what is left of it without spaces is searched for
    (only spaces find nothing, with 200)."""
    # A NUL or other control character never gets here: ControlCharacterMiddleware answers 400.
    text = request.GET.get(name, "")
    if len(text) > MAX_QUERY_LENGTH:
        raise BadRequestError(f"'{name}' can be at most {MAX_QUERY_LENGTH} characters.")
    if required and len(text) < max(minimum, 1):
        raise BadRequestError(f"'{name}' needs at least {max(minimum, 1)} characters.")
    return text.strip()


def _association_key(request):
    """The translation key of the association whose page id (either language) is in ?association=, or
    None without it; 400 for a malformed id, 404 for an id of nothing (like an unknown locale)."""
    if not request.GET.get("association", ""):
        return None
    page_id = _number(request, "association", None, MAX_ID)
    key = AssociationPage.objects.filter(pk=page_id).values_list("translation_key", flat=True).first()
    if key is None:
        raise Http404(f"No association with id {page_id}.")
    return key


def _check_parameters(request, known):
    unknown = sorted(set(request.GET) - set(known))
    if unknown:
        raise BadRequestError(
            f"Unknown query parameters: {', '.join(unknown)}. Known: {', '.join(sorted(known))}."
        )


ERRORS = {400: ERROR, 404: ERROR}
FACET_PARAMETERS = [
    OpenApiParameter("search", str, description="Search words: word forms, compounds, phrases in quotes."),
    OpenApiParameter("municipality", str, many=True, description="Statistics Finland code, e.g. 297."),
    OpenApiParameter("category", str, many=True, description="Category slug, e.g. liikunta."),
    OpenApiParameter("target_group", str, many=True, description="Target group slug, e.g. nuoret."),
    OpenApiParameter("language", str, many=True, description="Language of service: fi, sv, en or other."),
    OpenApiParameter("sort", str, enum=list(SORTS), description="Default: relevance with search, else name."),
]


class AssociationsAPIViewSet(BaseAPIViewSet):
    """Associations of one language with text search, filters, facet counts and sorting."""

    model = AssociationPage
    known_query_parameters = frozenset(["search", "locale", *FACETS, "language", "sort", "limit", "offset"])

    @extend_schema(
        parameters=FACET_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="Associations with facet counts in meta.facets; each item has id, title, business_id, "
        "summary, municipality, categories and meta.html_url.",
    )
    def listing_view(self, request):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        names = TaxonomyNames.cached(locale)
        filters = {}
        choices = {
            "municipality": names.municipality_choices,
            "category": names.category_choices,
            "target_group": names.target_group_choices,
        }
        for facet in FACETS:
            values = request.GET.getlist(facet)
            known = {value for value, _name in choices[facet]}
            if unknown := [value for value in values if value not in known]:
                raise BadRequestError(f"Unknown {facet}: {', '.join(unknown)}.")
            filters[facet] = values
        filters["language"] = request.GET.getlist("language")
        sort = request.GET.get("sort") or None
        if sort is not None and sort not in SORTS:
            raise BadRequestError(f"Unknown sort '{sort}': use one of {', '.join(SORTS)}.")
        limit = _number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _number(request, "offset", 0)
        text = _text(request, "search")

        outcome = search_associations(locale, text, filters, sort)
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
        return Response({"meta": meta, "items": items})

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS})
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
        return Response(self.item(request, page, TaxonomyNames.cached(page.locale), set()))

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


class SearchAPIViewSet(BaseAPIViewSet):
    """Search across content types, and autocomplete of association and municipality names."""

    model = Page
    known_query_parameters = frozenset(["q", "locale", "type", "limit", "offset"])

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("autocomplete/", cls.as_view({"get": "autocomplete_view"}), name="autocomplete"),
        ]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True, description="Search words."),
            OpenApiParameter("type", str, enum=list(SEARCH_TYPES), description="Only this content type."),
        ],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def listing_view(self, request):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        text = _text(request, "q", required=True)
        kind = request.GET.get("type", "")
        if kind and kind not in SEARCH_TYPES:
            raise BadRequestError(f"Unknown type '{kind}': use one of {', '.join(SEARCH_TYPES)}.")
        limit = _number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _number(request, "offset", 0)
        parsed = parse_query(text, locale.language_code)
        pages = public_pages(Page).filter(locale=locale)
        if kind:
            pages = _type_filter(pages, kind)
        searchable = parsed.query is not None and pages.query.is_empty() is False
        ranking = rank(parsed.query, pages) if searchable else None
        ids = ranking.ids if ranking else []
        items = []
        for page in in_order(Page.objects.specific(), ids[offset : offset + limit]):
            text_field = (
                getattr(page, "summary", "") or getattr(page, "introduction", "") or page.search_description
            )
            items.append(
                {
                    "id": page.pk,
                    "meta": {
                        "type": f"{page._meta.app_label}.{type(page).__name__}",
                        "html_url": page.get_full_url(request),
                        "locale": locale.language_code,
                        "highlight": str(highlight(text_field, parsed.terms, locale.language_code)),
                    },
                    "title": page.title,
                }
            )
        return Response(
            {
                "meta": {
                    "total_count": len(ids),
                    "search_backend": ranking.backend if ranking else None,
                    "search_fallback": ranking.fallback if ranking else False,
                },
                "items": items,
            }
        )

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="At least two characters.")],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
    )
    def autocomplete_view(self, request):
        _check_parameters(request, {"q", "locale"})
        locale = _locale(request)
        text = _text(request, "q", required=True, minimum=MIN_AUTOCOMPLETE_LENGTH)
        associations = public_pages(AssociationPage).filter(locale=locale)
        ids, fallback = autocomplete_ids(text, associations, AUTOCOMPLETE_LIMIT)
        items = [
            {
                "type": "association",
                "id": page.pk,
                "title": page.title,
                "html_url": page.get_full_url(request),
            }
            for page in in_order(AssociationPage.objects.all(), ids)
        ]
        for municipality in Municipality.objects.filter(locale=locale, name__istartswith=text)[
            :AUTOCOMPLETE_LIMIT
        ]:
            items.append({"type": "municipality", "code": municipality.code, "title": municipality.name})
        return Response({"meta": {"total_count": len(items), "search_fallback": fallback}, "items": items})


class TaxonomyAPIViewSet(BaseAPIViewSet):
    """The terms of one taxonomy in one language, with their names in every language.

    /api/v2/municipalities/, /api/v2/categories/ and /api/v2/target_groups/ (?locale=fi|sv); a term by its
    code or slug at .../<key>/.
    """

    key_field = "slug"
    kind = ""
    known_query_parameters = frozenset(["locale"])

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<str:key>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def listing_view(self, request):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        terms = self.model.objects.filter(locale=locale).order_by("name")
        names = self.names()
        items = [self.item(term, names) for term in terms]
        return Response({"meta": {"total_count": len(items)}, "items": items})

    @extend_schema(responses={200: OpenApiTypes.OBJECT, **ERRORS})
    def detail_view(self, request, key):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        term = self.model.objects.filter(locale=locale, **{self.key_field: key}).first()
        if term is None:
            raise Http404(f"No {self.model._meta.verbose_name} '{key}' in locale '{locale.language_code}'.")
        return Response(self.item(term, self.names()))

    @staticmethod
    def names():
        return {locale.language_code: TaxonomyNames.cached(locale) for locale in Locale.objects.all()}

    def item(self, term, names):
        return {
            self.key_field: getattr(term, self.key_field),
            "name": term.name,
            "names": {code: by_locale.name(term, self.kind) for code, by_locale in names.items()},
        }


class MunicipalitiesAPIViewSet(TaxonomyAPIViewSet):
    model = Municipality
    key_field = "code"
    kind = "municipalities"


class CategoriesAPIViewSet(TaxonomyAPIViewSet):
    model = Category
    kind = "categories"


class TargetGroupsAPIViewSet(TaxonomyAPIViewSet):
    model = TargetGroup
    kind = "target_groups"

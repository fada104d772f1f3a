"""Search across the site in the Wagtail API v2: /api/v2/search/ (every content type) and
/api/v2/search/autocomplete/ (association and municipality names).

The site-wide search lives here, above every content app, because it searches all of them; the
directory's own search is associations/api.py. Errors are 400 or 404 with {"message": ...}.
"""

from django.apps import apps
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Page

from associations.models import AssociationPage, Municipality
from home.api import ERRORS, api_locale, api_number, api_text, check_parameters
from home.filters import DEFAULT_LIMIT, MAX_LIMIT
from home.parameters import MAX_TEXT_LENGTH
from home.visibility import public_pages
from sakke_site.serializers import CompletionsSerializer, SearchResultsSerializer
from search.engine import autocomplete_ids, highlight, in_order, parse_query, rank

MIN_AUTOCOMPLETE_LENGTH = 2
AUTOCOMPLETE_LIMIT = 8
# The content types of /api/v2/search/?type=. A programme is found by the texts of its themes, goals
# and actions.
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
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_TEXT_LENGTH},
                required=True,
                description="Search words.",
            ),
            OpenApiParameter("type", str, enum=list(SEARCH_TYPES), description="Only this content type."),
        ],
        responses={200: SearchResultsSerializer, **ERRORS},
    )
    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        text = api_text(request, "q", required=True)
        kind = request.GET.get("type")
        if kind is not None and kind not in SEARCH_TYPES:  # an empty ?type= is not a type either
            raise BadRequestError(f"Unknown type '{kind}': use one of {', '.join(SEARCH_TYPES)}.")
        limit = api_number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = api_number(request, "offset", 0)
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
        meta = {
            "total_count": len(ids),
            "search_backend": ranking.backend if ranking else None,
            "search_fallback": ranking.fallback if ranking else False,
        }
        return Response(SearchResultsSerializer({"meta": meta, "items": items}).data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": MIN_AUTOCOMPLETE_LENGTH, "maxLength": MAX_TEXT_LENGTH},
                required=True,
                description="The start of a name, at least two characters.",
            )
        ],
        responses={200: CompletionsSerializer, **ERRORS},
    )
    def autocomplete_view(self, request):
        check_parameters(request, {"q", "locale"})
        locale = api_locale(request)
        text = api_text(request, "q", required=True, minimum=MIN_AUTOCOMPLETE_LENGTH)
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
        meta = {"total_count": len(items), "search_fallback": fallback}
        return Response(CompletionsSerializer({"meta": meta, "items": items}).data)

"""The Wagtail API v2 router: every content API endpoint of the service is registered here."""

import logging

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.http import JsonResponse
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.exceptions import NotFound
from rest_framework.views import exception_handler as drf_exception_handler
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.urls import api as v3_api
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import CollectionViewRestriction

from associations.api import (
    AssociationsAPIViewSet,
    CategoriesAPIViewSet,
    MunicipalitiesAPIViewSet,
    TargetGroupsAPIViewSet,
)
from home.api import ERRORS
from home.preview_api import PagePreviewAPIViewSet
from news.api import EventsAPIViewSet, NewsAPIViewSet
from programme.api import ProgrammesAPIViewSet
from sakke_site.search_api import SearchAPIViewSet
from sakke_site.serializers import (
    DocumentListingSerializer,
    DocumentSerializer,
    PageDetailSerializer,
    PageListingSerializer,
    WagtailImageDetailSerializer,
    WagtailImageListingSerializer,
)
from stats.api import StatisticsAPIViewSet

logger = logging.getLogger(__name__)

SEARCH_NOT_UNDERSTOOD = "The search could not be understood: check its quotation marks."


class WagtailEndpointAnswers:
    """Wagtail's own endpoints (pages, images, documents) answering odd requests as ours do.

    A ?search= the search backend cannot parse is a 400 with a message: the SQLite full-text backend
    passes a lone `"` to FTS5 unescaped, which raised a database error when the listing was read (a
    500). The listing runs in a savepoint, so on PostgreSQL the connection stays usable after such an
    error. And a 404 always says something: Wagtail raises bare Http404s (an unknown ?format=, a filter
    on a detail view), which it answered with an empty message.
    """

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        data = response.data
        if response.status_code == 404 and isinstance(data, dict) and not data.get("message"):
            response.data = {"message": str(NotFound.default_detail)}
        return response

    def listing_view(self, request):
        if "search" not in request.GET:
            return super().listing_view(request)
        try:
            with transaction.atomic():
                return super().listing_view(request)
        except DatabaseError as error:
            logger.warning("Search %r failed in the search backend: %s", request.GET["search"][:100], error)
            raise BadRequestError(SEARCH_NOT_UNDERSTOOD) from error


def described(listing, detail):
    """The OpenAPI description of a Wagtail endpoint's answers (Wagtail builds its serializers per
    request, so drf-spectacular cannot read them)."""
    return extend_schema_view(
        listing_view=extend_schema(responses={200: listing, **ERRORS}),
        detail_view=extend_schema(responses={200: detail, **ERRORS}),
    )


@described(PageListingSerializer, PageDetailSerializer)
class PublicPagesAPIViewSet(WagtailEndpointAnswers, PagesAPIViewSet):
    """Wagtail's pages endpoint (/api/v2/pages/)."""


@described(WagtailImageListingSerializer, WagtailImageDetailSerializer)
class PublicImagesAPIViewSet(WagtailEndpointAnswers, ImagesAPIViewSet):
    """Wagtail's images endpoint (/api/v2/images/)."""


@described(DocumentListingSerializer, DocumentSerializer)
class PublicDocumentsAPIViewSet(WagtailEndpointAnswers, DocumentsAPIViewSet):
    """Wagtail's documents endpoint (/api/v2/documents/), without the documents of private collections
    (Privacy of a collection or of one of its parents): their files are served only to those allowed,
    so their titles and addresses are not listed either."""

    def get_queryset(self):
        restricted = Q()
        for path in CollectionViewRestriction.objects.values_list("collection__path", flat=True):
            restricted |= Q(collection__path__startswith=path)
        documents = super().get_queryset()
        return documents.exclude(restricted) if restricted else documents


@v3_api.exception_handler(DatabaseError)
def v3_search_not_understood(request, error):
    """The same for Wagtail's API v3 preview (/api/v3-preview/pages/?search=), in its problem+json shape;
    any other database error stays the 500 it is."""
    if "search" not in request.GET:
        raise error
    logger.warning("Search %r failed in the search backend: %s", request.GET["search"][:100], error)
    return problem_response(status=400, detail=SEARCH_NOT_UNDERSTOOD)


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)

# The project's own endpoints, after "pages" so page links still point there.
api_router.register_endpoint("associations", AssociationsAPIViewSet)
api_router.register_endpoint("search", SearchAPIViewSet)
api_router.register_endpoint("municipalities", MunicipalitiesAPIViewSet)
api_router.register_endpoint("categories", CategoriesAPIViewSet)
api_router.register_endpoint("target_groups", TargetGroupsAPIViewSet)
api_router.register_endpoint("programmes", ProgrammesAPIViewSet)
api_router.register_endpoint("news", NewsAPIViewSet)
api_router.register_endpoint("events", EventsAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)
api_router.register_endpoint("statistics", StatisticsAPIViewSet)


def api_not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 like the endpoints' own, not the site's HTML page."""
    return JsonResponse({"message": f"No API endpoint at {request.path}. See /api/docs/."}, status=404)


def exception_handler(exc, context):
    """DRF's errors (429 when rate limited, 405, ...) in the API's own shape: {"message": ...}."""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"message": str(response.data["detail"])}
    return response

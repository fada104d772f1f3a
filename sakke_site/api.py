"""The Wagtail API v2 router: every content API endpoint of the service is registered here."""

from django.http import JsonResponse
from rest_framework.views import exception_handler as drf_exception_handler
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)

# Search endpoints (search/api.py); registered after "pages" so page links still point there.
from search.api import (  # noqa: E402
    AssociationsAPIViewSet,
    CategoriesAPIViewSet,
    MunicipalitiesAPIViewSet,
    SearchAPIViewSet,
    TargetGroupsAPIViewSet,
)

api_router.register_endpoint("associations", AssociationsAPIViewSet)
api_router.register_endpoint("search", SearchAPIViewSet)
api_router.register_endpoint("municipalities", MunicipalitiesAPIViewSet)
api_router.register_endpoint("categories", CategoriesAPIViewSet)
api_router.register_endpoint("target_groups", TargetGroupsAPIViewSet)

from programme.api import ProgrammesAPIViewSet  # noqa: E402

api_router.register_endpoint("programmes", ProgrammesAPIViewSet)

from news.api import EventsAPIViewSet, NewsAPIViewSet  # noqa: E402

api_router.register_endpoint("news", NewsAPIViewSet)
api_router.register_endpoint("events", EventsAPIViewSet)

from home.preview_api import PagePreviewAPIViewSet  # noqa: E402

api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)

from associations.statistics_api import StatisticsAPIViewSet  # noqa: E402

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

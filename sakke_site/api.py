"""The Wagtail API v2 router: every content API endpoint of the service is registered here."""

from django.http import JsonResponse
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


def api_not_found(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404 like the endpoints' own, not the site's HTML page."""
    return JsonResponse({"message": f"No API endpoint at {request.path}. See /api/docs/."}, status=404)

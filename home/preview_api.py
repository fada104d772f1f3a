"""/api/v2/page_preview/: the draft a consuming site previews (see home/preview.py)."""

from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature
from django.http import Http404
from django.urls import path
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail_headless_preview.models import HeadlessPreviewMixin


class PagePreviewAPIViewSet(PagesAPIViewSet):
    """/api/v2/page_preview/?content_type=app.model&token=…: a draft, as the pages endpoint shows pages."""

    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["content_type", "token"])

    def listing_view(self, request):
        return self.detail_view(request, pk=None)

    def detail_view(self, request, pk):
        return Response(self.get_serializer(self.get_object()).data)

    def get_object(self):
        content_type = self.request.GET.get("content_type", "")
        token = self.request.GET.get("token", "")
        if not content_type or not token:
            raise BadRequestError("Give content_type (app.model) and token from the preview address.")
        try:
            app_label, model = content_type.split(".")
            page_model = ContentType.objects.get_by_natural_key(app_label, model).model_class()
        except (ValueError, ContentType.DoesNotExist):
            raise BadRequestError(f"Unknown content_type '{content_type}'.") from None
        if page_model is None or not issubclass(page_model, HeadlessPreviewMixin):
            raise BadRequestError(f"'{content_type}' pages have no consumer preview.")
        try:
            page = page_model.get_page_from_preview_token(token)
        except BadSignature:
            raise Http404("The preview token is not valid.") from None
        if page is None:
            raise Http404("The preview has expired; preview the page again in the admin.")
        return page

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

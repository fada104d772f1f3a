"""Statistics in the Wagtail API v2: /api/v2/statistics/?locale=fi|sv.

The same figures as the statistics page and its downloads (stats/figures.py), with stable keys:
`associations` (total, by_municipality with by_category, by_category, by_target_group,
by_service_language, by_founding_decade, members, volunteers, freshness), `programme` (total, by_status,
by_theme, by_year, by_association, by_municipality) and `surveys` (the chosen number questions of each
survey: answers, total, mean, min, q1, median, q3, max of the current answers). Names are in the asked
language; codes and slugs are the same in every language.
"""

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from home.api import ERRORS, api_locale, check_parameters
from home.visibility import public_pages
from stats.figures import cached
from stats.models import StatisticsPage
from stats.serializers import StatisticsSerializer


class StatisticsAPIViewSet(BaseAPIViewSet):
    """Key figures on the associations, the programme and the survey, for decision-makers."""

    model = StatisticsPage
    known_query_parameters = frozenset(["locale"])

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    @extend_schema(
        responses={200: StatisticsSerializer, **ERRORS},
        description="All statistics in one language.",
    )
    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        figures = cached(locale)
        page = public_pages(StatisticsPage).filter(locale=locale).order_by("path").first()
        url = page.get_full_url(request) if page else None
        downloads = (
            {extension: url + page.reverse_subpage(extension) for extension in ("csv", "xlsx")} if url else {}
        )
        meta = {
            "locale": figures.locale,
            "computed_at": figures.computed_at,
            "html_url": url,
            "download_urls": downloads,
        }
        answer = {
            "meta": meta,
            "associations": figures.associations,
            "programme": figures.programme,
            "surveys": figures.surveys,
        }
        return Response(StatisticsSerializer(answer).data)

    @extend_schema(exclude=True)
    def detail_view(self, request, pk):
        raise Http404("Use /api/v2/statistics/?locale=fi for the statistics.")

    @extend_schema(exclude=True)
    def find_view(self, request):
        raise Http404("Use /api/v2/statistics/?locale=fi for the statistics.")

"""The programme in the Wagtail API v2: /api/v2/programmes/ and /api/v2/programmes/<id>/.

Each programme comes with its themes, goals and actions nested, in the language asked for (?locale=fi|sv).
The actions can be narrowed by status, theme, responsible association and year; ids of themes, goals
and actions are the same in both languages, so a consumer can switch language without losing its place.
The parameters are read by the FilterSets of programme/filters.py and the answers written by the
serializers of programme/serializers.py.
"""

from django.http import Http404
from django.urls import path
from django.utils import translation
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.rich_text import expand_db_html

from associations.api import association_key
from home.api import ERRORS, api_locale, check_parameters
from home.filters import paging
from home.visibility import public_pages
from programme.filters import ActionFilterSet, ProgrammeFilterSet
from programme.models import ProgrammePage
from programme.serializers import ProgrammeListingSerializer, ProgrammeSerializer


def action_filters(values):
    """The action filters for Programme.filtered() from an ActionFilterSet's cleaned values; 404 for the id
    of no association."""
    filters = {name: values[name] for name in ("status", "theme", "year") if values[name] not in ("", None)}
    if (key := association_key(values["association"])) is not None:
        filters["association_key"] = str(key)
    return filters


class ProgrammesAPIViewSet(BaseAPIViewSet):
    """Association programmes with nested themes, goals and actions."""

    model = ProgrammePage
    filtersets = {"listing_view": ProgrammeFilterSet, "detail_view": ActionFilterSet}
    known_query_parameters = frozenset(["locale", *ProgrammeFilterSet.base_filters])

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    @extend_schema(
        responses={200: ProgrammeListingSerializer, **ERRORS},
        description="Programmes of one language, newest period first, each with its themes → goals → actions "
        "(only the actions matching the filters) and its progress counts.",
    )
    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        values = ProgrammeFilterSet(request.GET).values()
        filters = action_filters(values)
        limit, offset = paging(values)
        pages = public_pages(ProgrammePage).filter(locale=locale).select_related("locale")
        if values["programme_status"]:
            pages = pages.filter(status=values["programme_status"])
        pages = pages.order_by("-period_start", "-period_end", "pk")
        total = pages.count()
        items = [self.item(request, page, filters) for page in pages[offset : offset + limit]]
        return Response(ProgrammeListingSerializer({"meta": {"total_count": total}, "items": items}).data)

    @extend_schema(
        responses={200: ProgrammeSerializer, **ERRORS},
        description="One programme; with ?locale= the same programme in that language.",
    )
    def detail_view(self, request, pk):
        check_parameters(request, {"locale", *ActionFilterSet.base_filters})
        filters = action_filters(ActionFilterSet(request.GET).values())
        pages = public_pages(ProgrammePage).select_related("locale")
        page = pages.filter(pk=pk).first()
        if page is None:
            raise Http404(f"No published programme with id {pk}.")
        if "locale" in request.GET:  # the same programme in the language asked for
            locale = api_locale(request)
            if page.locale_id != locale.pk:
                page = pages.filter(translation_key=page.translation_key, locale=locale).first()
                if page is None:
                    raise Http404(f"Programme {pk} has no published translation in '{locale.language_code}'.")
        return Response(ProgrammeSerializer(self.item(request, page, filters)).data)

    @extend_schema(exclude=True)
    def find_view(self, request):
        raise Http404("Use /api/v2/programmes/?locale=fi to list the programmes.")

    @staticmethod
    def item(request, page, filters):
        whole = page.programme()
        programme = whole.filtered(**filters)
        progress = whole.progress()
        url = page.get_full_url(request)
        return {
            "id": page.pk,
            "meta": {
                "type": "programme.ProgrammePage",
                "html_url": url,
                "timeline_url": url + page.reverse_subpage(f"timeline_{page.locale.language_code}")
                if url
                else None,
                "export_urls": {
                    extension: url + page.reverse_subpage("export", kwargs={"extension": extension})
                    for extension in ("csv", "xlsx")
                }
                if url
                else {},
                "locale": page.locale.language_code,
                "last_published_at": page.last_published_at,
                "matching_actions": len(programme.actions),
            },
            "title": page.title,
            "period": {"start": page.period_start, "end": page.period_end},
            "status": page.status,
            "approval_date": page.approval_date,
            "introduction": expand_db_html(page.introduction),
            "progress": {
                "total": progress.total,
                "done": progress.done,
                "share_done": round(progress.share_done, 4),
                "by_status": {count.status: count.count for count in progress.counts},
            },
            "themes": [
                {
                    "id": theme.id,
                    "number": theme.number,
                    "title": theme.title,
                    "introduction": expand_db_html(theme.introduction),
                    "goals": [
                        {
                            "id": goal.id,
                            "number": goal.number,
                            "title": goal.title,
                            "description": goal.description,
                            "actions": [
                                action_item(action, page.locale.language_code) for action in goal.actions
                            ],
                        }
                        for goal in theme.goals
                    ],
                }
                for theme in programme.themes
            ],
            "translations": page.translations(),
        }


def action_item(action, language):
    """One action; its labels in `language`, the programme's, not in the requester's Accept-Language."""
    schedule = action.schedule
    with translation.override(language):
        status_label = action.status_label
    return {
        "id": action.id,
        "number": action.number,
        "title": action.title,
        "description": expand_db_html(action.description),
        "schedule": {
            "start_year": schedule.start_year,
            "start_quarter": schedule.start_quarter,
            "end_year": schedule.end_year,
            "end_quarter": schedule.end_quarter,
            "label": str(schedule),
        },
        "status": action.status,
        "status_label": status_label,
        "responsible": {
            "associations": [
                {"id": party.page_id, "title": party.title, "html_url": party.full_url}
                for party in action.associations
            ],
            "others": action.other_responsible,
        },
        "indicators": action.indicators,
        "updates": [
            {
                "date": update.date,
                "text": update.text,
                "status": update.status or None,
                "author": update.author,
            }
            for update in action.updates
        ],
    }

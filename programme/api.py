"""The programme in the Wagtail API v2: /api/v2/programmes/ and /api/v2/programmes/<id>/.

Each programme comes with its themes, goals and actions nested, in the language asked for (?locale=fi|sv).
The actions can be narrowed by status, theme, responsible association and year; ids of themes, goals
and actions are the same in both languages, so a consumer can switch language without losing its place.
"""

from django.http import Http404
from django.urls import path
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.rich_text import expand_db_html

from home.visibility import public_pages
from programme.blocks import ACTION_STATUSES, MAX_YEAR, MIN_YEAR
from programme.models import ProgrammePage, ProgrammeStatus
from search.api import ERRORS, MAX_ID, _association_key, _check_parameters, _locale, _number

DEFAULT_LIMIT = 20
MAX_LIMIT = 100  # the API-wide maximum page size (sakke_site/openapi.py LIMIT)
FILTER_PARAMETERS = [
    OpenApiParameter(
        "status", str, enum=[status for status, _label in ACTION_STATUSES], description="Action status."
    ),
    OpenApiParameter("theme", str, description="Theme id (the same in every language)."),
    OpenApiParameter(
        "association",
        {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        description="Id of a responsible association's page, in either language.",
    ),
    OpenApiParameter(
        "year",
        {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
        description="Only actions running during this year.",
    ),
]
PROGRAMME_STATUS = OpenApiParameter(
    "programme_status", str, enum=list(ProgrammeStatus.values), description="Status of the programme itself."
)


def _filters(request):
    """The action filters of the query string, checked; 400 with a message for a bad value."""
    filters = {}
    status = request.GET.get("status", "")
    if status:
        known = [value for value, _label in ACTION_STATUSES]
        if status not in known:
            raise BadRequestError(f"Unknown status '{status}': use one of {', '.join(known)}.")
        filters["status"] = status
    if theme := request.GET.get("theme", ""):
        if len(theme) > 64:
            raise BadRequestError("'theme' is a theme id of at most 64 characters.")
        filters["theme"] = theme
    if (key := _association_key(request)) is not None:
        filters["association_key"] = str(key)
    if request.GET.get("year", ""):
        year = _number(request, "year", None, MAX_YEAR)
        if year < MIN_YEAR:
            raise BadRequestError(f"'year' must be between {MIN_YEAR} and {MAX_YEAR}.")
        filters["year"] = year
    return filters


class ProgrammesAPIViewSet(BaseAPIViewSet):
    """Association programmes with nested themes, goals and actions."""

    model = ProgrammePage
    known_query_parameters = frozenset(
        ["locale", "status", "theme", "association", "year", "programme_status", "limit", "offset"]
    )

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    @extend_schema(
        parameters=[*FILTER_PARAMETERS, PROGRAMME_STATUS],
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="Programmes of one language, newest period first, each with its themes → goals → actions "
        "(only the actions matching the filters) and its progress counts.",
    )
    def listing_view(self, request):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        filters = _filters(request)
        limit = _number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _number(request, "offset", 0)
        pages = public_pages(ProgrammePage).filter(locale=locale).select_related("locale")
        if programme_status := request.GET.get("programme_status", ""):
            if programme_status not in ProgrammeStatus.values:
                known = ", ".join(ProgrammeStatus.values)
                raise BadRequestError(f"Unknown programme_status '{programme_status}': use one of {known}.")
            pages = pages.filter(status=programme_status)
        pages = pages.order_by("-period_start", "-period_end", "pk")
        total = pages.count()
        items = [self.item(request, page, filters) for page in pages[offset : offset + limit]]
        return Response({"meta": {"total_count": total}, "items": items})

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="One programme; with ?locale= the same programme in that language.",
    )
    def detail_view(self, request, pk):
        _check_parameters(request, {"locale", "status", "theme", "association", "year"})
        filters = _filters(request)
        pages = public_pages(ProgrammePage).select_related("locale")
        page = pages.filter(pk=pk).first()
        if page is None:
            raise Http404(f"No published programme with id {pk}.")
        if "locale" in request.GET:  # the same programme in the language asked for
            locale = _locale(request)
            if page.locale_id != locale.pk:
                page = pages.filter(translation_key=page.translation_key, locale=locale).first()
                if page is None:
                    raise Http404(f"Programme {pk} has no published translation in '{locale.language_code}'.")
        return Response(self.item(request, page, filters))

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

"""News and events in the Wagtail API v2: /api/v2/news/ and /api/v2/events/ (with /<id>/ for one).

`events` lists occurrences (a weekly group once per week), filtered in SQL on the `EventOccurrence`
table: by date range, association (organiser or involved) and upcoming or past. `news` filters by tag,
association and publication date. Both take ?locale=fi|sv; errors are {"message": ...} with 400 for a bad
parameter and 404 for an unknown id or locale.
"""

import datetime

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import path
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.images import get_image_model

from associations.directory import TaxonomyNames
from home.blocks import image_api
from home.visibility import public_pages
from news.models import EventOccurrence, EventPage, NewsPage, in_language
from news.recurrence import HELSINKI
from search.api import ERRORS, MAX_ID, _association_key, _check_parameters, _locale, _number

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MIN_DATE, MAX_DATE = datetime.date(1900, 1, 1), datetime.date(2200, 12, 31)

ASSOCIATION = OpenApiParameter(
    "association",
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    description="Id of an association's page, in either language.",
)


def date_parameter(name, description):
    return OpenApiParameter(name, {"type": "string", "format": "date"}, description=description)


NEWS_PARAMETERS = [
    OpenApiParameter(
        "tag", {"type": "string", "maxLength": 100}, description="Tag slug, e.g. vapaaehtoistyo."
    ),
    ASSOCIATION,
    date_parameter("date_from", "Published on or after this date (YYYY-MM-DD)."),
    date_parameter("date_to", "Published on or before this date (YYYY-MM-DD)."),
]
EVENT_PARAMETERS = [
    ASSOCIATION,
    date_parameter("date_from", "Occurrences that end on or after this day (YYYY-MM-DD, Helsinki time)."),
    date_parameter("date_to", "Occurrences that start on or before this day (YYYY-MM-DD, Helsinki time)."),
    OpenApiParameter(
        "when",
        str,
        enum=["upcoming", "past", "all"],
        description="upcoming (default: not yet ended, soonest first), past (latest first) or all.",
    ),
]


def _date(request, name):
    """The date parameter `name`, or None; 400 when it is not a date. Dates far outside the years any
    item can have are moved to the edge of that span (the answer is the same, and no time zone
    arithmetic overflows)."""
    value = request.GET.get(name, "")
    if not value:
        return None
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise BadRequestError(f"'{name}' must be a date as YYYY-MM-DD, not '{value[:40]}'.") from None
    return min(max(day, MIN_DATE), MAX_DATE)


def _date_range(request):
    # date_to before date_from is an empty range, not an error: the answer simply has no items.
    return _date(request, "date_from"), _date(request, "date_to")


def _local_midnight(day):
    return datetime.datetime.combine(day, datetime.time(0, 0), HELSINKI)


def _versions(associations, locale):
    """{translation key: the association's page in `locale`} for the given pages, in one query."""
    return {page.translation_key: page for page in in_language(set(associations), locale)}


def _links(pages):
    return [{"id": page.pk, "title": page.title, "html_url": page.full_url} for page in pages]


class NewsEventsViewSet(BaseAPIViewSet):
    """Listing and detail URLs only (no Wagtail "find" redirect)."""

    @classmethod
    def get_urlpatterns(cls):
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("<int:pk>/", cls.as_view({"get": "detail_view"}), name="detail"),
        ]

    @extend_schema(exclude=True)
    def find_view(self, request):
        raise Http404("Use the listing with ?locale=fi.")

    def translated(self, pages, pk, request):
        """The live page `pk`, or with ?locale= its version in that language; 404 otherwise."""
        page = pages.filter(pk=pk).first()
        if page is None:
            raise Http404(f"No published {self.noun} with id {pk}.")
        if "locale" in request.GET:
            locale = _locale(request)
            if page.locale_id != locale.pk:
                page = pages.filter(translation_key=page.translation_key, locale=locale).first()
                if page is None:
                    language = locale.language_code
                    raise Http404(
                        f"{self.noun.capitalize()} {pk} has no published translation in '{language}'."
                    )
        return page


class NewsAPIViewSet(NewsEventsViewSet):
    """News items of one language, newest first."""

    model = NewsPage
    noun = "news item"
    known_query_parameters = frozenset(
        ["locale", "tag", "association", "date_from", "date_to", "limit", "offset"]
    )

    def pages(self):
        images = get_image_model().objects.prefetch_renditions("max-800x800", "max-1600x1600")
        return (
            public_pages(NewsPage)
            .select_related("locale", "category")
            .prefetch_related("tags", "related_associations", Prefetch("image", queryset=images))
        )

    @extend_schema(
        parameters=NEWS_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="Published news of one language, newest first; each item has id, title, date, lead, "
        "author, tags, category, associations, main image and meta.html_url.",
    )
    def listing_view(self, request):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        tag = request.GET.get("tag", "")
        if len(tag) > 100:
            raise BadRequestError("'tag' is a tag slug of at most 100 characters.")
        key = _association_key(request)
        start, end = _date_range(request)
        limit = _number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _number(request, "offset", 0)
        pages = self.pages().filter(locale=locale)
        if tag:
            pages = pages.filter(tags__slug=tag)
        if key:
            pages = pages.filter(related_associations__translation_key=key)
        if start:
            pages = pages.filter(date__gte=start)
        if end:
            pages = pages.filter(date__lte=end)
        pages = pages.distinct().order_by("-date", "-pk")
        total = pages.count()
        names = TaxonomyNames.cached(locale)
        pages = list(pages[offset : offset + limit])
        versions = _versions([a for page in pages for a in page.related_associations.all()], locale)
        items = [self.item(request, page, names, versions) for page in pages]
        return Response({"meta": {"total_count": total}, "items": items})

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="One news item with its body; with ?locale= the same item in that language.",
    )
    def detail_view(self, request, pk):
        _check_parameters(request, {"locale"})
        page = self.translated(self.pages(), pk, request)
        versions = _versions(page.related_associations.all(), page.locale)
        data = self.item(request, page, TaxonomyNames.cached(page.locale), versions)
        data["body"] = page.body.stream_block.get_api_representation(page.body, context={"request": request})
        data["translations"] = page.translations()
        return Response(data)

    @staticmethod
    def item(request, page, names, versions):
        return {
            "id": page.pk,
            "meta": {
                "type": "news.NewsPage",
                "html_url": page.get_full_url(request),
                "locale": page.locale.language_code,
                "first_published_at": page.first_published_at,
            },
            "title": page.title,
            "date": page.date,
            "lead": page.lead,
            "author": page.author,
            "main_image": page.main_image(),
            "tags": [{"slug": tag.slug, "name": tag.name} for tag in page.tags.all()],
            "category": {"slug": page.category.slug, "name": names.name(page.category, "categories")}
            if page.category_id
            else None,
            "associations": _links(
                versions[a.translation_key]
                for a in page.related_associations.all()
                if a.translation_key in versions
            ),
        }


class EventsAPIViewSet(NewsEventsViewSet):
    """Event occurrences of one language: upcoming ones, soonest first, by default."""

    model = EventPage
    noun = "event"
    known_query_parameters = frozenset(
        ["locale", "association", "date_from", "date_to", "when", "limit", "offset"]
    )

    @extend_schema(
        parameters=EVENT_PARAMETERS,
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="Occurrences of published events (a repeating event once per occurrence): each item has "
        "start, end and all_day of the occurrence and the event's id, title, lead, location, online_url, "
        "organiser, registration, price, target groups, languages and meta.html_url / meta.ical_url.",
    )
    def listing_view(self, request):
        _check_parameters(request, self.known_query_parameters)
        locale = _locale(request)
        key = _association_key(request)
        start, end = _date_range(request)
        when = request.GET.get("when", "") or ("all" if start or end else "upcoming")
        if when not in ("upcoming", "past", "all"):
            raise BadRequestError(f"Unknown when '{when[:40]}': use upcoming, past or all.")
        limit = _number(request, "limit", DEFAULT_LIMIT, MAX_LIMIT)
        offset = _number(request, "offset", 0)
        events = public_pages(EventPage).filter(locale=locale)
        if key:
            events = events.filter(
                Q(organiser_association__translation_key=key) | Q(related_associations__translation_key=key)
            )
        rows = EventOccurrence.objects.filter(locale=locale, event__in=events.values("pk"))
        if start:
            rows = rows.filter(end__gt=_local_midnight(start))
        if end:
            rows = rows.filter(start__lt=_local_midnight(end + datetime.timedelta(days=1)))
        now = timezone.now()
        if when == "upcoming":
            rows = rows.filter(end__gte=now)
        elif when == "past":
            rows = rows.filter(end__lt=now)
        rows = rows.order_by(*(["-start", "-event_id"] if when == "past" else ["start", "event_id"]))
        total = rows.count()
        rows = list(
            rows.select_related("event", "event__locale", "event__organiser_association").prefetch_related(
                "event__target_groups"
            )[offset : offset + limit]
        )
        names = TaxonomyNames.cached(locale)
        organisers = _versions(
            [row.event.organiser_association for row in rows if row.event.organiser_association_id], locale
        )
        items = []
        for row in rows:
            item = self.event_item(request, row.event, names, organisers)
            item.update({"start": row.local_start, "end": row.local_end, "all_day": row.event.all_day})
            items.append(item)
        return Response({"meta": {"total_count": total}, "items": items})

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT, **ERRORS},
        description="One event with its body, repeat rule and upcoming occurrences; with ?locale= the same "
        "event in that language.",
    )
    def detail_view(self, request, pk):
        _check_parameters(request, {"locale"})
        pages = public_pages(EventPage).select_related("locale", "organiser_association")
        page = self.translated(pages, pk, request)
        names = TaxonomyNames.cached(page.locale)
        organiser = page.organiser_association
        organisers = _versions([organiser] if organiser else [], page.locale)
        data = self.event_item(request, page, names, organisers)
        now = timezone.now()
        data.update(
            {
                "start": page.local_start,
                "end": timezone.localtime(page.end, HELSINKI),
                "all_day": page.all_day,
                "rrule": page.rrule(),
                "exception_dates": page.exceptions(),
                "occurrences": [
                    {"start": start, "end": end} for start, end in page.expand_occurrences() if end >= now
                ],
                "body": page.body.stream_block.get_api_representation(
                    page.body, context={"request": request}
                ),
                "main_image": image_api(page.image, alt=page.image_alt, decorative=page.image_decorative),
                "associations": _links(in_language(page.related_associations.all(), page.locale)),
                "translations": page.translations(),
            }
        )
        return Response(data)

    @staticmethod
    def event_item(request, page, names, organisers):
        url = page.get_full_url(request)
        association = (
            organisers.get(page.organiser_association.translation_key)
            if page.organiser_association_id
            else None
        )
        return {
            "id": page.pk,
            "meta": {
                "type": "news.EventPage",
                "html_url": url,
                "ical_url": url + page.reverse_subpage("ical") if url else None,
                "locale": page.locale.language_code,
            },
            "title": page.title,
            "lead": page.lead,
            "location": page.location(),
            "online_url": page.online_url or None,
            "organiser": {
                "name": association.title if association else page.organiser_name,
                "association": _links([association])[0] if association else None,
            },
            "registration": {
                "url": page.registration_url or None,
                "deadline": page.registration_deadline,
                "capacity": page.capacity,
            },
            "offers": {
                "is_free": page.is_free,
                "price": str(page.price) if page.price is not None else None,
                "currency": "EUR",
                "info": page.price_info,
            },
            "accessibility": page.accessibility,
            "target_groups": [
                {"slug": term.slug, "name": names.name(term, "target_groups")}
                for term in page.target_groups.all()
            ],
            "languages": list(page.languages or []),
        }

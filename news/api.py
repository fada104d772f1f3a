"""News and events in the Wagtail API v2: /api/v2/news/ and /api/v2/events/ (with /<id>/ for one).

`events` lists occurrences (a weekly group once per week), filtered in SQL on the `EventOccurrence`
table: by date range, association (organiser or involved) and upcoming or past. `news` filters by tag,
association and publication date. Both take ?locale=fi|sv; errors are {"message": ...} with 400 for a bad
parameter and 404 for an unknown id or locale. The listings' parameters are read by the FilterSets of
news/filters.py and the answers written by the serializers of news/serializers.py.
"""

import datetime

from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.images import get_image_model

from associations.api import association_key
from associations.directory import TaxonomyNames
from home.api import ERRORS, api_locale, check_parameters
from home.blocks import image_api
from home.filters import paging
from home.visibility import public_pages
from news.filters import EventFilterSet, NewsFilterSet
from news.models import EventOccurrence, EventPage, NewsPage, in_language
from news.recurrence import HELSINKI
from news.serializers import (
    EventDetailSerializer,
    EventListingSerializer,
    NewsDetailSerializer,
    NewsListingSerializer,
)


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
            locale = api_locale(request)
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
    filtersets = {"listing_view": NewsFilterSet}
    known_query_parameters = frozenset(["locale", *NewsFilterSet.base_filters])

    def pages(self):
        images = get_image_model().objects.prefetch_renditions("max-800x800", "max-1600x1600")
        return (
            public_pages(NewsPage)
            .select_related("locale", "category")
            .prefetch_related("tags", "related_associations", Prefetch("image", queryset=images))
        )

    @extend_schema(
        responses={200: NewsListingSerializer, **ERRORS},
        description="Published news of one language, newest first.",
    )
    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        values = NewsFilterSet(request.GET).values()
        tag, start, end = values["tag"], values["date_from"], values["date_to"]
        key = association_key(values["association"])
        limit, offset = paging(values)
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
        return Response(NewsListingSerializer({"meta": {"total_count": total}, "items": items}).data)

    @extend_schema(
        responses={200: NewsDetailSerializer, **ERRORS},
        description="One news item with its body; with ?locale= the same item in that language.",
    )
    def detail_view(self, request, pk):
        check_parameters(request, {"locale"})
        page = self.translated(self.pages(), pk, request)
        versions = _versions(page.related_associations.all(), page.locale)
        data = self.item(request, page, TaxonomyNames.cached(page.locale), versions)
        data["body"] = page.body.stream_block.get_api_representation(page.body, context={"request": request})
        data["translations"] = page.translations()
        return Response(NewsDetailSerializer(data).data)

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
    filtersets = {"listing_view": EventFilterSet}
    known_query_parameters = frozenset(["locale", *EventFilterSet.base_filters])

    @extend_schema(
        responses={200: EventListingSerializer, **ERRORS},
        description="Occurrences of published events (a repeating event once per occurrence).",
    )
    def listing_view(self, request):
        check_parameters(request, self.known_query_parameters)
        locale = api_locale(request)
        values = EventFilterSet(request.GET).values()
        key = association_key(values["association"])
        start, end = values["date_from"], values["date_to"]
        # date_to before date_from is an empty range, not an error: the answer simply has no items.
        when = values["when"] or ("all" if start or end else "upcoming")
        limit, offset = paging(values)
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
        return Response(EventListingSerializer({"meta": {"total_count": total}, "items": items}).data)

    @extend_schema(
        responses={200: EventDetailSerializer, **ERRORS},
        description="One event with its body, repeat rule and upcoming occurrences; with ?locale= the same "
        "event in that language.",
    )
    def detail_view(self, request, pk):
        check_parameters(request, {"locale"})
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
        return Response(EventDetailSerializer(data).data)

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

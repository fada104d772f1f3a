"""Feeds: RSS 2.0 and Atom for the news of each language, iCalendar for events.

The news feeds are Django's syndication framework. The calendars carry a VTIMEZONE for Europe/Helsinki
written as the EU summer-time rule (news.vtimezone, which says why not icalendar's generated one) and each
event once, with its DTSTART in that zone and its repeats as RRULE and EXDATE (the same rule the site's
listings were expanded from), so calendar programs show 18:00 as 18:00 after the clocks change.
A UID is stable per event and shared by its language versions. scripts/check_ical.mjs reads a calendar
the way web calendar widgets do (ical.js).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur
from wagtail.models import Site

from associations.models import AssociationPage
from home.parameters import InvalidNumber, whole_number
from home.text_input import clean_text
from home.visibility import public_pages
from news.models import EventPage, NewsPage
from news.recurrence import HELSINKI
from news.vtimezone import helsinki_vtimezone

FEED_ITEMS = 30
# Events that ended longer ago than this are left out of the calendars.
CALENDAR_PAST = datetime.timedelta(days=180)


def xml_safe(value):
    """Text (also in lists, as categories are) without the control characters XML 1.0 cannot hold."""
    if isinstance(value, list | tuple):
        return [clean_text(item) for item in value]
    return clean_text(value)


class XmlSafeFeedMixin:
    """A feed generator that drops control characters from every text it is given: a title stored with
    one (before they were stripped on input) made Django's XML writer raise, so the whole feed was a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*map(xml_safe, args), **{name: xml_safe(value) for name, value in kwargs.items()})

    def add_item(self, *args, **kwargs):
        super().add_item(*map(xml_safe, args), **{name: xml_safe(value) for name, value in kwargs.items()})


class XmlSafeRssFeed(XmlSafeFeedMixin, Rss201rev2Feed):
    pass


class XmlSafeAtomFeed(XmlSafeFeedMixin, Atom1Feed):
    pass


class NewsRssFeed(Feed):
    """The latest news of one news listing (one language)."""

    feed_type = XmlSafeRssFeed

    def get_object(self, request, index_page):
        self.request = request
        # Django reads the language as a plain attribute (not per object like the others).
        self.language = index_page.locale.language_code
        return index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_full_url(self.request)

    def feed_url(self, index_page):
        return self.request.build_absolute_uri()

    def description(self, index_page):
        return index_page.introduction or index_page.title

    def items(self, index_page):
        return (
            public_pages(NewsPage)
            .child_of(index_page)
            .select_related("locale")
            .prefetch_related("tags")
            .order_by("-date", "-pk")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        published = item.first_published_at
        # The publication date an editor gives wins; the time of day comes from when it was published.
        if published and timezone.localtime(published, HELSINKI).date() == item.date:
            return published
        return datetime.datetime.combine(item.date, datetime.time(12, 0), HELSINKI)

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = XmlSafeAtomFeed
    subtitle = NewsRssFeed.description


# --- iCalendar -------------------------------------------------------------------------------------------


def host_name(request):
    site = Site.find_for_request(request)
    return (site.hostname if site else "") or request.get_host().split(":")[0] or "localhost"


def vevent(page, request, stamp, organiser=None):
    """One event as a VEVENT (with RRULE/EXDATE when it repeats); `organiser` is its organising association
    when that is public (home.visibility): a private one's address is not given out."""
    item = Event()
    item.add("uid", f"event-{page.translation_key}@{host_name(request)}")
    item.add("dtstamp", stamp)
    item.add("summary", page.title)
    if page.last_published_at:
        item.add("last-modified", page.last_published_at)
    local_start = page.local_start
    local_end = timezone.localtime(page.end, HELSINKI)
    if page.all_day:
        item.add("dtstart", local_start.date())
        item.add("dtend", local_end.date() + datetime.timedelta(days=1))
    else:
        item.add("dtstart", local_start)
        item.add("dtend", local_end)
    rule = page.rrule()
    if rule:
        item.add("rrule", vRecur.from_ical(rule))
        exceptions = page.exceptions()
        if exceptions:
            if page.all_day:
                item.add("exdate", exceptions)
            else:
                item.add(
                    "exdate",
                    [datetime.datetime.combine(day, local_start.time(), HELSINKI) for day in exceptions],
                )
    url = page.get_full_url(request)
    description = page.lead
    organiser_name = organiser.title if organiser is not None else page.organiser_name
    if organiser_name:
        description = f"{description}\n\n{_('Organiser')}: {organiser_name}"
    if url:
        item.add("url", url)
        description = f"{description}\n\n{url}"
    item.add("description", description)
    place = ", ".join(
        part
        for part in (
            page.location_name,
            page.street_address,
            f"{page.postal_code} {page.post_office}".strip(),
        )
        if part
    )
    if place or page.online_url:
        item.add("location", place or page.online_url)
    if page.latitude is not None and page.longitude is not None:
        item.add("geo", (float(page.latitude), float(page.longitude)))
    if organiser is not None and organiser.email:
        # ORGANIZER is an address; without one the organiser's name is in the description.
        item.add("organizer", f"mailto:{organiser.email}", parameters={"CN": organiser.title})
    return item


def build_calendar(pages, request, name):
    calendar = Calendar()
    calendar.add("prodid", f"-//{host_name(request)}//Sakke events//FI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Helsinki")
    # The only VTIMEZONE, before the events that refer to it: every time below is Helsinki time or UTC.
    # (icalendar generates zones of its own only in add_missing_timezones, which is not called.)
    calendar.add_component(helsinki_vtimezone())
    stamp = timezone.now()
    pages = list(pages)
    organisers = public_pages(AssociationPage).filter(
        pk__in={page.organiser_association_id for page in pages if page.organiser_association_id}
    )
    organisers = {association.pk: association for association in organisers}
    for page in pages:
        calendar.add_component(vevent(page, request, stamp, organisers.get(page.organiser_association_id)))
    return calendar


def calendar_http_response(calendar, filename):
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def calendar_response(request, listing):
    """Every event of an event listing as an iCalendar file; `?association=<page id>` for one
    association's (as organiser or involved). 400 for a malformed id, 404 for an unknown one."""
    pages = public_pages(EventPage).child_of(listing)
    name = listing.title
    association_id = request.GET.get("association", "")
    if association_id:
        try:
            page_id = whole_number(association_id, "association")
        except InvalidNumber:
            return HttpResponseBadRequest(
                _("The association must be given by its number."), content_type="text/plain; charset=utf-8"
            )
        association = get_object_or_404(public_pages(AssociationPage), pk=page_id)
        key = association.translation_key
        pages = pages.filter(
            Q(organiser_association__translation_key=key) | Q(related_associations__translation_key=key)
        ).distinct()
        name = f"{association.title} – {listing.title}"
    recent = timezone.now() - CALENDAR_PAST
    pages = (
        pages.filter(occurrence_rows__end__gte=recent)
        .distinct()
        .select_related("organiser_association", "locale")
        .order_by("start", "pk")
    )
    suffix = f"-{association_id}" if association_id else ""
    return calendar_http_response(
        build_calendar(pages, request, name), f"{listing.slug}{suffix}-{listing.locale.language_code}.ics"
    )


def event_calendar_response(request, page):
    """One event as an iCalendar file ("add to calendar")."""
    return calendar_http_response(build_calendar([page], request, page.title), f"{page.slug}.ics")

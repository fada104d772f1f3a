"""schema.org JSON-LD of news items (NewsArticle) and events (Event), escaped for a <script> element.

Every address is absolute. What the model does not know is left out rather than guessed: an event has no
cancelled state (eventStatus is always EventScheduled) and no date when registration opens (no
validFrom on its offer); a news item's author is a name, linked only when it names one of the news
item's associations.
"""

from django.utils import timezone

from home.structured_data import (
    SCHEMA,
    coordinates,
    image_url,
    language_tags,
    postal_address,
    publisher,
    script_json,
)
from home.visibility import only_public
from news.recurrence import HELSINKI, REPEAT_BIWEEKLY, REPEAT_WEEKLY

SCHEMA_DAYS = {
    "MO": f"{SCHEMA}/Monday",
    "TU": f"{SCHEMA}/Tuesday",
    "WE": f"{SCHEMA}/Wednesday",
    "TH": f"{SCHEMA}/Thursday",
    "FR": f"{SCHEMA}/Friday",
    "SA": f"{SCHEMA}/Saturday",
    "SU": f"{SCHEMA}/Sunday",
}
REPEAT_FREQUENCIES = {REPEAT_WEEKLY: "P1W", REPEAT_BIWEEKLY: "P2W"}


def _association(page):
    return {"@type": "NGO", "name": page.title, "url": page.full_url}


def _author(page, associations):
    """The author as written: an association of the news item when the name is one of theirs (with its
    address), else a person by name; None without a name."""
    name = page.author.strip()
    if not name:
        return None
    for association in associations:
        if association.title.casefold() == name.casefold():
            return _association(association)
    return {"@type": "Person", "name": name}


def news_article(page, request):
    associations = list(only_public(page.related_associations.all()))
    organisation = publisher(request)
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "datePublished": page.date.isoformat(),
        "author": _author(page, associations) or organisation,
        "publisher": organisation,
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at, HELSINKI).isoformat()
    if image := image_url(page.image, request):
        data["image"] = [image]
    keywords = [tag.name for tag in page.tags.all()]
    if keywords:
        data["keywords"] = keywords
    if associations:
        data["about"] = [_association(association) for association in associations]
    return script_json(data)


def _place(page):
    place = {"@type": "Place", "name": page.location_name}
    if address := postal_address(page):
        place["address"] = address
    if geo := coordinates(page):
        place["geo"] = geo
    return place


def _offer(page, request, next_occurrence):
    """The Offer: the price (0 when free), where to register (the event's page without a registration
    address), until when, and whether one still can (InStock) or no longer (OutOfStock: the deadline or
    the last time has passed). The model has no date when registration opens, so no validFrom."""
    offer = {
        "@type": "Offer",
        "priceCurrency": "EUR",
        "url": page.registration_url or page.get_full_url(request),
    }
    if page.is_free:
        offer["price"] = "0"
    elif page.price is not None:
        offer["price"] = f"{page.price:.2f}"
    if page.price_info:
        offer["description"] = page.price_info
    if page.registration_deadline:
        offer["validThrough"] = page.registration_deadline.isoformat()
    today = timezone.localtime(timezone.now(), HELSINKI).date()
    closed = next_occurrence is None or (
        page.registration_deadline is not None and page.registration_deadline < today
    )
    offer["availability"] = f"{SCHEMA}/{'OutOfStock' if closed else 'InStock'}"
    return offer


def event(page, request, next_occurrence, names):
    """The Event; with a repeating event, its next occurrence's times and the repeat as eventSchedule."""
    start, end = (
        (next_occurrence.local_start, next_occurrence.local_end)
        if next_occurrence is not None
        else (page.local_start, timezone.localtime(page.end, HELSINKI))
    )
    if page.all_day:  # dates only; the occurrence's end is the midnight after its last day
        end = next_occurrence.last_day if next_occurrence is not None else end.date()
    locations = []
    if page.location_name:
        locations.append(_place(page))
    if page.online_url:
        locations.append({"@type": "VirtualLocation", "url": page.online_url})
    if page.location_name and page.online_url:
        mode = "MixedEventAttendanceMode"
    else:
        mode = "OnlineEventAttendanceMode" if page.online_url else "OfflineEventAttendanceMode"
    data = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": page.title,
        "description": page.lead,
        "url": page.get_full_url(request),
        "startDate": start.date().isoformat() if page.all_day else start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": f"{SCHEMA}/EventScheduled",
        "eventAttendanceMode": f"{SCHEMA}/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": language_tags(page.languages) or [page.locale.language_code],
        "isAccessibleForFree": page.is_free,
    }
    association = next(iter(only_public([page.organiser_association])), None)
    if association is not None:
        data["organizer"] = _association(association)
    elif page.organiser_name:
        data["organizer"] = {"@type": "Organization", "name": page.organiser_name}
    data["offers"] = _offer(page, request, next_occurrence)
    audiences = [names.name(term, "target_groups") for term in page.target_groups.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    if image := image_url(page.image, request):
        data["image"] = [image]
    if page.repeat in REPEAT_FREQUENCIES:
        first = page.local_start
        schedule = {
            "@type": "Schedule",
            "repeatFrequency": REPEAT_FREQUENCIES[page.repeat],
            "byDay": [SCHEMA_DAYS[code] for code in (page.repeat_weekdays or [])]
            or [list(SCHEMA_DAYS.values())[first.weekday()]],
            "startDate": first.date().isoformat(),
            "scheduleTimezone": "Europe/Helsinki",
        }
        if not page.all_day:
            schedule["startTime"] = first.strftime("%H:%M")
            schedule["endTime"] = timezone.localtime(page.end, HELSINKI).strftime("%H:%M")
        if page.repeat_until:
            schedule["endDate"] = page.repeat_until.isoformat()
        elif page.repeat_count:
            schedule["repeatCount"] = page.repeat_count
        data["eventSchedule"] = schedule
    return script_json(data)

"""schema.org JSON-LD of news items (NewsArticle) and events (Event), escaped for a <script> element."""

import json

from django.utils import timezone
from wagtail.models import Site

from home.models import SiteSettings
from home.visibility import only_public
from news.recurrence import HELSINKI, REPEAT_BIWEEKLY, REPEAT_WEEKLY

SCHEMA_DAYS = {
    "MO": "https://schema.org/Monday",
    "TU": "https://schema.org/Tuesday",
    "WE": "https://schema.org/Wednesday",
    "TH": "https://schema.org/Thursday",
    "FR": "https://schema.org/Friday",
    "SA": "https://schema.org/Saturday",
    "SU": "https://schema.org/Sunday",
}
REPEAT_FREQUENCIES = {REPEAT_WEEKLY: "P1W", REPEAT_BIWEEKLY: "P2W"}


def script_json(data):
    text = json.dumps(data, ensure_ascii=False, default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _image(page, request):
    if not page.image_id:
        return None
    try:
        return request.build_absolute_uri(page.image.get_rendition("max-1200x1200").url)
    except (OSError, ValueError):  # the original file is missing
        return None


def _organisation(request):
    site = Site.find_for_request(request)
    if site is None:
        return None
    settings = SiteSettings.for_site(site)
    name = settings.organisation_name(getattr(request, "LANGUAGE_CODE", "fi"))
    return {"@type": "Organization", "name": name} if name else None


def news_article(page, request):
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "description": page.lead,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "datePublished": page.date.isoformat(),
    }
    if page.last_published_at:
        data["dateModified"] = timezone.localtime(page.last_published_at, HELSINKI).isoformat()
    if page.author:
        data["author"] = {"@type": "Person", "name": page.author}
    if publisher := _organisation(request):
        data["publisher"] = publisher
        data.setdefault("author", publisher)
    if image := _image(page, request):
        data["image"] = [image]
    keywords = [tag.name for tag in page.tags.all()]
    if keywords:
        data["keywords"] = keywords
    associations = [
        {"@type": "NGO", "name": association.title, "url": association.full_url}
        for association in only_public(page.related_associations.all())
    ]
    if associations:
        data["about"] = associations
    return script_json(data)


def _place(page):
    place = {"@type": "Place", "name": page.location_name}
    if page.street_address or page.post_office:
        place["address"] = {
            "@type": "PostalAddress",
            "streetAddress": page.street_address,
            "postalCode": page.postal_code,
            "addressLocality": page.post_office,
            "addressCountry": "FI",
        }
    if page.latitude is not None and page.longitude is not None:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    return place


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
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "description": page.lead,
        "url": page.get_full_url(request),
        "startDate": start.date().isoformat() if page.all_day else start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": list(page.languages or []) or [page.locale.language_code],
        "isAccessibleForFree": page.is_free,
    }
    association = next(iter(only_public([page.organiser_association])), None)
    if association is not None:
        data["organizer"] = {"@type": "NGO", "name": association.title, "url": association.full_url}
    elif page.organiser_name:
        data["organizer"] = {"@type": "Organization", "name": page.organiser_name}
    offer = {"@type": "Offer", "priceCurrency": "EUR"}
    if page.is_free:
        offer["price"] = "0"
    elif page.price is not None:
        offer["price"] = f"{page.price:.2f}"
    if page.price_info:
        offer["description"] = page.price_info
    if page.registration_url:
        offer["url"] = page.registration_url
    if page.registration_deadline:
        offer["validThrough"] = page.registration_deadline.isoformat()
    data["offers"] = offer
    audiences = [names.name(term, "target_groups") for term in page.target_groups.all()]
    if audiences:
        data["audience"] = [{"@type": "Audience", "audienceType": name} for name in audiences]
    if page.capacity:
        data["maximumAttendeeCapacity"] = page.capacity
    if image := _image(page, request):
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

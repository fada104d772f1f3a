"""The news-and-events section of an association's profile page (associations/profile_sections.py)."""

from django.db.models import Min, Q
from django.utils import timezone

from associations.profile_sections import ProfileSection
from home.visibility import public_pages
from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage

NEWS_SHOWN = 3
EVENTS_SHOWN = 5


def news_and_events(page):
    """The latest news about the association and its upcoming events (as organiser or involved), in the
    profile's language, with links to the full listings; a fixed number of queries."""
    key, now = page.translation_key, timezone.now()
    news = list(
        public_pages(NewsPage)
        .filter(locale_id=page.locale_id, related_associations__translation_key=key)
        .distinct()
        .order_by("-date", "-pk")[:NEWS_SHOWN]
    )
    events = list(
        public_pages(EventPage)
        .filter(locale_id=page.locale_id)
        .filter(Q(organiser_association__translation_key=key) | Q(related_associations__translation_key=key))
        .annotate(next_start=Min("occurrence_rows__start", filter=Q(occurrence_rows__end__gte=now)))
        .filter(next_start__isnull=False)
        .order_by("next_start", "pk")[:EVENTS_SHOWN]
    )
    if not news and not events:
        return None

    def listing(model):
        return public_pages(model).filter(locale_id=page.locale_id).order_by("path").first()

    return ProfileSection(
        "news/association_profile/news_and_events.html",
        order=20,
        news=news,
        events=events,
        news_listing=listing(NewsIndexPage) if news else None,
        event_listing=listing(EventIndexPage) if events else None,
    )

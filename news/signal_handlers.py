"""Keep the `EventOccurrence` rows in step with the live event pages."""

from django.db import transaction
from wagtail.signals import page_published, page_unpublished

from news.models import EventOccurrence, EventPage


def rebuild_occurrences(page):
    """Replace the rows of `page` by the occurrences of its published version (none if it is not live)."""
    with transaction.atomic():
        EventOccurrence.objects.filter(event=page).delete()
        if not page.live:
            return 0
        rows = EventOccurrence.objects.bulk_create(
            EventOccurrence(event=page, locale_id=page.locale_id, start=start, end=end)
            for start, end in page.expand_occurrences()
        )
        return len(rows)


def on_published(sender, instance, **kwargs):
    rebuild_occurrences(instance)


def on_unpublished(sender, instance, **kwargs):
    EventOccurrence.objects.filter(event=instance).delete()


def register(app_config):
    page_published.connect(on_published, sender=EventPage)
    page_unpublished.connect(on_unpublished, sender=EventPage)

"""`manage.py rebuild_event_occurrences`: rebuild the EventOccurrence rows of every live event."""

from django.core.management.base import BaseCommand

from news.models import EventOccurrence, EventPage
from news.signal_handlers import rebuild_occurrences


class Command(BaseCommand):
    help = "Rebuild the event occurrence rows from the live event pages (normally kept on publish)."

    def handle(self, *args, **options):
        EventOccurrence.objects.exclude(event__in=EventPage.objects.live()).delete()
        total = 0
        for page in EventPage.objects.live().select_related("locale"):
            total += rebuild_occurrences(page)
        self.stdout.write(self.style.SUCCESS(f"{total} event occurrences rebuilt."))

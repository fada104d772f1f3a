"""`manage.py rebuild_programme_actions`: rebuild the ProgrammeAction rows of every programme page."""

from django.core.management.base import BaseCommand

from programme.models import ProgrammeAction, ProgrammePage
from programme.signal_handlers import rebuild_actions


class Command(BaseCommand):
    help = "Rebuild the cross-programme action rows from the live programme pages (normally kept on publish)."

    def handle(self, *args, **options):
        ProgrammeAction.objects.exclude(programme__in=ProgrammePage.objects.live()).delete()
        total = 0
        for page in ProgrammePage.objects.live().select_related("locale"):
            total += rebuild_actions(page)
        self.stdout.write(self.style.SUCCESS(f"{total} programme actions rebuilt."))

"""`manage.py load_demo`: the bilingual demo site. Creates what is missing and never overwrites."""

from django.core.management.base import BaseCommand

from home import demo_content


class Command(BaseCommand):
    help = "Load the bilingual (fi/sv) demo content. Safe to run again: existing pages are kept."

    def handle(self, *args, **options):
        home = demo_content.load()
        self.stdout.write(self.style.SUCCESS(f"Demo content is in place: {home.title} and its pages."))

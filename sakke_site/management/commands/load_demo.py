"""`manage.py load_demo`: the bilingual demo site. Creates what is missing and never overwrites.

In sakke_site because it fills every app: each app keeps its own demo texts in its demo_content.py.
"""

from django.core.management.base import BaseCommand

from associations import demo_content as association_demo
from home import demo_content as home_demo
from news import demo_content as news_demo
from programme import demo_content as programme_demo
from sakke_site.site_address import follow_public_base_url
from stats import demo_content as stats_demo


class Command(BaseCommand):
    help = "Load the bilingual (fi/sv) demo content. Safe to run again: existing pages are kept."

    def handle(self, *args, **options):
        home = home_demo.load()
        # The demo creates the default site when there is none: at PUBLIC_BASE_URL if it is given.
        follow_public_base_url()
        association_demo.load(home)
        programme_demo.load(home)
        news_demo.load(home)
        news_demo.load_newsletter(home)
        stats_demo.load(home)
        association_demo.load_survey(home)
        self.stdout.write(self.style.SUCCESS(f"Demo content is in place: {home.title} and its pages."))

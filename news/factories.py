"""Factories for news and event pages.

Like every page factory they save the page without a revision: `home.factories.publish(page)` when a
test needs what publishing does (the `EventOccurrence` rows of an event).
"""

import datetime

import factory
import wagtail_factories

from news.models import EventIndexPage, EventPage, NewsIndexPage, NewsPage
from news.recurrence import HELSINKI


def helsinki(*args):
    """An aware datetime in Helsinki time: helsinki(2027, 3, 2, 18, 0)."""
    return datetime.datetime(*args, tzinfo=HELSINKI)


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Uutiset"
    slug = "uutiset"
    introduction = "Yhdistysten uutisia."

    class Meta:
        model = NewsIndexPage


class EventIndexPageFactory(wagtail_factories.PageFactory):
    title = "Tapahtumat"
    slug = "tapahtumat"
    introduction = "Yhdistysten tapahtumia."

    class Meta:
        model = EventIndexPage


class NewsPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Uutinen {n}")
    slug = factory.Sequence(lambda n: f"uutinen-{n}")
    date = datetime.date(2027, 3, 1)
    lead = "Lyhyt ingressi uutisesta."
    author = "Toimitus"

    class Meta:
        model = NewsPage


class EventPageFactory(wagtail_factories.PageFactory):
    """A two-hour event at the village hall on 2 March 2027 (a Tuesday) at 18:00."""

    title = factory.Sequence(lambda n: f"Tapahtuma {n}")
    slug = factory.Sequence(lambda n: f"tapahtuma-{n}")
    lead = "Tervetuloa mukaan!"
    start = helsinki(2027, 3, 2, 18, 0)
    end = helsinki(2027, 3, 2, 20, 0)
    location_name = "Kylätalo"
    street_address = "Kylätie 1"
    postal_code = "70100"
    post_office = "Kuopio"
    organiser_name = "Kylätoimikunta"

    class Meta:
        model = EventPage

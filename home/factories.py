"""Factories for the home app's pages, used by tests across the project."""

import factory
import wagtail_factories

from home.models import HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Etusivu"
    slug = factory.Sequence(lambda n: f"etusivu-{n}")
    introduction = "Pohjois-Savon yhdistykset yhdessä paikassa."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Sivu {n}")
    slug = factory.Sequence(lambda n: f"sivu-{n}")
    introduction = "Perussivun johdanto."

    class Meta:
        model = StandardPage


def publish(page):
    """Publish `page` as an editor does (a revision, then publish) and return it fresh from the database:
    page factories save without a revision, and publishing is what fills the read-model tables."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page

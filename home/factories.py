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

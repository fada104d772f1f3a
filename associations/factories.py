"""Factories for association pages; taxonomy terms come from the data migration (look them up)."""

import factory
import wagtail_factories

from associations.models import AssociationIndexPage, AssociationPage, Municipality


class AssociationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Yhdistykset"
    slug = "yhdistykset"
    introduction = "Pohjois-Savon yhdistykset."

    class Meta:
        model = AssociationIndexPage


class AssociationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Esimerkkiyhdistys {n} ry")
    slug = factory.Sequence(lambda n: f"esimerkkiyhdistys-{n}")
    summary = "Yhdistys toimii lähellä asukkaita."
    home_municipality = factory.LazyFunction(
        lambda: Municipality.objects.get(code="297", locale__language_code="fi")
    )
    service_languages = factory.LazyFunction(lambda: ["fi"])

    class Meta:
        model = AssociationPage

"""Translating a page keeps the Swedish names of the taxonomy terms it refers to."""

import pytest
from wagtail_localize.operations import TranslationCreator

from associations.factories import AssociationPageFactory
from associations.models import AssociationPage, Category, TargetGroup
from associations.signal_handlers import record_term_translations

pytestmark = pytest.mark.django_db


def test_translating_a_page_keeps_the_swedish_term_names(
    association_index, swedish, django_capture_on_commit_callbacks
):
    children = TargetGroup.objects.get(slug="lapset", locale__language_code="fi")
    page = AssociationPageFactory(
        parent=association_index,
        activities=[
            {
                "type": "activity",
                "value": {"title": "Kerho", "description": "", "target_group": children.pk, "place": ""},
            }
        ],
    )
    page.save_revision().publish()

    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)

    barn = TargetGroup.objects.get(slug="lapset", locale=swedish)
    assert barn.name == "Barn"
    translated = AssociationPage.objects.get(translation_key=page.translation_key, locale=swedish)
    assert translated.activities[0].value["target_group"] == barn


def test_records_are_made_once_and_follow_new_swedish_terms(swedish, finnish):
    record_term_translations()
    record_term_translations()  # idempotent: nothing doubles
    term = Category.objects.create(locale=finnish, slug="kokeilu", name="Kokeilu")
    copy = term.copy_for_translation(swedish)
    copy.name = "Försök"
    copy.save()
    record_term_translations()

    with_records = TranslationCreator(user=None, target_locales=[swedish])
    with_records.create_translations(term)
    copy.refresh_from_db()
    assert copy.name == "Försök"

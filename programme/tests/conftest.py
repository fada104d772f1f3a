"""Fixtures of the programme tests: responsible associations, and translating pages into Swedish."""

import pytest
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from associations.factories import AssociationPageFactory
from programme.factories import publish


@pytest.fixture
def latu(association_index):
    return publish(AssociationPageFactory(parent=association_index, title="Kuopion Latu ry", slug="latu"))


@pytest.fixture
def tanssi(association_index):
    return publish(
        AssociationPageFactory(parent=association_index, title="Tervon Tanssijat ry", slug="tanssi")
    )


@pytest.fixture
def translate(swedish, django_capture_on_commit_callbacks):
    """Translate a page into Swedish as an editor does with wagtail-localize, and publish it.

    `strings` maps Finnish source texts to their Swedish translations; texts left out stay Finnish.
    Returns the Swedish page and the wagtail-localize Translation (for syncing later changes).
    """

    def translate(page, strings):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)
        translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=swedish)
        translation.source.update_from_db()
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get(entry.msgid, entry.msgstr)
        translation.import_po(po)
        # wagtail-localize publishes when the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
        return page.get_translation(swedish).specific, translation

    return translate


@pytest.fixture
def swedish_site(home_page, association_index, translate):
    """The Swedish home page (/sv/) and association directory (/sv/foreningar/)."""
    translate(home_page, {"Etusivu": "Startsida", "etusivu": "startsida"})
    index, _translation = translate(
        association_index, {"Yhdistykset": "Föreningar", "yhdistykset": "foreningar"}
    )
    return index

"""Fixtures of the news and events tests: published listings, associations, translating into Swedish."""

import pytest
from django.core.cache import cache
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from associations.factories import AssociationPageFactory
from news.factories import EventIndexPageFactory, NewsIndexPageFactory, publish


@pytest.fixture(autouse=True)
def clear_cache():
    # Rate limits and taxonomy names live in the cache.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news_index(home_page):
    return publish(NewsIndexPageFactory(parent=home_page))


@pytest.fixture
def event_index(home_page):
    return publish(EventIndexPageFactory(parent=home_page))


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

    `strings` maps Finnish source texts to Swedish; texts left out stay Finnish. Returns the Swedish page.
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
        return page.get_translation(swedish).specific

    return translate

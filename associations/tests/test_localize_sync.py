"""Synchronised many-to-many fields follow the Finnish page when translations are synced, also when the
Finnish page's list is emptied (home/localize_sync.py)."""

import pytest
from wagtail_localize.models import Translation

from associations.factories import AssociationPageFactory
from associations.models import Category, TargetGroup

pytestmark = pytest.mark.django_db


def sync(page, swedish, capture):
    """What *Sync translated pages* does after the Finnish page was published."""
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=swedish)
    translation.source.update_from_db()
    with capture(execute=True):
        translation.save_target(publish=True)
    return page.get_translation(swedish).specific


def slugs(manager):
    return sorted(term.slug for term in manager.all())


def test_emptied_categories_and_target_groups_are_emptied_in_swedish(
    association_index, translate, swedish, django_capture_on_commit_callbacks
):
    page = AssociationPageFactory(parent=association_index, title="Tervon Kyläyhdistys ry")
    page.categories.set([Category.objects.get(slug="kylatoiminta", locale__language_code="fi")])
    page.target_groups.set([TargetGroup.objects.get(slug="kaikki", locale__language_code="fi")])
    page.save_revision().publish()
    swedish_page = translate(page, {})
    assert slugs(swedish_page.categories) == ["kylatoiminta"]

    # A changed list reached Swedish before the fix too.
    page.categories.set([Category.objects.get(slug="kulttuuri", locale__language_code="fi")])
    page.save_revision().publish()
    assert slugs(sync(page, swedish, django_capture_on_commit_callbacks).categories) == ["kulttuuri"]

    # An emptied list did not.
    page.categories.set([])
    page.target_groups.set([])
    page.save_revision().publish()
    swedish_page = sync(page, swedish, django_capture_on_commit_callbacks)
    assert slugs(swedish_page.categories) == []
    assert slugs(swedish_page.target_groups) == []
    # The published revision agrees, so the next sync or edit starts from it.
    latest = swedish_page.get_latest_revision_as_object()
    assert slugs(latest.categories) == [] and slugs(latest.target_groups) == []

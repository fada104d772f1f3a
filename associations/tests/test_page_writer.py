"""The importer's direct page writer leaves exactly what Wagtail and wagtail-localize would have made.

New rows are written by associations.importer.write instead of add_child/save_revision/publish, and their
Swedish translations by associations.importer.translate (on the background worker, a batch at a time)
instead of wagtail-localize's TranslationSource/PO import/save_target. These tests hold the result
against the library code it stands in for: the tree is sound, and wagtail-localize, asked to rebuild the
Swedish page from the records the writer left, produces the same page.
"""

import json

import pytest
from django.db import transaction
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from associations.generator import generate_rows
from associations.importer import AssociationImporter, rows_from_dicts
from associations.models import AssociationPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(association_index, django_capture_on_commit_callbacks, run_worker):
    rows = rows_from_dicts(generate_rows(4, seed=7))
    with django_capture_on_commit_callbacks(execute=True):
        report = AssociationImporter().run(rows)
    assert report.created == 4, [error for result in report.results for error in result.errors]
    run_worker()  # the Swedish translations
    return AssociationPage.objects.filter(locale__language_code="fi").order_by("path")


def comparable(page):
    """A page's content without what differs between two saves (ids, timestamps, tree position)."""
    data = page.specific.serializable_data()
    for key in (
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "latest_revision",
        "live_revision",
        "latest_revision_created_at",
        "first_published_at",
        "last_published_at",
        "draft_title",
        "owner",
        "comments",
        "has_unpublished_changes",
    ):
        data.pop(key, None)
    for name in ("description", "activities"):
        # Compare the blocks' types and values; the JSON key order differs between databases.
        data[name] = [(block["type"], block["value"]) for block in json.loads(data[name] or "[]")]
    return data


def test_tree_is_consistent(imported):
    assert Page.find_problems() == ([], [], [], [], [])
    index = imported.first().get_parent()
    assert index.numchild == index.get_children().count() == 4
    for page in imported:
        assert page.url_path == f"{index.url_path}{page.slug}/"
        assert page.live and not page.has_unpublished_changes
        assert page.latest_revision_id == page.live_revision_id
        assert page.revisions.count() == 1
        assert page.latest_revision.as_object().title == page.title
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1


def test_swedish_page_is_what_wagtail_localize_builds_from_the_same_records(imported, swedish):
    for page in imported:
        translated = page.get_translation(swedish)
        translation = Translation.objects.get(source__object_id=page.translation_key)
        made_by_writer = comparable(translated)
        assert translated.live and translated.revisions.count() == 1
        assert translated.get_parent().locale_id == swedish.pk

        # Rebuild the Swedish page from the source, its segments and the stored Swedish strings.
        with transaction.atomic():
            translation.save_target(publish=False)
        translated.refresh_from_db()
        assert comparable(translated.get_latest_revision_as_object()) == made_by_writer
        assert translated.title != page.title


def test_translation_progress_and_editor_sync_keep_the_swedish_texts(
    imported, django_capture_on_commit_callbacks
):
    page = imported.first().specific
    translation = Translation.objects.get(source__object_id=page.translation_key)
    total, translated = translation.get_progress()
    assert (
        total > 0
        and translated == StringTranslation.objects.filter(context__object_id=page.translation_key).count()
    )
    swedish_title = page.get_translation(translation.target_locale).title

    # An editor changes the Finnish summary and syncs the translation.
    page.summary = "Uusi tiivistelmä."
    page.save_revision().publish()
    source = TranslationSource.objects.get(object_id=page.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        source.update_from_db()
        translation.save_target(publish=True)
    swedish = page.get_translation(translation.target_locale)
    assert swedish.title == swedish_title  # kept from the import
    assert swedish.summary == "Uusi tiivistelmä."  # new text, not yet translated, falls back


def test_activity_target_groups_point_to_swedish_terms(imported, swedish):
    with_activities = [page for page in imported if len(page.activities)]
    assert with_activities
    for page in with_activities:
        for block in page.get_translation(swedish).activities:
            term = block.value["target_group"]
            if term is not None:
                assert term.locale.language_code == "sv"


def test_reference_index_matches_wagtails_own(
    association_index, django_capture_on_commit_callbacks, run_worker
):
    rows = rows_from_dicts(generate_rows(4, seed=11))
    with django_capture_on_commit_callbacks(execute=True):
        AssociationImporter(defer_indexing=True).run(rows)
    run_worker()
    pages = list(AssociationPage.objects.all())

    def references():
        return set(
            ReferenceIndex.objects.filter(object_id__in=[str(page.pk) for page in pages]).values_list(
                "content_type", "object_id", "to_content_type", "to_object_id", "model_path", "content_path"
            )
        )

    made_by_import = references()
    assert made_by_import  # home municipalities, categories, target groups
    ReferenceIndex.objects.all().delete()
    for page in pages:
        ReferenceIndex.create_or_update_for_object(page)
    assert references() == made_by_import

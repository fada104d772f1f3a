"""Search and reference indexes of imported pages, updated in batches instead of on every save.

A page is saved several times while it is created and translated, and the database search backends
recompute a statistic over the whole index table after every insert, which makes per-page indexing slower
the bigger the directory is.
"""

from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from modelsearch.backends import get_search_backends
from wagtail.models import COMMENTS_RELATION_NAME, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from associations.models import AssociationPage
from home.indexing import deferred_indexing

# Written pages are added to the search index this many at a time.
INDEX_BATCH = 100


class BatchIndex:
    """Collects the ids of written pages and indexes them INDEX_BATCH at a time.

    `hold`: index nothing until the end (an --atomic import, whose pages are only final when it commits).
    """

    def __init__(self, hold=False):
        self.hold = hold
        self._waiting = []

    @contextmanager
    def deferred(self):
        """Turn off per-save indexing; pages still waiting when the block ends (also on Ctrl-C) are indexed
        on the way out."""
        try:
            with deferred_indexing(AssociationPage), disable_reference_index_auto_update():
                yield self
        finally:
            self.flush()

    def add(self, pages):
        self._waiting.extend(page.pk for page in pages)
        if len(self._waiting) >= INDEX_BATCH and not self.hold:
            self.flush()

    def discard(self):
        self._waiting.clear()

    def flush(self):
        ids, self._waiting = self._waiting, []
        # The reference index reads the pages' comments too: load them with the pages.
        pages = list(
            AssociationPage.get_indexed_objects().filter(pk__in=ids).prefetch_related(COMMENTS_RELATION_NAME)
        )
        if not pages:
            return
        with transaction.atomic():
            for backend in get_search_backends(with_auto_update=True):
                backend.add_bulk(AssociationPage, pages)
            index_references(pages)


def index_references(pages):
    """ReferenceIndex.create_or_update_for_object for many association pages, mostly new ones.

    Pages with no references recorded yet (those the import has just made) get theirs in one insert;
    the others go through Wagtail's own method, which also removes references that are gone.
    """
    if not pages:
        return
    page_type = ContentType.objects.get_for_model(AssociationPage)
    base_type = ContentType.objects.get_for_model(Page)
    recorded = set(
        ReferenceIndex.objects.filter(
            base_content_type=base_type, object_id__in=[page.pk for page in pages]
        ).values_list("object_id", flat=True)
    )
    rows = []
    for page in pages:
        if str(page.pk) in recorded:
            ReferenceIndex.create_or_update_for_object(page)
            continue
        rows.extend(
            ReferenceIndex(
                content_type=page_type,
                base_content_type=base_type,
                object_id=page.pk,
                to_content_type_id=to_content_type_id,
                to_object_id=to_object_id,
                model_path=model_path,
                content_path=content_path,
                content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
            )
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            )
        )
    ReferenceIndex.objects.bulk_create(rows, ignore_conflicts=True)

"""The import's background work: the Swedish translations of the written pages, and their indexing, run
by the worker (`manage.py db_worker --backend background`) after the Finnish pages are live."""

from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django_tasks import task

from associations.importer.translate import swedish_strings, translate_pages
from home.tasks import BACKGROUND

# Pages per task: a task's work stays well under a minute, and a failed task names few pages.
TRANSLATION_BATCH = 200


@task(backend=BACKGROUND)
def translate_imported(items, user_id=None):
    """Translate imported pages into Swedish (see translate_pages).

    Safe to run again: a page translated by an earlier run gets its translation refreshed.
    """
    user = get_user_model().objects.filter(pk=user_id).first() if user_id else None
    translate_pages(items, user)


class TranslationQueue:
    """The written rows' Swedish translations, queued TRANSLATION_BATCH pages a task once they commit."""

    def __init__(self, user=None):
        self.user_id = user.pk if user is not None else None
        self.queued = 0
        self._waiting = []

    def add(self, page, clean, created):
        strings = swedish_strings(page, clean)
        if created and "title" not in strings:
            return  # no Swedish name: the association stays Finnish only
        self._waiting.append({"page": page.pk, "strings": strings})
        if len(self._waiting) >= TRANSLATION_BATCH:
            self.flush()

    def flush(self):
        items, self._waiting = self._waiting, []
        if items:
            transaction.on_commit(partial(translate_imported.enqueue, items, self.user_id))
            self.queued += len(items)

    def discard(self):
        """Forget everything (an --atomic import rolled back, which also drops the on-commit work)."""
        self._waiting.clear()
        self.queued = 0

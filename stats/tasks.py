"""Background work of the statistics: computing the figures again after content changed, so the first
visitor of the statistics page (or the API, or a coordinator's dashboard) does not wait ~20 queries.

Publishing bumps the content version (home/content_changes.py), which makes the cached figures stale. A
burst of publishes (an import, a coordinator's afternoon) queues one warm-up, not one per page: the queued
marker stays until the worker starts the task, and the task reads the newest version when it runs.
"""

from django.core.cache import cache
from django.db import transaction
from django_tasks import task
from wagtail.models import Locale

from home.tasks import BACKGROUND
from stats.figures import cached

QUEUED_KEY = "stats:warm-up-queued"
QUEUED_SECONDS = 15 * 60  # if a worker never picks it up, queue again after this long


@task(backend=BACKGROUND)
def warm_statistics():
    """Compute and cache the figures of every language (a no-op for a language already cached)."""
    cache.delete(QUEUED_KEY)
    for locale in Locale.objects.all():
        cached(locale)


def queue_warm_up(**kwargs):
    """Signal handler of home.content_changes.content_version_changed: queue one warm-up once the change
    is committed (a rolled-back change queues nothing)."""
    transaction.on_commit(_queue_once)


def _queue_once():
    if cache.add(QUEUED_KEY, True, QUEUED_SECONDS):
        warm_statistics.enqueue()

"""The worker computes the figures again after content changed, once per burst of publishes."""

import pytest
from django.core.cache import cache
from django_tasks_db.models import DBTaskResult

from associations.factories import AssociationPageFactory
from home.demo_content import publish
from stats.figures import cache_key

pytestmark = pytest.mark.django_db


def queued_warm_ups():
    return DBTaskResult.objects.filter(task_path="stats.tasks.warm_statistics").ready().count()


def test_a_burst_of_publishes_queues_one_warm_up_that_the_worker_runs(
    association_index, finnish, swedish, run_worker, django_capture_on_commit_callbacks
):
    # Counted from what is there already: a warm-up an earlier test in this process queued may wait too.
    before = queued_warm_ups()
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(3):
            publish(
                AssociationPageFactory(parent=association_index, title=f"Yhdistys {number} ry", live=False)
            )
    assert queued_warm_ups() - before <= 1 and queued_warm_ups() >= 1
    assert cache.get(cache_key(finnish)) is None  # stale until the worker runs

    assert run_worker() >= 1
    assert queued_warm_ups() == 0
    figures = cache.get(cache_key(finnish))
    assert figures is not None and cache.get(cache_key(swedish)) is not None
    assert figures.associations["total"] == 3

    # The next change queues the next warm-up.
    with django_capture_on_commit_callbacks(execute=True):
        publish(AssociationPageFactory(parent=association_index, title="Neljäs ry", live=False))
    assert queued_warm_ups() == 1

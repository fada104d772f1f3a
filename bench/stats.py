"""Benchmark: every statistic for 10,000 associations and 1,000 programme actions, cold and from the cache.

Builds a throwaway SQLite database (or uses DATABASE_URL when BENCH_USE_DATABASE_URL=1), loads the demo
site, generates associations through the real import path, publishes a programme of ACTIONS actions with
responsible associations, then times `stats.figures`:
- cold: the cache cleared before each run (every query and the computation), median of COLD runs;
- cached: the figures read from the cache, median of many reads;
and the statistics page and API request, cold and cached. Targets: cold at most 300 ms, cached at most 5 ms.
Usage: `.venv/bin/python bench/stats.py [ASSOCIATIONS] [ACTIONS]` (defaults 10000 and 1000; generating
10,000 associations takes minutes, so try 1000 first). ASSOCIATIONS and ACTIONS can also be set in the
environment. (Not named statistics.py: this directory is first on sys.path, and that name would hide
Python's own statistics module.)
"""

import os
import statistics
import sys
import time

from harness import QueryCounter, setup_django

COLD_RUNS = 7
CACHED_RUNS = 500


def build_programme(home, actions):
    from associations.models import AssociationPage
    from programme.factories import ProgrammePageFactory, publish, themes_with_actions
    from programme.models import ProgrammeAction

    if ProgrammeAction.objects.filter(programme__slug="bench-ohjelma").count() >= actions:
        return
    associations = list(
        AssociationPage.objects.live().filter(locale__language_code="fi").values_list("pk", flat=True)[:500]
    )
    page = ProgrammePageFactory(
        parent=home,
        slug="bench-ohjelma",
        title="Benchmark-ohjelma",
        themes=themes_with_actions(actions, associations, years=(2025, 2030)),
        period_end=2030,
    )
    publish(page)


def timed(function, runs, before=None):
    timings = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), max(timings)


def main(associations, actions):
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Locale

    from associations.models import AssociationPage
    from home.models import HomePage
    from programme.models import ProgrammeAction
    from stats.figures import cached, compute
    from stats.models import StatisticsPage

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    missing = associations - AssociationPage.objects.filter(locale__language_code="fi").count()
    if missing > 0:
        started = time.perf_counter()
        call_command("generate_associations", missing, seed=7, verbosity=0)
        print(f"generated {missing} associations in {time.perf_counter() - started:.0f} s")
    home = HomePage.objects.get(locale__language_code="fi")
    build_programme(home, actions)
    finnish = Locale.objects.get(language_code="fi")
    live = AssociationPage.objects.live().count()
    action_rows = ProgrammeAction.objects.filter(locale=finnish).count()
    print(
        f"{live} live association pages, {action_rows} Finnish programme action rows on {connection.vendor}"
    )

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        cache.clear()
        figures = compute(finnish)
    print(f"{figures.associations['total']} associations and {figures.programme['total']} actions counted")
    print(f"queries for all statistics, cold: {counter.count}")

    median, worst = timed(lambda: cached(finnish), COLD_RUNS, before=cache.clear)
    print(f"{'all statistics, cold (cache cleared)':48} median {median:8.1f} ms   max {worst:8.1f} ms")
    cached(finnish)
    median, worst = timed(lambda: cached(finnish), CACHED_RUNS)
    print(f"{'all statistics, from the cache':48} median {median:8.3f} ms   max {worst:8.3f} ms")

    client = Client()
    page = StatisticsPage.objects.live().get(locale=finnish)
    for label, path in (
        ("statistics page", page.url),
        ("API /api/v2/statistics/", "/api/v2/statistics/?locale=fi"),
    ):
        assert client.get(path).status_code == 200
        median, worst = timed(lambda path=path: client.get(path), COLD_RUNS, before=cache.clear)
        print(f"{label + ', cold':48} median {median:8.1f} ms   max {worst:8.1f} ms")
        median, worst = timed(lambda path=path: client.get(path), 50)
        print(f"{label + ', cached':48} median {median:8.1f} ms   max {worst:8.1f} ms")


if __name__ == "__main__":
    setup_django()
    arguments = sys.argv[1:]
    main(
        int(arguments[0] if arguments else os.environ.get("ASSOCIATIONS", 10_000)),
        int(arguments[1] if len(arguments) > 1 else os.environ.get("ACTIONS", 1_000)),
    )

"""Benchmark: search quality (recall@10 and MRR) and speed on the configured search backend.

Loads the fixed set in search_quality_data.py (Finnish pages with Swedish translations) into a throwaway
database, indexes it, runs the queries through search.engine and prints recall@10 and the mean
reciprocal rank, per language. With ASSOCIATIONS=N it instead tops the database up to N generated
associations and prints the full reindex rate and median and p95 of /api/v2/associations/?search=...
with facets (keep the database between runs with BENCH_USE_DATABASE_URL=1 and DATABASE_URL).
Usage: `.venv/bin/python bench/search_quality.py`; for the search server, set SEARCH_BACKEND=opensearch2
and SEARCH_URLS (scripts/search-server start).
"""

import os
import statistics
import time

from harness import setup_django

REQUESTS = 100


def load():
    from import_associations import build_site
    from search_quality_data import ASSOCIATIONS
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    from associations.factories import AssociationPageFactory
    from associations.models import AssociationIndexPage, Municipality

    finnish, swedish = Locale.objects.get(language_code="fi"), Locale.objects.get(language_code="sv")
    build_site()
    index = AssociationIndexPage.objects.get(locale=finnish)
    if index.get_children().filter(title=ASSOCIATIONS[0][0]).exists():
        return  # a database kept from an earlier run (BENCH_USE_DATABASE_URL=1)
    pages = []
    for name_fi, _name_sv, code, summary_fi, _summary_sv in ASSOCIATIONS:
        page = AssociationPageFactory(
            parent=index,
            title=name_fi,
            summary=summary_fi,
            home_municipality=Municipality.objects.get(locale=finnish, code=code),
        )
        page.save_revision().publish()
        pages.append(page)
    TranslationCreator(user=None, target_locales=[swedish]).create_translations(index)
    for page, (_fi, name_sv, _code, _summary, summary_sv) in zip(pages, ASSOCIATIONS, strict=True):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)
        translated = page.get_translation(swedish)
        translated.title, translated.summary = name_sv, summary_sv
        translated.save_revision().publish()
    return pages


def quality():
    from search_quality_data import QUERIES
    from wagtail.models import Locale
    from wagtail.search.backends import get_search_backend

    from associations.models import AssociationPage
    from search.engine import search_associations
    from search.morphology import morphology_engine

    get_search_backend("default").refresh_indexes()
    by_language = {}
    for language, query, expected in QUERIES:
        locale = Locale.objects.get(language_code=language)
        target = AssociationPage.objects.get(locale__language_code="fi", title=expected)
        wanted = target.get_translation(locale).pk
        ranked = search_associations(locale, query).page_ids(0, 10)
        rank = ranked.index(wanted) + 1 if wanted in ranked else None
        by_language.setdefault(language, []).append((query, rank))
    backend = get_search_backend("default")
    print(f"backend {type(backend).__module__}, Finnish morphology: {morphology_engine()}")
    for language, results in by_language.items():
        recall = sum(1 for _q, rank in results if rank) / len(results)
        mrr = sum(1 / rank for _q, rank in results if rank) / len(results)
        print(f"{language}: {len(results)} queries, recall@10 {recall:.2f}, MRR {mrr:.2f}")
        for query, rank in results:
            if rank != 1:
                print(f"   {query!r}: rank {rank}")


def speed(count):
    from django.core.management import CommandError, call_command
    from django.test import Client

    from associations.models import AssociationPage

    existing = AssociationPage.objects.filter(locale__language_code="fi").count()
    missing = count - existing
    if missing > 0:
        started = time.perf_counter()
        # A seed of its own for each top-up, so the new rows are not the ones a kept database has.
        try:
            call_command("generate_associations", missing, seed=3 + existing, verbosity=0)
        except CommandError as error:  # a generated Y-tunnus can repeat one already stored
            print(f"generate_associations: {error}")
        print(f"generated {missing} associations in {time.perf_counter() - started:.0f} s")
    from django.conf import settings

    total = AssociationPage.objects.count()
    for backend in settings.WAGTAILSEARCH_BACKENDS:
        started = time.perf_counter()
        call_command("update_index", backend_name=backend, verbosity=0)
        elapsed = time.perf_counter() - started
        print(f"update_index --backend {backend}: {total} pages, {elapsed:.1f} s, {total / elapsed:.0f}/s")
    client = Client()
    engine_ms = engine_timer()
    for query in ("yhdistys", "liikuntaseuroja Kuopiossa", "omaishoitajille", "Omaishoitajt"):
        path = f"/api/v2/associations/?search={query}&category=liikunta&limit=20"
        client.get(path)
        timings = []
        engine_ms.clear()
        for _ in range(REQUESTS):
            started = time.perf_counter()
            response = client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
        p95 = statistics.quantiles(timings, n=20)[-1]
        median = statistics.median(timings)
        ratio = f"{median / (sum(engine_ms) / REQUESTS):.1f}x the engine's own time" if engine_ms else ""
        print(f"{path:75} median {median:5.1f} ms  p95 {p95:5.1f} ms  {ratio}")


def engine_timer():
    """The search server's own time ("took", in ms) of every search request, collected in a list."""
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend("default")
    if not hasattr(backend, "es"):
        return []
    client_class = type(backend.es)
    original = client_class.search
    took = []

    def search(self, *args, **kwargs):
        response = original(self, *args, **kwargs)
        took.append(response.get("took", 0))
        return response

    client_class.search = search
    return took


if __name__ == "__main__":
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if int(os.environ.get("ASSOCIATIONS", "0")):
        # Speed only: among thousands of generated associations the fixed queries are ambiguous.
        speed(int(os.environ["ASSOCIATIONS"]))
    else:
        load()
        call_command("update_index", verbosity=0)
        quality()

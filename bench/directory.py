"""Benchmark: the association directory with filters at 10,000 associations.

Builds a throwaway SQLite database (or uses DATABASE_URL when BENCH_USE_DATABASE_URL=1), loads the demo
site, generates associations through the real import path, then requests filtered directory pages
through Django's test client. Prints median and 95th percentile in milliseconds and queries per request.
Usage: `.venv/bin/python bench/directory.py [ASSOCIATIONS] [REQUESTS]` (defaults 10000 and 50).
"""

import sys
import time

from harness import measure_get, setup_django

QUERIES = [
    "",
    "?municipality=297",
    "?category=liikunta&target_group=nuoret",
    "?municipality=297&municipality=140&language=sv&sort=updated",
    "?q=yhdistys",
    "?q=seura&category=liikunta",
    "?page=40",
]


def main(associations, requests):
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from associations.models import AssociationPage

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    missing = associations - AssociationPage.objects.filter(locale__language_code="fi").count()
    if missing > 0:
        started = time.perf_counter()
        call_command("generate_associations", missing, seed=7, verbosity=0)
        print(f"generated {missing} associations in {time.perf_counter() - started:.0f} s")
    total = AssociationPage.objects.filter(locale__language_code="fi", live=True).count()
    print(f"{total} live Finnish associations on {connection.vendor}")
    client = Client()
    print(f"{'path':62} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for query in QUERIES:
        path = "/fi/yhdistykset/" + query
        median, p95, queries = measure_get(client, path, requests)
        print(f"{path:62} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    setup_django()
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 10_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 50,
    )

"""Benchmark: server-side render time and query count of the public pages in both languages.

Builds a throwaway SQLite database with the demo content, then requests each page repeatedly through
Django's test client (no network). Prints median and 95th percentile in milliseconds and the queries
one request makes. Usage: `.venv/bin/python bench/page_render.py [REQUESTS]` (default 200).
"""

import sys

from harness import measure_get, setup_django

PATHS = ["/fi/", "/sv/", "/fi/tietoa-palvelusta/", "/sv/om-tjansten/", "/fi/search/?q=yhdistys"]


def main(requests):
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"{'path':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for path in PATHS:
        median, p95, queries = measure_get(client, path, requests)
        print(f"{path:32} {median:10.1f} {p95:8.1f} {queries:8d}")


if __name__ == "__main__":
    setup_django()
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

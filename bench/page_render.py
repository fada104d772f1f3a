"""Benchmark: server-side render time and query count of the public pages in both languages.

Builds a throwaway SQLite database with the demo content, then requests each page repeatedly through
Django's test client (no network). Prints median and 95th percentile in milliseconds and the queries
one request makes. Usage: `.venv/bin/python bench/page_render.py [REQUESTS]` (default 200).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
workdir = tempfile.mkdtemp(prefix="sakke-bench-")
os.environ["DJANGO_SETTINGS_MODULE"] = "sakke_site.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402


class QueryCounter:
    """Counts the SQL statements run while it is installed as a connection execute wrapper."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


PATHS = ["/fi/", "/sv/", "/fi/tietoa-palvelusta/", "/sv/om-tjansten/", "/fi/search/?q=yhdistys"]


def main(requests):
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client()
    print(f"{'path':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}")
    for path in PATHS:
        client.get(path)  # warm the template and URL caches
        queries = QueryCounter()
        with connection.execute_wrapper(queries):
            assert client.get(path).status_code == 200, path
        timings = []
        for _ in range(requests):
            start = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(timings, n=20)[-1]
        print(f"{path:32} {statistics.median(timings):10.1f} {p95:8.1f} {queries.count:8d}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)

"""Shared set-up for the benchmark scripts: a throwaway database, Django, query counting, timing."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django():
    """Configure test settings on a fresh SQLite file, unless BENCH_USE_DATABASE_URL=1 keeps DATABASE_URL."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakke_site.settings.test"
    if os.environ.get("BENCH_USE_DATABASE_URL") != "1":
        workdir = tempfile.mkdtemp(prefix="sakke-bench-")
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    import django

    django.setup()


class QueryCounter:
    """Counts the SQL statements run while installed as a connection execute wrapper."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def measure_get(client, path, requests):
    """Median and 95th percentile milliseconds of `requests` GETs, and the queries one GET makes."""
    from django.db import connection

    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(path)
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), statistics.quantiles(timings, n=20)[-1], counter.count

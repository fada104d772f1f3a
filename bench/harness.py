"""Shared set-up for the benchmark scripts: a throwaway database, Django, query counting, timing.

The database is a fresh SQLite file; with a PostgreSQL DATABASE_URL it is a fresh database on that server
instead, created here and dropped when the script exits. BENCH_USE_DATABASE_URL=1 uses DATABASE_URL as it
is (kept between runs).
"""

import atexit
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import environ
import psycopg2
from psycopg2.sql import SQL, Identifier

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django():
    """Configure test settings on a throwaway database (see the module docstring)."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "sakke_site.settings.test"
    if os.environ.get("BENCH_USE_DATABASE_URL") != "1":
        url = os.environ.get("DATABASE_URL", "")
        if url.startswith(("postgres://", "postgresql://")):
            os.environ["DATABASE_URL"] = throwaway_postgres(url)
        else:
            workdir = tempfile.mkdtemp(prefix="sakke-bench-")
            os.environ["DATABASE_URL"] = f"sqlite:///{workdir}/bench.sqlite3"
    import django

    django.setup()


def _run_on_server(url, statement):
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on the server `url` names."""
    config = environ.Env.db_url_config(url)
    connection = psycopg2.connect(
        dbname=config["NAME"],
        user=config["USER"],
        password=config["PASSWORD"],
        host=config["HOST"],
        port=config["PORT"] or None,
    )
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement)
    finally:
        connection.close()


def throwaway_postgres(url):
    """Create an empty database next to the one `url` names; it is dropped when the process exits."""
    name = f"sakke_bench_{uuid.uuid4().hex[:12]}"
    _run_on_server(url, SQL("CREATE DATABASE {}").format(Identifier(name)))
    atexit.register(_drop_postgres, url, name)
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def _drop_postgres(url, name):
    from django.db import connections

    connections.close_all()
    # The server's autovacuum may still be at work in the new database for a moment: wait for it.
    for attempt in range(10):
        try:
            _run_on_server(url, SQL("DROP DATABASE IF EXISTS {}").format(Identifier(name)))
            return
        except psycopg2.errors.ObjectInUse:
            time.sleep(1 + attempt)
    print(f"Could not drop the benchmark database {name}: it is still in use. Drop it by hand.")


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

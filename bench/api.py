"""Benchmark: the association API against Wagtail's generic pages endpoint, and from the cache.

Tops the database up to ASSOCIATIONS (default 10,000) generated associations, starts gunicorn (2 workers,
production settings) on 127.0.0.1, and loads each address with 8 keep-alive clients for a few seconds:
requests per second and p95, for
- /api/v2/associations/?limit=20 (with facets), server cache off;
- /api/v2/pages/?type=associations.AssociationPage&fields=*&limit=20, the generic endpoint;
- /api/v2/associations/?limit=20 answered from the cache.
It also prints the database queries of one request with limit=10 and limit=100.

Meant for PostgreSQL: BENCH_USE_DATABASE_URL=1 DATABASE_URL=postgres://... .venv/bin/python bench/api.py
"""

import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from harness import QueryCounter, setup_django

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
CLIENTS = 8
SECONDS = float(os.environ.get("BENCH_SECONDS", "8"))


def top_up(count):
    from django.core.management import CommandError, call_command
    from import_associations import build_site

    from associations.models import AssociationPage

    call_command("migrate", verbosity=0)
    build_site()
    existing = AssociationPage.objects.filter(locale__language_code="fi").count()
    if existing < count:
        started = time.perf_counter()
        try:
            call_command("generate_associations", count - existing, seed=11 + existing, verbosity=0)
        except CommandError as error:  # a generated Y-tunnus can repeat one already stored
            print(f"generate_associations: {error}")
        print(f"generated {count - existing} associations in {time.perf_counter() - started:.0f} s")
    return AssociationPage.objects.filter(locale__language_code="fi", live=True).count()


def queries_per_request():
    from django.db import connection
    from django.test import Client

    client = Client()
    client.get("/api/v2/associations/")
    counts = {}
    for limit in (10, 100):
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            client.get(f"/api/v2/associations/?limit={limit}")
        counts[limit] = counter.count
    return counts


def start_server(cache_seconds):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sakke_site.settings.production",
        "SECRET_KEY": "benchmark-only-secret-key-benchmark-only-secret-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
        "API_RATE_LIMIT": "",
        "API_CACHE_SECONDS": str(cache_seconds),
        "LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "sakke_site.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            get("/healthz")
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def get(path, connection=None):
    connection = connection or http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    connection.request("GET", path, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    response = connection.getresponse()
    response.read()
    if response.status != 200:
        raise RuntimeError(f"{path}: {response.status}")
    return connection


def load(path):
    """Requests per second and p95 milliseconds of CLIENTS clients fetching `path` for SECONDS."""
    timings, lock = [], threading.Lock()
    stop = time.perf_counter() + SECONDS

    def client():
        connection = get(path)
        mine = []
        while time.perf_counter() < stop:
            started = time.perf_counter()
            get(path, connection)
            mine.append((time.perf_counter() - started) * 1000)
        with lock:
            timings.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    return len(timings) / elapsed, statistics.quantiles(timings, n=20)[-1]


def main():
    from django.db import connection

    total = top_up(int(os.environ.get("ASSOCIATIONS", "10000")))
    print(f"{total} live Finnish associations on {connection.vendor}")
    counts = queries_per_request()
    print(f"queries per request: limit=10 {counts[10]}, limit=100 {counts[100]}")
    connection.close()

    ours = "/api/v2/associations/?limit=20"
    generic = "/api/v2/pages/?type=associations.AssociationPage&fields=*&limit=20"
    results = {}
    server = start_server(cache_seconds=0)
    try:
        results["associations endpoint"] = load(ours)
        results["generic pages endpoint"] = load(generic)
    finally:
        server.terminate()
        server.wait()
    server = start_server(cache_seconds=600)
    try:
        results["associations endpoint, cached"] = load(ours)
    finally:
        server.terminate()
        server.wait()
    for name, (rate, p95) in results.items():
        print(f"{name:32} {rate:8.0f} requests/s   p95 {p95:6.1f} ms")
    ratio = results["associations endpoint"][0] / results["generic pages endpoint"][0]
    print(f"associations endpoint / generic endpoint: {ratio:.1f}x the requests per second")


if __name__ == "__main__":
    setup_django()
    sys.exit(main())

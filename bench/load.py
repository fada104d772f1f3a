"""Load and faults: the production app server under 50 concurrent clients, with the search server killed,
PostgreSQL restarted, a newsletter send killed half-way and an import killed half-way.

Everything runs on 127.0.0.1 against PostgreSQL (DATABASE_URL, default the `sakke_load` database) and a
real OpenSearch started with scripts/search-server on the first free port from 9210:

0. set-up: migrate, load_demo, optionally `generate_associations` up to --associations Finnish
   associations, collectstatic (to a temporary STATIC_ROOT), update_index; gunicorn (production settings,
   --workers sync workers) on a free port. Requests carry `X-Forwarded-Proto: https` as from the TLS
   proxy (production.py trusts that header), so SECURE_SSL_REDIRECT stays on. API_RATE_LIMIT is empty:
   all clients share one address, which a real crowd would not.
1. steady: --clients keep-alive clients for --duration seconds over a mix of public pages, the directory
   with filters, the search page and the API. Errors are answers >= 500 and connection errors/timeouts.
2. search: the same load; the search server's java process is SIGKILLed at 25 % of the duration and
   started again at 50 %. 5xx must be 0; while it is down the search API must say
   `meta.search_fallback: true`; a page published during the outage is found through the search server
   after `manage.py update_index`.
3. postgres: the same load; `pg_ctlcluster 15 main restart` at 33 % of the duration. Errors inside the
   restart window (from the restart until 5 s after it returned) are counted apart; the app must recover
   by itself: no errors in the last third of the run and a clean probe afterwards, gunicorn untouched.
4. newsletter: bench/newsletter.py against the same PostgreSQL database (send killed half-way, rerun,
   duplicates counted).
5. import: `manage.py import_associations` on a generated CSV, SIGKILLed half-way, checked (no page
   without its live revision or its Swedish translation, Page.find_problems()), then rerun to completion.

Usage: .venv/bin/python bench/load.py [--duration 60] [--clients 50] [--associations N] [--workers 3]
       [--scenarios steady,search,postgres,newsletter,import] [--import-rows 200] [--subscribers 2000]
"""

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
DEFAULT_DATABASE_URL = "postgres://sakke_ci:sakke_ci@127.0.0.1:5432/sakke_load"
SEARCH_PIDFILE = ROOT / "var/search-server/opensearch.pid"
HEADERS = {"Host": "127.0.0.1", "X-Forwarded-Proto": "https", "Accept-Language": "fi"}

# (path, weight): public pages, the directory with filters, search, the API.
URL_MIX = [
    ("/fi/", 3),
    ("/sv/", 2),
    ("/fi/tietoa-palvelusta/", 2),
    ("/sv/om-tjansten/", 1),
    ("/fi/yhdistykset/", 3),
    ("/fi/yhdistykset/?municipality=297", 3),
    ("/fi/yhdistykset/?municipality=297&sort=name", 1),
    ("/fi/yhdistykset/?q=muisti", 2),
    ("/sv/foreningar/", 1),
    ("/fi/yhdistykset/kuopion-syopayhdistys-ry/", 2),
    ("/sv/foreningar/kuopio-cancerforening-rf/", 1),
    ("/fi/search/?q=yhdistys", 3),
    ("/fi/search/?q=omaishoitajat", 1),
    ("/fi/yhdistysohjelma/", 2),
    ("/fi/tapahtumat/", 2),
    ("/fi/tapahtumat/jarjestopaivat/", 1),
    ("/fi/uutiset/", 2),
    ("/fi/uutiset/vapaaehtoisia-kaivataan/", 1),
    ("/fi/tilastot/", 1),
    ("/api/v2/associations/?search=yhdistys", 3),
    ("/api/v2/associations/?municipality=297&limit=20", 2),
    ("/api/v2/associations/?search=muisti&locale=fi", 1),
    ("/api/v2/search/?q=kuopio", 2),
    ("/api/v2/pages/?type=news.NewsPage&fields=*", 2),
    ("/api/v2/pages/?type=associations.AssociationPage&limit=20", 2),
    ("/api/v2/programmes/", 2),
    ("/api/v2/events/", 2),
    ("/api/v2/news/", 1),
]
PATHS = [path for path, weight in URL_MIX for _ in range(weight)]


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def free_port(start):
    for port in range(start, start + 200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise SystemExit(f"no free port from {start}")


def run(args, env, timeout, check=True, quiet=True):
    """A command in the project with `env`, bounded by `timeout` seconds."""
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if check and result.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr[-3000:]}")
    if not quiet and result.stdout.strip():
        print(result.stdout.strip())
    return result


def manage(env, *args, timeout=600, check=True):
    return run([PYTHON, "manage.py", *args], env, timeout, check)


def django_shell(env, code, timeout=300):
    """Runs `code` in `manage.py shell`; the last line of stdout is parsed as JSON."""
    result = manage(env, "shell", "-c", code, timeout=timeout)
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- Servers ---------------------------------------------------------------------------------------------


class SearchServer:
    def __init__(self, env):
        self.env = env
        self.port = int(env["SEARCH_SERVER_PORT"])

    def start(self, timeout=240):
        return run(["scripts/search-server", "start"], self.env, timeout)

    def stop(self):
        run(["scripts/search-server", "stop"], self.env, 60, check=False)

    def kill(self):
        pid = int(SEARCH_PIDFILE.read_text().strip())
        os.kill(pid, signal.SIGKILL)
        return pid

    def healthy(self):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
            connection.request("GET", "/_cluster/health")
            return connection.getresponse().status == 200
        except OSError:
            return False


class AppServer:
    def __init__(self, env, port, workers, logfile):
        self.env, self.port, self.workers, self.logfile = env, port, workers, logfile
        self.process = None

    def start(self):
        self.log = open(self.logfile, "a")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                str(ROOT / ".venv/bin/gunicorn"),
                "sakke_site.wsgi",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "30",
                "--backlog",
                "2048",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.port, "/healthz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"gunicorn did not answer /healthz in 60 s; see {self.logfile}")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if self.process:
            self.log.close()


def request(port, path, connection=None, timeout=15):
    """(status, body, connection) of one GET; raises OSError/HTTPException on connection trouble."""
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    connection.request("GET", path, headers=HEADERS)
    response = connection.getresponse()
    body = response.read()
    if response.getheader("Connection", "").lower() == "close":
        connection.close()
        connection = None
    return response.status, body, connection


# --- Load ------------------------------------------------------------------------------------------------


class Load:
    """`clients` threads GETting random paths of the mix until `duration` seconds have passed."""

    def __init__(self, port, clients, duration):
        self.port, self.clients, self.duration = port, clients, duration
        self.records = []  # (start offset s, latency ms, status or error name, path)
        self.lock = threading.Lock()

    def client(self, seed):
        rng = random.Random(seed)
        connection, mine = None, []
        while time.monotonic() < self.stop_at:
            path = rng.choice(PATHS)
            started = time.monotonic()
            try:
                status, _, connection = request(self.port, path, connection)
            except (OSError, http.client.HTTPException) as error:
                status = type(error).__name__
                if connection is not None:
                    connection.close()
                connection = None
                time.sleep(0.05)  # do not spin on a refused connection
            mine.append((started - self.began, (time.monotonic() - started) * 1000, status, path))
        if connection is not None:
            connection.close()
        with self.lock:
            self.records.extend(mine)

    def run(self, events=()):
        """Runs the load; `events` are (seconds into the load, callable) run on their own threads."""
        self.began = time.monotonic()
        self.stop_at = self.began + self.duration
        threads = [threading.Thread(target=self.client, args=(n,), daemon=True) for n in range(self.clients)]
        for thread in threads:
            thread.start()
        event_threads = []
        for offset, action in sorted(events, key=lambda e: e[0]):
            delay = self.began + offset - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            thread = threading.Thread(target=action, daemon=True)
            thread.start()
            event_threads.append(thread)
        for thread in threads:
            thread.join(timeout=self.duration + 60)
        self.elapsed = time.monotonic() - self.began
        return event_threads


def is_error(status):
    return not isinstance(status, int) or status >= 500


def summary(records, seconds):
    latencies = sorted(r[1] for r in records)
    statuses = [r[2] for r in records]
    return {
        "requests": len(records),
        "errors": sum(1 for s in statuses if is_error(s)),
        "5xx": sum(1 for s in statuses if isinstance(s, int) and s >= 500),
        "connection errors": sum(1 for s in statuses if not isinstance(s, int)),
        "429": statuses.count(429),
        "other non-2xx/3xx": sum(1 for s in statuses if isinstance(s, int) and 400 <= s < 500 and s != 429),
        "p50 ms": round(statistics.median(latencies), 1) if latencies else None,
        "p95 ms": round(statistics.quantiles(latencies, n=20)[-1], 1) if len(latencies) > 1 else None,
        "req/s": round(len(records) / seconds, 1) if seconds else None,
    }


def print_summary(name, figures):
    print(
        f"  {name:34} {figures['requests']:6} req  errors {figures['errors']:4} "
        f"(5xx {figures['5xx']}, conn {figures['connection errors']}, 429 {figures['429']}, "
        f"4xx {figures['other non-2xx/3xx']})  p50 {figures['p50 ms']} ms  p95 {figures['p95 ms']} ms  "
        f"{figures['req/s']} req/s",
        flush=True,
    )


def error_breakdown(records):
    found = {}
    for _, _, status, path in records:
        if is_error(status) or (isinstance(status, int) and status >= 400):
            found.setdefault((status, path), 0)
            found[(status, path)] += 1
    return sorted(found.items(), key=lambda item: -item[1])[:10]


# --- Scenarios -------------------------------------------------------------------------------------------


def preflight(port):
    bad = []
    for path, _ in URL_MIX:
        status, _, _ = request(port, path, timeout=60)
        if status != 200:
            bad.append((path, status))
    if bad:
        raise SystemExit(f"these addresses of the mix do not answer 200: {bad}")
    log(f"preflight: all {len(URL_MIX)} addresses of the mix answer 200")


def scenario_steady(options, port):
    load = Load(port, options.clients, options.duration)
    load.run()
    figures = summary(load.records, load.elapsed)
    print_summary("steady", figures)
    for item in error_breakdown(load.records):
        print(f"    {item}")
    return {"steady": figures}


def search_api(port, query, limit):
    """meta of /api/v2/search/ and the number of items; `limit` varies to get past the API cache."""
    status, body, _ = request(port, f"/api/v2/search/?q={query}&type=page&limit={limit}", timeout=30)
    data = json.loads(body) if status == 200 else {}
    return status, data.get("meta", {}), len(data.get("items", []))


def scenario_search(options, port, env, search):
    duration = options.duration
    kill_at, restart_at = duration * 0.25, duration * 0.5
    marker = "Katkoskokeilu" + "".join(random.choice("bcdfghjklmnprstv") for _ in range(6))
    state = {"killed_at": None, "restarted_at": None, "back_at": None, "fallback_checks": []}
    load = Load(port, options.clients, duration)

    def check_fallback():
        # While the server is down (and until it answers again), search must answer from the database.
        limit = 1
        while state["back_at"] is None and time.monotonic() < load.stop_at + 120:
            for query in ("yhdistys", marker):
                at = round(time.monotonic() - load.began, 1)
                status, meta, count = search_api(port, query, limit)
                state["fallback_checks"].append(
                    (at, query, status, meta.get("search_fallback"), meta.get("search_backend"), count)
                )
                limit = limit % 80 + 1
            time.sleep(1)

    def kill():
        pid = search.kill()
        state["killed_at"] = time.monotonic() - load.began
        log(f"search server (java pid {pid}) SIGKILLed at {state['killed_at']:.1f} s")
        checker = threading.Thread(target=check_fallback, daemon=True)
        checker.start()
        # A page published while the server is down: publishing must work.
        started = time.monotonic()
        result = django_shell(
            env,
            "import json\n"
            "from home.models import HomePage, StandardPage\n"
            "home = HomePage.objects.get(locale__language_code='fi')\n"
            f"page = StandardPage(title='{marker} katkon aikana', slug='{marker.lower()}',"
            " introduction='Julkaistu hakupalvelimen ollessa alhaalla.')\n"
            "home.add_child(instance=page)\n"
            "page.save_revision().publish()\n"
            "print(json.dumps({'id': page.pk, 'live': page.live}))",
            timeout=120,
        )
        state["published"] = {**result, "seconds": round(time.monotonic() - started, 1)}
        log(f"published page {result} during the outage in {state['published']['seconds']} s (with start-up)")
        checker.join(timeout=300)

    def restart():
        state["restarted_at"] = time.monotonic() - load.began
        log(f"starting the search server again at {state['restarted_at']:.1f} s")
        search.start()
        state["back_at"] = time.monotonic() - load.began
        log(f"search server healthy again at {state['back_at']:.1f} s")

    events = load.run([(kill_at, kill), (restart_at, restart)])
    for thread in events:
        thread.join(timeout=300)
    figures = {"search: whole run": summary(load.records, load.elapsed)}
    down_from, down_to = state["killed_at"] or 0, state["back_at"] or load.elapsed
    during = [r for r in load.records if down_from <= r[0] < down_to]
    figures["search: while down"] = summary(during, down_to - down_from)
    for name, value in figures.items():
        print_summary(name, value)
    for item in error_breakdown(load.records):
        print(f"    {item}")
    checks = state["fallback_checks"]
    # Down: from the kill until the restart began. Restarting: until the server was healthy again; the
    # server answers some requests (or refuses them with 503) while its shards recover.
    down = [c for c in checks if c[0] < (state["restarted_at"] or load.elapsed)]
    restarting = [c for c in checks if c not in down]
    fallback_ok = bool(down) and all(c[2] == 200 and c[3] for c in down)
    found_down = [c[5] for c in down if c[1] == marker]
    log(
        f"search API while down: {len(down)} checks, all 200 with meta.search_fallback=true: "
        f"{fallback_ok}; the page published during the outage found from the database index: "
        f"{bool(found_down) and max(found_down) > 0}"
    )
    log(
        f"search API while restarting: {len(restarting)} checks, statuses "
        f"{sorted({c[2] for c in restarting})}, fallback {sum(1 for c in restarting if c[3])}, "
        f"from the server {sum(1 for c in restarting if c[3] is False)}"
    )
    for check in checks:
        print(f"    check {check}")

    # After the restart: the server does not have the page until update_index catches up.
    if not search.healthy():
        search.start()
    limit = 90  # limits the checks above did not use: not answered from the API cache
    _status, meta, before = search_api(port, marker, limit)
    log(f"after restart, before update_index: fallback={meta.get('search_fallback')}, found {before}")
    started = time.monotonic()
    manage(env, "update_index", timeout=600)
    catch_up = round(time.monotonic() - started, 1)
    _status, meta, after = search_api(port, marker, limit + 1)
    log(f"after update_index ({catch_up} s): fallback={meta.get('search_fallback')}, found {after}")
    figures["search: facts"] = {
        "killed at s": round(down_from, 1),
        "restart begun at s": round(state["restarted_at"] or 0, 1),
        "healthy again at s": round(down_to, 1),
        "fallback checks while down": len(down),
        "all 200 with search_fallback while down": fallback_ok,
        "checks while restarting": len(restarting),
        "checks while restarting answered by fallback": sum(1 for c in restarting if c[3]),
        "checks while restarting with non-200": sum(1 for c in restarting if c[2] != 200),
        "published during outage": state.get("published"),
        "found via server before update_index": before,
        "found via server after update_index": after,
        "fallback after update_index": meta.get("search_fallback"),
        "update_index s": catch_up,
    }
    return figures


def scenario_postgres(options, port, env):
    duration = options.duration
    restart_at = duration / 3
    state = {}
    load = Load(port, options.clients, duration)

    def restart():
        state["begun"] = time.monotonic() - load.began
        log(f"pg_ctlcluster 15 main restart at {state['begun']:.1f} s")
        result = subprocess.run(
            ["pg_ctlcluster", "15", "main", "restart"], capture_output=True, text=True, timeout=120
        )
        state["done"] = time.monotonic() - load.began
        state["rc"] = result.returncode
        log(f"PostgreSQL restarted (rc {result.returncode}) at {state['done']:.1f} s {result.stderr.strip()}")

    gunicorn_pid = options.app.process.pid
    events = load.run([(restart_at, restart)])
    for thread in events:
        thread.join(timeout=150)
    window_from, window_to = state["begun"], state["done"] + 5

    # Requests are placed by the time they ended: one begun just before the restart fails inside it.
    def ended(record):
        return record[0] + record[1] / 1000

    before = [r for r in load.records if ended(r) < window_from]
    window = [r for r in load.records if window_from <= ended(r) < window_to]
    after = [r for r in load.records if ended(r) >= window_to]
    last_third = [r for r in load.records if ended(r) >= duration * 2 / 3]
    all_errors = sorted(ended(r) for r in load.records if is_error(r[2]))
    figures = {
        "postgres: whole run": summary(load.records, load.elapsed),
        "postgres: before restart": summary(before, window_from),
        "postgres: restart window": summary(window, window_to - window_from),
        "postgres: after window": summary(after, load.elapsed - window_to),
        "postgres: last third": summary(last_third, load.elapsed - duration * 2 / 3),
    }
    for name, value in figures.items():
        print_summary(name, value)
    for item in error_breakdown(load.records):
        print(f"    {item}")
    errors_after = [r for r in after if is_error(r[2])]
    if all_errors:
        log(f"errors ended between {all_errors[0]:.1f} s and {all_errors[-1]:.1f} s into the run")
    probe = [request(port, path, timeout=30)[0] for path, _ in URL_MIX]
    recovered = all(status == 200 for status in probe) and options.app.process.poll() is None
    log(
        f"probe after the run: {sum(s == 200 for s in probe)}/{len(probe)} answer 200; gunicorn master "
        f"{gunicorn_pid} still the same process: {options.app.process.poll() is None}"
    )
    figures["postgres: facts"] = {
        "restart begun at s": round(window_from, 1),
        "restart returned at s": round(state["done"], 1),
        "errors after window": len(errors_after),
        "first error at s": round(all_errors[0], 1) if all_errors else None,
        "last error at s": round(all_errors[-1], 1) if all_errors else None,
        "probe all 200 without restarting gunicorn": recovered,
    }
    return figures


def scenario_newsletter(options, env):
    django_shell(
        env,
        "import json\nfrom news.models import Subscriber\n"
        "n = Subscriber.objects.filter(email__startswith='tilaaja', email__endswith='@example.fi').delete()\n"
        "print(json.dumps(str(n)))",
    )
    bench_env = {**env, "BENCH_USE_DATABASE_URL": "1", "LOG_LEVEL": "WARNING"}
    bench_env.pop("DJANGO_SETTINGS_MODULE", None)
    started = time.monotonic()
    result = run([PYTHON, "bench/newsletter.py", str(options.subscribers)], bench_env, 600, check=False)
    output = result.stdout.strip()
    print("  " + output.replace("\n", "\n  "))
    if result.returncode != 0:
        print(result.stderr[-2000:])
    return {
        "newsletter": {
            "output": output,
            "rc": result.returncode,
            "seconds": round(time.monotonic() - started),
        }
    }


IMPORT_CHECK = """
import json
from wagtail.models import Page
from associations.models import AssociationPage
fi = AssociationPage.objects.filter(locale__language_code='fi', title__endswith=' {seed}')
sv = AssociationPage.objects.filter(locale__language_code='sv')
sv_keys = set(sv.values_list('translation_key', flat=True))
problems = Page.find_problems()
print(json.dumps({{
    'fi pages': fi.count(),
    'fi not live': fi.filter(live=False).count(),
    'fi without live revision': fi.filter(live_revision__isnull=True).count(),
    'fi without Swedish translation': fi.exclude(translation_key__in=sv_keys).count(),
    'find_problems': [len(group) for group in problems],
    'all pages': Page.objects.count(),
}}))
"""


def scenario_import(options, env, workdir):
    rows = options.import_rows
    seed = random.randrange(10_000, 1_000_000)
    csv_path = Path(workdir) / "import.csv"
    # Generated rows, named with this run's seed and without identifiers, so each row makes new pages.
    django_shell(
        env,
        "import csv, json\n"
        "from associations.generator import generate_rows\n"
        "from associations.importer import COLUMNS\n"
        f"rows = generate_rows({rows}, seed={seed})\n"
        f"with open({str(csv_path)!r}, 'w', encoding='utf-8', newline='') as stream:\n"
        "    writer = csv.DictWriter(stream, fieldnames=COLUMNS, extrasaction='ignore')\n"
        "    writer.writeheader()\n"
        "    for row in rows:\n"
        f"        row['name_fi'] = row['name_fi'] + ' {seed}'\n"
        f"        row['name_sv'] = (row['name_sv'] + ' {seed}') if row.get('name_sv') else ''\n"
        "        row['business_id'] = ''\n"
        "        row['register_number'] = ''\n"
        "        writer.writerow(row)\n"
        "print(json.dumps(len(rows)))",
    )
    # The names end with this run's seed, so this run's pages can be told apart.
    check = IMPORT_CHECK.format(seed=seed)
    baseline = django_shell(env, check)
    command = [PYTHON, "manage.py", "import_associations", str(csv_path)]
    import psycopg2

    database = psycopg2.connect(env["DATABASE_URL"])
    database.autocommit = True

    def imported():
        with database.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM associations_associationpage a JOIN wagtailcore_page p "
                "ON p.id = a.page_ptr_id WHERE p.title LIKE %s",
                (f"% {seed}",),
            )
            return cursor.fetchone()[0]

    started = time.monotonic()
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed_at = None
    deadline = time.monotonic() + 600
    while child.poll() is None and time.monotonic() < deadline:
        if imported() >= rows:  # Finnish + Swedish pages: about half the rows done
            child.send_signal(signal.SIGKILL)
            killed_at = round(time.monotonic() - started, 1)
            break
        time.sleep(0.1)
    child.wait(timeout=30)
    at_kill = imported()
    after_kill = django_shell(env, check)
    log(f"import SIGKILLed at {killed_at} s with {at_kill} pages of this run ({rows} rows in the file)")
    log(f"after the kill: {after_kill} (before: {baseline})")
    started = time.monotonic()
    rerun = manage(env, "import_associations", str(csv_path), timeout=900, check=False)
    rerun_seconds = round(time.monotonic() - started, 1)
    final = django_shell(env, check)
    log(f"rerun ({rerun_seconds} s, rc {rerun.returncode}): {rerun.stdout.strip()[-400:]}")
    at_end = imported()
    database.close()
    log(f"after the rerun: {final}; pages of this run: {at_end}")
    return {
        "import": {
            "rows": rows,
            "killed at s": killed_at,
            "pages of this run at kill": at_kill,
            "after kill": after_kill,
            "baseline": baseline,
            "rerun rc": rerun.returncode,
            "rerun s": rerun_seconds,
            "rerun output": rerun.stdout.strip()[-600:],
            "final": final,
            "pages of this run at the end": at_end,
        }
    }


# --- Main ------------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--associations", type=int, default=0, help="top up to N Finnish associations")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--scenarios", default="steady,search,postgres,newsletter,import")
    parser.add_argument("--import-rows", type=int, default=200)
    parser.add_argument("--subscribers", type=int, default=2000)
    parser.add_argument("--conn-max-age", default="60", help="DATABASE_CONN_MAX_AGE for the app server")
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--json", help="write the figures to this file")
    options = parser.parse_args()
    scenarios = options.scenarios.split(",")

    workdir = tempfile.mkdtemp(prefix="sakke-load-")
    search_port = free_port(9210)
    app_port = free_port(8810)
    env = {
        **os.environ,
        "DATABASE_URL": os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        "DJANGO_SETTINGS_MODULE": "sakke_site.settings.production",
        "SECRET_KEY": "load-test-only-secret-key-load-test-only-secret-key-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SEARCH_BACKEND": "opensearch2",
        "SEARCH_SERVER_PORT": str(search_port),
        "SEARCH_URLS": f"http://127.0.0.1:{search_port}",
        "SEARCH_INDEX_PREFIX": "sakke_load_",
        "SEARCH_TIMEOUT": "5",
        "API_RATE_LIMIT": "",
        "DATABASE_CONN_MAX_AGE": options.conn_max_age,
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "EMAIL_URL": "consolemail://",
        "LOG_LEVEL": "WARNING",
    }
    for name in ("sakke_ci", "sakke_bench"):
        if env["DATABASE_URL"].rstrip("/").endswith("/" + name):
            raise SystemExit(f"refusing to run against the {name} database")
    if SEARCH_PIDFILE.exists():
        try:
            os.kill(int(SEARCH_PIDFILE.read_text().strip()), 0)
            raise SystemExit(
                f"a search server from this checkout is running ({SEARCH_PIDFILE}); not touching it"
            )
        except (ProcessLookupError, ValueError):
            pass
    log(
        f"database {env['DATABASE_URL']}, search server port {search_port}, app port {app_port}, "
        f"work {workdir}"
    )
    log(f"{os.cpu_count()} CPUs; load average {os.getloadavg()}")

    search = SearchServer(env)
    app = AppServer(env, app_port, options.workers, Path(workdir) / "gunicorn.log")
    options.app = app
    results = {}
    try:
        started = time.monotonic()
        search.start()
        log(f"search server up in {time.monotonic() - started:.0f} s")
        if not options.skip_setup:
            manage(env, "migrate", "--verbosity", "0")
            manage(env, "load_demo")
            if options.associations:
                have = django_shell(
                    env,
                    "import json\nfrom associations.models import AssociationPage\n"
                    "print(json.dumps(AssociationPage.objects.filter(locale__language_code='fi').count()))",
                )
                if have < options.associations:
                    manage(
                        env,
                        "generate_associations",
                        str(options.associations - have),
                        "--seed",
                        str(have),
                        timeout=3600,
                        check=False,
                    )
        manage(env, "collectstatic", "--noinput", "--verbosity", "0")
        started = time.monotonic()
        manage(env, "update_index", timeout=1200)
        log(f"update_index in {time.monotonic() - started:.0f} s")
        counts = django_shell(
            env,
            "import json\nfrom wagtail.models import Page\nfrom associations.models import AssociationPage\n"
            "print(json.dumps({'pages': Page.objects.live().count(), 'fi associations': "
            "AssociationPage.objects.filter(locale__language_code='fi', live=True).count()}))",
        )
        log(f"content: {counts}")
        results["content"] = counts
        app.start()
        log(
            f"gunicorn up: {options.workers} sync workers on 127.0.0.1:{app_port}, "
            f"CONN_MAX_AGE {options.conn_max_age}"
        )
        preflight(app_port)
        # Warm every worker (templates, caches) so the first seconds do not skew the figures.
        warm = Load(app_port, min(options.clients, 10), 5)
        warm.run()

        if "steady" in scenarios:
            log(f"steady: {options.clients} clients for {options.duration:.0f} s")
            results.update(scenario_steady(options, app_port))
        if "search" in scenarios:
            log(
                f"search: {options.clients} clients for {options.duration:.0f} s, "
                "search server killed and restarted"
            )
            results.update(scenario_search(options, app_port, env, search))
        if "postgres" in scenarios:
            log(f"postgres: {options.clients} clients for {options.duration:.0f} s, PostgreSQL restarted")
            results.update(scenario_postgres(options, app_port, env))
        if "newsletter" in scenarios:
            log(f"newsletter: {options.subscribers} subscribers, send killed half-way and rerun")
            results.update(scenario_newsletter(options, env))
        if "import" in scenarios:
            log(f"import: {options.import_rows} rows, import killed half-way and rerun")
            results.update(scenario_import(options, env, workdir))
        server_errors = Path(app.logfile).read_text(errors="replace").count("Internal Server Error")
        log(f"gunicorn log: {server_errors} 'Internal Server Error' entries ({app.logfile})")
        results["gunicorn internal server errors logged"] = server_errors
    finally:
        app.stop()
        search.stop()
        log("gunicorn and the search server stopped")
    if options.json:
        Path(options.json).write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results, indent=2, default=str))
    shutil.rmtree(Path(workdir) / "static", ignore_errors=True)


if __name__ == "__main__":
    main()

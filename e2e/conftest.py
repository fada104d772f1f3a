"""The browser, accessibility and validity checks (`make check-all`): a live server and Chromium.

One server for the whole run: `manage.py runserver` on a free port of 127.0.0.1 with the bilingual demo
loaded and emails written to files (`e2e/settings.py`), and beside it the background worker
(`manage.py db_worker --backend background`) on the same database, as in production. The database is a
throwaway one: when DATABASE_URL names PostgreSQL (as in CI) a fresh database beside it, `<name>_e2e`,
otherwise SQLite in a temporary folder. When SEARCH_BACKEND names a search server, the site indexes into
it under its own prefix (`<SEARCH_INDEX_PREFIX>e2e_`), so the browser tests search through the real
engine. Chromium is Debian's (`/usr/bin/chromium`, or `E2E_CHROMIUM`), driven headless by Playwright;
Playwright's own browser download is never used. A failing test leaves a screenshot of its page in
`var/e2e-artifacts/` (or `E2E_ARTIFACTS`).
"""

import email
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "var" / "e2e-artifacts"))
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--disable-sync",
    "--metrics-recording-only",
    "--no-first-run",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
]


def _fresh_postgres_database(url):
    """Create (or empty) the database `<name>_e2e` next to the one in `url`; its URL."""
    import psycopg2
    from psycopg2 import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/") + "_e2e"
    connection = psycopg2.connect(url)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    finally:
        connection.close()
    return urlunsplit(parts._replace(path="/" + name))


def _database_url(workdir):
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://", "psql://", "pgsql://")):
        return _fresh_postgres_database(url)
    return f"sqlite:///{workdir / 'db.sqlite3'}"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    """The running site: its base URL, its emails and `manage.py` against its database."""

    def __init__(self, workdir):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail_dir = workdir / "mail"
        self.mail_dir.mkdir()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "e2e.settings",
            "DATABASE_URL": _database_url(workdir),
            "SEARCH_INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "sakke_") + "e2e_",
            "E2E_MAIL_DIR": str(self.mail_dir),
            "E2E_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }
        self.log = open(workdir / "server.log", "w")  # noqa: SIM115 (closed in stop())
        self.worker_log = open(workdir / "worker.log", "w")  # noqa: SIM115 (closed in stop())
        self.process = None
        self.worker = None

    def manage(self, *args):
        """Run a management command against the server's database; its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args[:1])} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def python(self, code):
        """Run Python in `manage.py shell` against the server's database; what it printed."""
        return self.manage("shell", "--no-imports", "-c", code)

    def start(self):
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_demo")
        if os.environ.get("SEARCH_BACKEND", "database") != "database":
            # A clean index of this database, whatever an earlier run left under the same prefix.
            self.manage("update_index")
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}", "--noreload", "--insecure"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        worker = ["db_worker", "--backend", "background", "--no-reload", "--interval=0.2"]
        self.worker = subprocess.Popen(
            [sys.executable, "manage.py", *worker],
            cwd=ROOT,
            env=self.env,
            stdout=self.worker_log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The server stopped at start; see {self.log.name}")
            if self.worker.poll() is not None:
                raise RuntimeError(f"The background worker stopped at start; see {self.worker_log.name}")
            try:
                with urlopen(self.url + "/healthz", timeout=5):
                    return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError("The server did not answer within 60 seconds")

    def stop(self):
        for process in (self.process, self.worker):
            if process is not None:
                process.terminate()  # the worker finishes the task in hand first
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
        self.log.close()
        self.worker_log.close()

    def emails_to(self, address):
        """The messages sent to `address` so far, oldest first."""
        messages = []
        for path in sorted(self.mail_dir.iterdir(), key=lambda p: p.stat().st_mtime):
            # The file backend writes every message of a connection into one file, separated by dashes.
            for chunk in re.split(rb"\n-{79}\n", path.read_bytes()):
                if chunk.strip():
                    message = email.message_from_bytes(chunk.strip())
                    if address in (message.get("To") or ""):
                        messages.append(message)
        return messages

    def worker_tasks(self):
        """(task path, status) of every task the background worker was given, oldest first."""
        output = self.python(
            "from django_tasks_db.models import DBTaskResult; "
            "[print(path, status) for path, status in "
            "DBTaskResult.objects.order_by('enqueued_at').values_list('task_path', 'status')]"
        )
        return [tuple(line.split()) for line in output.splitlines() if line.strip()]

    def wait_for_email(self, address, count=1, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.emails_to(address)
            if len(messages) >= count:
                return messages[count - 1]
            time.sleep(0.2)
        raise AssertionError(f"No email number {count} to {address} within {timeout} s")


def text_of(message):
    """The plain-text body of an email message."""
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
    raise AssertionError("The email has no plain-text part")


@pytest.fixture(scope="session")
def live_site():
    workdir = Path(tempfile.mkdtemp(prefix="sakke-e2e-"))
    server = LiveServer(workdir)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        if os.environ.get("E2E_KEEP") != "1":
            shutil.rmtree(workdir, ignore_errors=True)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM} (set E2E_CHROMIUM)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def new_page(browser, live_site, request):
    """Open pages in fresh browser contexts (`new_page(**context_options)`); screenshots on failure."""
    contexts = []

    def open_page(**options):
        options = {"base_url": live_site.url, "locale": "fi-FI", **options}
        context = browser.new_context(**options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        for number, context in enumerate(contexts):
            for index, page in enumerate(context.pages):
                path = ARTIFACTS / f"{name}-{number}-{index}.png"
                try:
                    page.screenshot(path=str(path), full_page=True)
                    print(f"Screenshot of {page.url}: {path}")
                except Exception as error:  # a crashed page must not hide the test's own failure
                    print(f"No screenshot of {page.url}: {error}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A page in a desktop-sized browser window."""
    return new_page(viewport={"width": 1280, "height": 900})


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    # The page fixture reads this in its teardown to decide whether to take a screenshot.
    setattr(item, f"report_{report.when}", report)
    return report


# --- The standards table (`make check-standards`, e2e/test_standards.py) -------------------------------


def pytest_configure(config):
    config.addinivalue_line("markers", "standards: a check of a public output against an outside validator")
    config.addinivalue_line("markers", "standard(name, tool): the standard a check covers, and with what")


def pytest_collection_modifyitems(config, items):
    config.stash[STANDARDS] = {
        item.nodeid: item.get_closest_marker("standard").args
        for item in items
        if item.get_closest_marker("standard")
    }


STANDARDS = pytest.StashKey[dict]()
OUTCOMES = {"passed": "pass", "failed": "FAIL", "error": "FAIL", "skipped": "skipped"}


def pytest_terminal_summary(terminalreporter, config):
    """A table of the standards checked, the tool used and the result, after the run."""
    standards = config.stash.get(STANDARDS, {})
    if not standards:
        return
    results = dict.fromkeys(standards, "not run")
    for outcome, result in OUTCOMES.items():
        for report in terminalreporter.stats.get(outcome, []):
            if getattr(report, "nodeid", None) in results and results[report.nodeid] != "FAIL":
                results[report.nodeid] = result
    rows = [("Standard", "Checked with", "Result")]
    rows += [(*standards[nodeid], result) for nodeid, result in results.items()]
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    terminalreporter.section("standards")
    for index, row in enumerate(rows):
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        terminalreporter.write_line("  ".join(cells))
        if index == 0:
            terminalreporter.write_line("  ".join("-" * width for width in widths))

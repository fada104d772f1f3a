"""Fixtures shared by every app's tests: locales, a site with a Finnish home page, users."""

import itertools

import pytest
from django.core.cache import cache
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend
from wagtail.search.index import get_indexed_models

from home import versions
from home.factories import HomePageFactory
from search.engine import backend_name

_fresh_versions = itertools.count(1)


# --- Transactional tests in parallel runs ------------------------------------------------------------
# A transactional test (a worker process must see committed data) empties the database when it ends, and
# Django restores the migrations' data (locales, the root page) only when the next transactional test
# starts, which is why pytest-django runs them after all others. `make test` runs files in parallel
# processes (pytest-xdist), each taking the next file when free, so other tests can follow one there:
# the data is put back right after each transactional test instead.


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return "transactional_db" in getattr(item, "fixturenames", ()) or (
        marker is not None and marker.kwargs.get("transaction", False)
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # After the last test the test databases are gone and the connections point at DATABASE_URL's own.
    if nextitem is not None and _is_transactional(item):
        from django.db import connections
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            for connection in connections.all(initialized_only=True):
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)
    return result


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts on an empty cache (rate-limit counters, cached API answers and statistics of earlier
    tests are gone) and on content and taxonomy versions no earlier test used, so per-process memos
    (home.versions.ProcessMemo) compute again too: test data often appears without the signals that move
    the versions."""
    cache.clear()
    number = next(_fresh_versions)
    cache.set_many({versions.CONTENT: number, versions.TAXONOMY: number}, timeout=None)
    yield
    cache.clear()


@pytest.fixture
def api_cache(settings):
    """The shared API answer cache on, as in production (the test settings turn it off)."""
    settings.API_CACHE_SECONDS = 600
    settings.API_MAX_AGE = 60


@pytest.fixture
def api_rate_limit(monkeypatch):
    """The anonymous API rate limit at 3 a minute, so tests reach it quickly."""
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})


@pytest.fixture
def run_worker(db, monkeypatch):
    """Run the background tasks that are due now with the real worker (`manage.py db_worker --backend
    background --batch`), in this process; returns how many ran. A task that failed fails the test with
    its traceback.

    The worker drops database connections that are inside a transaction before each task, as the WSGI
    handler does after each request; the test's data lives in one, so here the connection is kept.
    """
    import signal

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from home.tasks import BACKGROUND

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    signals = [signal.SIGINT, signal.SIGTERM, signal.SIGQUIT]

    def run():
        before = set(DBTaskResult.objects.finished().values_list("pk", flat=True))
        handlers = [signal.getsignal(number) for number in signals]
        try:
            call_command(
                "db_worker", "--backend", BACKGROUND, "--batch", "--interval=0", "--no-reload", verbosity=0
            )
        finally:
            for number, handler in zip(signals, handlers, strict=True):
                signal.signal(number, handler)  # the worker's own handlers would stop pytest at Ctrl+C
        ran = DBTaskResult.objects.finished().exclude(pk__in=before)
        for failed in ran.failed():
            pytest.fail(f"Background task {failed.task_path} failed:\n{failed.traceback}")
        return ran.count()

    return run


@pytest.fixture
def worker_process(transactional_db, django_db_serialized_rollback):
    """Start `manage.py db_worker --backend background` as a process of its own against the test database
    (`start(*options, settings=..., env={...})`), for tests that kill one; stopped after the test.

    Needs PostgreSQL: the SQLite test database lives in this process's memory. The test becomes
    transactional, since the worker only sees committed data; the data of the migrations is restored after.
    """
    import os
    import subprocess
    import sys
    from pathlib import Path
    from urllib.parse import quote

    from django.db import connection

    from home.tasks import BACKGROUND

    if connection.vendor != "postgresql":
        pytest.skip(
            "a worker process cannot reach the SQLite test database in this process's memory; "
            "runs with a PostgreSQL DATABASE_URL (as in CI)"
        )
    db = connection.settings_dict
    user = quote(db["USER"], safe="") + (":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else "")
    url = f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    processes = []

    def start(*options, settings="sakke_site.settings.test", env=None):
        command = [sys.executable, "manage.py", "db_worker", "--backend", BACKGROUND, "--no-reload", *options]
        environment = {**os.environ, "DJANGO_SETTINGS_MODULE": settings, "DATABASE_URL": url, **(env or {})}
        process = subprocess.Popen(
            command,
            cwd=Path(__file__).resolve().parent,
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate()


@pytest.fixture
def finnish(db):
    return Locale.objects.get(language_code="fi")


@pytest.fixture
def swedish(db):
    return Locale.objects.get(language_code="sv")


@pytest.fixture
def home_page(finnish):
    """A live Finnish home page as the root of the default site (Wagtail's welcome page removed)."""
    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root, locale=finnish, slug="etusivu")
    site = Site.objects.get(is_default_site=True)
    welcome = site.root_page
    site.root_page = home
    site.save()
    welcome.delete()
    return home


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("paakayttaja", "admin@example.fi", "salasana-123")


@pytest.fixture
def association_index(home_page):
    """The Finnish association directory under the home page."""
    from associations.factories import AssociationIndexPageFactory

    return AssociationIndexPageFactory(parent=home_page)


@pytest.fixture
def coordinator(django_user_model):
    """A member of the coordinators' group (Koordinaattorit) created by the associations migration."""
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "koordinaattori", "koordinaattori@example.fi", "salasana-123"
    )
    user.groups.add(Group.objects.get(name="Koordinaattorit"))
    return user


@pytest.fixture
def latu(association_index):
    """A published Finnish association page, Kuopion Latu ry."""
    from associations.factories import AssociationPageFactory
    from home.factories import publish

    return publish(AssociationPageFactory(parent=association_index, title="Kuopion Latu ry", slug="latu"))


@pytest.fixture
def tanssi(association_index):
    """A second published association page, Tervon Tanssijat ry."""
    from associations.factories import AssociationPageFactory
    from home.factories import publish

    return publish(
        AssociationPageFactory(parent=association_index, title="Tervon Tanssijat ry", slug="tanssi")
    )


@pytest.fixture
def translate(swedish, django_capture_on_commit_callbacks):
    """Translate a page into Swedish as an editor does with wagtail-localize, and publish it.

    `strings` maps Finnish source texts to Swedish; texts left out stay Finnish. Returns the Swedish page.
    """

    from wagtail_localize.models import Translation
    from wagtail_localize.operations import TranslationCreator

    def translate(page, strings):
        TranslationCreator(user=None, target_locales=[swedish]).create_translations(page)
        translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=swedish)
        translation.source.update_from_db()
        po = translation.export_po()
        for entry in po:
            entry.msgstr = strings.get(entry.msgid, entry.msgstr)
        translation.import_po(po)
        # wagtail-localize publishes when the transaction commits.
        with django_capture_on_commit_callbacks(execute=True):
            translation.save_target(publish=True)
        return page.get_translation(swedish).specific

    return translate


# --- The search index --------------------------------------------------------------------------------
# Locally the database backend (its index rows roll back with each test); in CI a real OpenSearch
# server (scripts/search-server), whose index does not roll back: tests that search ask for
# `search_index`, which empties it first, and call its refresh() after writing so the documents are
# visible to the next search.


class SearchIndex:
    def __init__(self, backend):
        self.backend = backend
        self.name = backend_name(backend)

    def refresh(self):
        self.backend.refresh_indexes()


@pytest.fixture
def search_index(db):
    backend = get_search_backend("default")
    if backend_name(backend) != "database":
        prefix = backend.index_prefix
        try:
            backend.reset_indexes()
        except Exception:
            # An earlier update_index left an alias: remove this run's indexes and start again.
            backend.es.indices.delete(index=f"{prefix}*")
            backend.reset_indexes()
        # An emptied index has no mapping until update_index would add it: add it as that does.
        for model in get_indexed_models():
            backend.get_index_for_model(model).add_model(model)
    index = SearchIndex(backend)
    yield index

"""The import's background work: the command makes the Finnish pages live and searchable and queues their
Swedish translations, which the worker makes and indexes; a row that fails, or an import that is killed,
leaves no half-made page."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from associations.factories import AssociationPageFactory
from associations.generator import generate_rows
from associations.importer import AssociationImporter, rows_from_dicts, tasks
from associations.models import AssociationPage
from associations.tests.test_import import OTHER, ROW, row, write_csv

pytestmark = pytest.mark.django_db

TASK_PATH = "associations.importer.tasks.translate_imported"
SECOND = row(
    name_fi="Siilinjärven Shakkikerho ry",
    name_sv="Siilinjärvi Schackklubb rf",
    business_id="",
    register_number="",
    municipality="749",
)
database_search = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith(".database")


def pages(language):
    return AssociationPage.objects.filter(locale__language_code=language)


def translation_tasks():
    return DBTaskResult.objects.filter(task_path=TASK_PATH)


def test_the_command_queues_the_translations_for_the_worker(
    run_import, run_worker, association_index, tmp_path
):
    outcome = run_import(write_csv(tmp_path, [ROW, OTHER, SECOND]), worker=False)

    assert outcome.error is None, outcome.stderr
    assert (
        "The Swedish translations of 2 associations were queued for the background worker." in outcome.stdout
    )
    # The Finnish pages are live and searchable when the command returns; nothing Swedish yet.
    assert pages("fi").live().count() == 3
    if database_search:
        assert list(AssociationPage.objects.live().search("Shakkikerho")) == [
            pages("fi").get(title=SECOND["name_fi"])
        ]
    assert not pages("sv").exists()
    task = translation_tasks().get()
    assert task.status == "READY"
    queued = [item["page"] for item in task.args_kwargs["args"][0]]
    assert sorted(queued) == sorted(pages("fi").exclude(title=OTHER["name_fi"]).values_list("pk", flat=True))

    run_worker()

    swedish = pages("sv").live()
    assert sorted(swedish.values_list("title", flat=True)) == ["Kuopio Latu rf", "Siilinjärvi Schackklubb rf"]
    assert translation_tasks().get().status == "SUCCESSFUL"
    if database_search:
        found = AssociationPage.objects.live().search("Schackklubb")
        assert [page.title for page in found] == ["Siilinjärvi Schackklubb rf"]


def test_translations_are_queued_a_batch_per_task(run_import, association_index, tmp_path, monkeypatch):
    monkeypatch.setattr(tasks, "TRANSLATION_BATCH", 2)
    outcome = run_import(write_csv(tmp_path, generate_rows(5, seed=3)))

    assert outcome.error is None, outcome.stderr
    assert sorted(len(task.args_kwargs["args"][0]) for task in translation_tasks()) == [1, 2, 2]
    assert pages("sv").live().count() == 5


def test_translate_now_makes_the_swedish_pages_during_the_import(run_import, association_index, tmp_path):
    outcome = run_import(write_csv(tmp_path, [ROW, SECOND]), "--translate-now", worker=False)

    assert outcome.error is None, outcome.stderr
    assert "queued" not in outcome.stdout
    assert pages("sv").live().count() == 2
    assert not translation_tasks().exists()


def test_the_task_translates_the_pages_it_is_given(association_index, run_worker):
    latu, shakki, untouched = (
        AssociationPageFactory(parent=association_index, title=title)
        for title in ("Kuopion Latu ry", "Siilinjärven Shakkikerho ry", "Iisalmen Omaishoitajat ry")
    )
    items = [
        {"page": latu.pk, "strings": {"title": "Kuopio Latu rf", "slug": "kuopio-latu-rf"}},
        {
            "page": shakki.pk,
            "strings": {"title": "Schackklubben", "summary": "Schack för alla.", "slug": "schack"},
        },
    ]
    tasks.translate_imported.enqueue(items)

    run_worker()

    swedish = {page.translation_key: page for page in pages("sv").live()}
    assert set(swedish) == {latu.translation_key, shakki.translation_key}
    assert untouched.translation_key not in swedish
    assert (swedish[latu.translation_key].title, swedish[latu.translation_key].slug) == (
        "Kuopio Latu rf",
        "kuopio-latu-rf",
    )
    assert swedish[latu.translation_key].summary == latu.summary  # not given: the Finnish text stays
    assert swedish[shakki.translation_key].summary == "Schack för alla."
    assert {page.get_parent().specific.title for page in swedish.values()} == {"Föreningar"}
    if database_search:
        assert list(AssociationPage.objects.live().search("Schackklubben")) == [
            swedish[shakki.translation_key]
        ]

    # Given again (a second import with --update), a page keeps its Swedish address and gets the new text.
    tasks.translate_imported.enqueue([{"page": latu.pk, "strings": {"title": "Latu Kuopio rf", "slug": "x"}}])
    run_worker()
    refreshed = pages("sv").get(translation_key=latu.translation_key)
    assert (refreshed.title, refreshed.slug) == ("Latu Kuopio rf", "kuopio-latu-rf")


@pytest.fixture
def failing_publish():
    """Another app's page_published handler fails for one association, after its page has been inserted."""

    def handler(sender, instance, **kwargs):
        if instance.title == "Rikki ry":
            raise DatabaseError("the webhook table is locked")

    page_published.connect(handler, dispatch_uid="test-failing-publish")
    yield
    page_published.disconnect(dispatch_uid="test-failing-publish")


def test_a_row_that_fails_leaves_no_half_page(run_import, association_index, tmp_path, failing_publish):
    broken = row(name_fi="Rikki ry", name_sv="Trasig rf", business_id="", register_number="")
    outcome = run_import(write_csv(tmp_path, [ROW, broken, SECOND]))

    assert "Row 3: Could not save the association: the webhook table is locked" in outcome.stderr
    assert "1 row failed" in str(outcome.error)
    assert not Page.objects.filter(title__in=["Rikki ry", "Trasig rf"]).exists()
    assert not Revision.objects.filter(object_str="Rikki ry").exists()
    assert not PageLogEntry.objects.filter(label="Rikki ry").exists()
    assert Page.find_problems() == ([], [], [], [], [])
    association_index.refresh_from_db()
    assert association_index.numchild == association_index.get_children().count() == 2
    # The rows around it are whole, and only theirs were translated.
    assert sorted(pages("sv").values_list("title", flat=True)) == [
        "Kuopio Latu rf",
        "Siilinjärvi Schackklubb rf",
    ]


@pytest.fixture
def import_process(transactional_db, django_db_serialized_rollback):
    """`manage.py import_associations FILE` as a process of its own against the test database.

    Needs PostgreSQL: the SQLite test database lives in this process's memory. The test becomes
    transactional, since the other process only sees committed data.
    """
    if connection.vendor != "postgresql":
        pytest.skip(
            "another process cannot reach the SQLite test database; runs with a PostgreSQL DATABASE_URL"
        )
    db = connection.settings_dict
    user = quote(db["USER"], safe="") + (":" + quote(db["PASSWORD"], safe="") if db["PASSWORD"] else "")
    url = f"postgres://{user}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "sakke_site.settings.test", "DATABASE_URL": url}
    processes = []

    def start(path):
        command = [sys.executable, "manage.py", "import_associations", str(path), "--verbosity=0"]
        root = Path(settings.BASE_DIR)
        process = subprocess.Popen(
            command, cwd=root, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.communicate()


# Committed for the other processes to see; the data of the migrations is restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_killed_import_leaves_no_half_pages(import_process, association_index, tmp_path):
    total = 400
    process = import_process(write_csv(tmp_path, generate_rows(total, seed=5)))
    deadline = time.monotonic() + 120
    while pages("fi").count() < 20:
        assert process.poll() is None, f"The import stopped:\n{process.communicate()[0].decode()}"
        assert time.monotonic() < deadline, "The import wrote nothing within 120 s"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()

    written = pages("fi")
    assert 20 <= written.count() < total, "the kill came after the import had finished: nothing was proved"
    assert Page.find_problems() == ([], [], [], [], [])
    association_index.refresh_from_db()
    assert association_index.numchild == written.count()
    for page in written:
        assert page.live and page.live_revision_id == page.latest_revision_id is not None
        assert page.revisions.count() == 1
        assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
        assert page.categories.exists()


# Committed for the other processes to see; the data of the migrations is restored afterwards.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_workers_translate_into_the_same_directory_side_by_side(
    worker_process, association_index, monkeypatch
):
    monkeypatch.setattr(tasks, "TRANSLATION_BATCH", 5)
    report = AssociationImporter().run(rows_from_dicts(generate_rows(40, seed=9)))
    assert report.translations_queued == 40 and translation_tasks().count() == 8

    workers = [worker_process("--batch", "--interval=0", "--no-startup-delay") for _ in range(2)]
    for worker in workers:
        output, _ = worker.communicate(timeout=300)
        assert worker.returncode == 0, output.decode()

    assert sorted(translation_tasks().values_list("status", flat=True)) == ["SUCCESSFUL"] * 8
    assert pages("sv").live().count() == 40
    assert Page.find_problems() == ([], [], [], [], [])

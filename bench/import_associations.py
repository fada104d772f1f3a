"""Benchmark: `import_associations` on a CSV file of generated associations (10,000 by default), then the
background worker that makes their Swedish translations.

Builds a throwaway database (see harness.py: SQLite, or a fresh PostgreSQL database when DATABASE_URL
names one) with a Finnish home page and association directory, writes the rows of
`associations.generator.generate_rows` to a CSV file and times two things:

1. the import command, which returns once every Finnish page is published and in the search index, and
   queues the Swedish translations;
2. the worker (`manage.py db_worker --backend background --batch`, in its own process as in production)
   until it has made and indexed every Swedish translation.

Prints the seconds and rows per second of each, and the pages and search index entries they made. Usage:
`.venv/bin/python bench/import_associations.py [ROWS]`.
"""

import csv
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import setup_django

ROOT = Path(__file__).resolve().parent.parent


def build_site():
    """A Finnish home page and association directory, unless the database already has a directory."""
    from wagtail.models import Locale, Page, Site

    from associations.models import AssociationIndexPage
    from home.models import HomePage

    finnish = Locale.objects.get(language_code="fi")
    if AssociationIndexPage.objects.filter(locale=finnish).exists():
        return
    home = HomePage.objects.filter(locale=finnish).first()
    if home is None:
        home = HomePage(title="Etusivu", slug="etusivu", introduction="Etusivu.", locale=finnish)
        Page.get_first_root_node().add_child(instance=home)
        home.save_revision().publish()
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
    directory = AssociationIndexPage(title="Yhdistykset", slug="yhdistykset")
    home.add_child(instance=directory)
    directory.save_revision().publish()


def write_csv(rows, path):
    from associations.importer import COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def counts():
    """Live association pages and their search index entries, by language."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from associations.models import AssociationPage

    found = {}
    for language in ("fi", "sv"):
        pages = AssociationPage.objects.filter(locale__language_code=language, live=True)
        indexed = IndexEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(AssociationPage),
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)],
        )
        found[language] = (pages.count(), indexed.count())
    return found


def run_worker():
    """The background worker in its own process until the queue is empty; its seconds."""
    from django.conf import settings

    from home.tasks import BACKGROUND

    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "sakke_site.settings.test", "LOG_LEVEL": "WARNING"}
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        env["DATABASE_URL"] = f"sqlite:///{settings.DATABASES['default']['NAME']}"
    command = [sys.executable, "manage.py", "db_worker", "--backend", BACKGROUND, "--batch", "--interval=0"]
    command += ["--no-reload", "--no-startup-delay", "--verbosity=0"]
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return time.perf_counter() - start


def report(label, count, seconds, pages, indexed):
    per_row = seconds / count * 1000
    print(f"{label}: {seconds:.1f} s for {count} rows, {count / seconds:.1f} rows/s, {per_row:.1f} ms a row")
    print(f"    {pages} live pages, {indexed} of them in the search index")


def main(count, workdir):
    from django.core.management import call_command
    from django.db import connection

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    build_site()
    before = counts()
    path = Path(workdir) / "associations.csv"
    from associations.generator import generate_rows

    write_csv(generate_rows(count, seed=1), path)
    print(f"{connection.vendor}: {count} generated rows ({path.stat().st_size / 1e6:.1f} MB of CSV)")

    start = time.perf_counter()
    call_command("import_associations", str(path))
    imported = time.perf_counter() - start
    after_import = counts()
    finnish = [after_import["fi"][i] - before["fi"][i] for i in (0, 1)]
    report("import command (Finnish live and searchable)", count, imported, *finnish)

    translated = run_worker()
    after_worker = counts()
    swedish = [after_worker["sv"][i] - before["sv"][i] for i in (0, 1)]
    report("worker (Swedish translations and their indexing)", count, translated, *swedish)
    print(f"total {imported + translated:.1f} s")


if __name__ == "__main__":
    setup_django()
    from django.conf import settings

    workdir = tempfile.mkdtemp(prefix="sakke-bench-csv-")
    database = Path(str(settings.DATABASES["default"]["NAME"]))
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        # The throwaway SQLite database grows to a few hundred megabytes (harness.py drops PostgreSQL's).
        if database.parent.name.startswith("sakke-bench-"):
            shutil.rmtree(database.parent, ignore_errors=True)

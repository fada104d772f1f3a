"""Benchmark: `import_associations` on a CSV file of generated associations (10,000 by default).

Builds a throwaway SQLite database (see harness.py) with a Finnish home page and association directory,
writes the rows of `associations.generator.generate_rows` to a CSV file, then times the import command on
it: every row creates and publishes a Finnish page and its Swedish translation through wagtail-localize.
Prints the rows per second, the total seconds and the time per row. Usage:
`.venv/bin/python bench/import_associations.py [ROWS]`.
"""

import csv
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from harness import setup_django


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


def main(count, workdir):
    from django.core.management import call_command

    from associations.generator import generate_rows
    from associations.models import AssociationPage

    logging.getLogger("wagtail").setLevel(logging.WARNING)
    call_command("migrate", verbosity=0)
    build_site()
    before = AssociationPage.objects.count()
    path = Path(workdir) / "associations.csv"
    start = time.perf_counter()
    write_csv(generate_rows(count, seed=1), path)
    generated = time.perf_counter() - start

    start = time.perf_counter()
    call_command("import_associations", str(path))
    elapsed = time.perf_counter() - start

    pages = AssociationPage.objects.count() - before
    print(f"generated {count} rows in {generated:.2f} s ({path.stat().st_size / 1e6:.1f} MB of CSV)")
    print(f"imported {count} rows in {elapsed:.1f} s: {count / elapsed:.1f} rows/s")
    print(f"{elapsed / count * 1000:.1f} ms per row; {pages} pages created (Finnish and Swedish)")


if __name__ == "__main__":
    setup_django()
    from django.conf import settings

    workdir = tempfile.mkdtemp(prefix="sakke-bench-csv-")
    database = Path(str(settings.DATABASES["default"]["NAME"]))
    try:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        # The throwaway SQLite database grows to a few hundred megabytes; a real database is kept.
        if database.parent.name.startswith("sakke-bench-"):
            shutil.rmtree(database.parent, ignore_errors=True)

"""`manage.py import_associations FILE`: bulk import of associations from CSV or JSON.

Each row becomes a published association page under the Finnish directory; when the command returns, the
Finnish pages are live and searchable. Their Swedish translations (for rows with a Swedish name) are queued
for the background worker (`manage.py db_worker --backend background`), or made at once with
--translate-now. Rows that match an existing association (by business ID, register number or name and home
municipality) are skipped, or updated as a new revision with --update. Every bad row is reported with its
row number, column and reason, and the command then exits with an error.
"""

import logging
from contextlib import contextmanager
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from associations.importer import (
    FORMATS,
    AssociationImporter,
    ImportFileError,
    RowResult,
    detect_format,
    read_limited,
    read_rows,
)

PROGRESS_MIN_ROWS = 200


class ProgressBar:
    """A progress bar on stderr: redrawn in place on a terminal, a line every tenth elsewhere (logs)."""

    WIDTH = 30

    def __init__(self, stream, enabled):
        self.stream = stream
        self.enabled = enabled
        self.interactive = stream.isatty()
        self.last_tenth = -1

    def __call__(self, done, total):
        if not self.enabled:
            return
        share = done / total
        if self.interactive:
            filled = int(self.WIDTH * share)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            self.stream.write(f"\r[{bar}] {share:4.0%} {done}/{total}", style_func=str, ending="")
            if done == total:
                self.stream.write("", style_func=str)
            self.stream.flush()
        elif int(share * 10) > self.last_tenth:
            self.last_tenth = int(share * 10)
            self.stream.write(f"{share:4.0%} {done}/{total}", style_func=str)


@contextmanager
def quiet_wagtail_logging(verbosity):
    """Wagtail logs every page it creates and publishes at INFO; thousands of those lines hide the report."""
    logger = logging.getLogger("wagtail")
    level = logger.level
    if verbosity < 2:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def commits_without_waiting_for_disk():
    """On PostgreSQL, let each row's commit return before the server has flushed it to disk.

    Every row still commits whole or not at all, in order, so a stopped or killed import leaves no half
    pages. Only a crash of the database server itself could lose the rows committed in its last fraction
    of a second, and running the import again writes them (the rows already there are skipped). Waiting
    for the disk on each of thousands of commits adds seconds per thousand rows.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


def run_import(command, rows, *, dry_run=False, update=False, atomic=False, translate_now=False, verbosity=1):
    """Import `rows` with a progress bar, print the report and fail the command if any row failed."""
    stderr = command.stderr
    interactive = getattr(stderr, "isatty", lambda: False)()
    progress = ProgressBar(stderr, enabled=verbosity >= 1 and (interactive or len(rows) > PROGRESS_MIN_ROWS))
    try:
        importer = AssociationImporter(
            update=update, atomic=atomic, progress=progress, defer_indexing=True, translate_now=translate_now
        )
        with quiet_wagtail_logging(verbosity), commits_without_waiting_for_disk():
            report = importer.run(rows, dry_run=dry_run)
    except ImportFileError as error:
        raise CommandError(error.message) from None
    print_report(command, report, verbosity)
    if report.failed:
        raise CommandError(
            ngettext("%(count)s row failed.", "%(count)s rows failed.", report.failed)
            % {"count": report.failed}
        )
    return report


def print_report(command, report, verbosity):
    for result in report.results:
        for error in result.errors:
            if error.column:
                line = _("Row %(row)s, column %(column)s: %(message)s")
            else:
                line = _("Row %(row)s: %(message)s")
            command.stderr.write(
                line % {"row": result.number, "column": error.column, "message": error.message}
            )
        if result.action == RowResult.SKIP and verbosity >= 1:
            command.stdout.write(
                _(
                    "Row %(row)s: “%(title)s” is already in the directory; skipped "
                    "(use --update to update it)."
                )
                % {"row": result.number, "title": result.matched_title}
            )
    counts = {
        "created": report.created,
        "updated": report.updated,
        "skipped": report.skipped,
        "failed": report.failed,
    }
    if report.dry_run:
        summary = _(
            "Dry run, nothing was written: %(created)s new, %(updated)s to update, %(skipped)s to skip, "
            "%(failed)s with errors."
        )
    elif not report.written:
        summary = _(
            "Nothing was written because some rows have errors (--atomic): %(failed)s with errors, "
            "%(created)s new, %(updated)s to update, %(skipped)s to skip."
        )
    else:
        summary = _(
            "Imported: %(created)s new, %(updated)s updated, %(skipped)s skipped, %(failed)s with errors."
        )
    if verbosity >= 1 or report.failed:
        style = command.style.SUCCESS if not report.failed else command.style.WARNING
        command.stdout.write(style(summary % counts))
    if report.translations_queued and verbosity >= 1:
        command.stdout.write(
            ngettext(
                "The Swedish translation of %(count)s association was queued for the background worker.",
                "The Swedish translations of %(count)s associations were queued for the background worker.",
                report.translations_queued,
            )
            % {"count": report.translations_queued}
        )


class Command(BaseCommand):
    help = (
        "Import associations from a UTF-8 CSV or JSON file. Each row creates and publishes the Finnish "
        "page; with a Swedish name, its Swedish translation is queued for the background worker. Bad rows "
        "are reported with row, column and reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="CSV or JSON file with the import columns.")
        parser.add_argument(
            "--format", choices=FORMATS, help="File format; by default from the file extension."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report without writing anything."
        )
        parser.add_argument(
            "--update", action="store_true", help="Update associations that already exist (a new revision)."
        )
        parser.add_argument("--atomic", action="store_true", help="Write nothing if any row has an error.")
        parser.add_argument(
            "--translate-now",
            action="store_true",
            help="Make the Swedish translations during the import instead of queueing them for the worker.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            file_format = detect_format(path.name, options["format"])
            with path.open("rb") as stream:
                data = read_limited(stream, path.stat().st_size)
            rows = read_rows(data, file_format)
        except ImportFileError as error:
            raise CommandError(error.message) from None
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
            ) from None
        run_import(
            self,
            rows,
            dry_run=options["dry_run"],
            update=options["update"],
            atomic=options["atomic"],
            translate_now=options["translate_now"],
            verbosity=options["verbosity"],
        )

"""Running an import: validate every row, then write the rows that can be written, one row per transaction
so that an interrupted import never leaves half-made pages.

The Finnish pages are live as soon as their row commits. Their Swedish translations are queued for the
background worker (associations.importer.tasks) once the rows commit, or, with `translate_now`, made in
each row's own transaction as before.
"""

from contextlib import nullcontext

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Locale

from associations.importer.index import BatchIndex
from associations.importer.read import ImportFileError, RowError
from associations.importer.tasks import TranslationQueue
from associations.importer.translate import SwedishTranslator
from associations.importer.validate import FIELD_COLUMNS, RowResult, RowValidator
from associations.importer.write import PageWriter
from associations.models import AssociationIndexPage, AssociationPage


class RolledBack(Exception):
    """Raised inside an --atomic import to undo the rows already written when a later row fails."""


def _messages(error):
    if hasattr(error, "error_dict"):
        return [str(message) for messages in error.message_dict.values() for message in messages]
    return [str(message) for message in error.messages]


class AssociationImporter:
    """Validates and writes rows of associations under the Finnish association directory.

    `update`: rows that match an existing association update it instead of being skipped.
    `atomic`: nothing is written if any row fails.
    `user`: recorded as the author of the revisions (None for the command line).
    `progress`: called as progress(done, total) while writing.
    `defer_indexing`: update the search and reference indexes in batches after the rows are written,
    instead of on every save (associations.importer.index). Only for single-purpose processes like
    management commands, because it disconnects a global signal handler.
    `translate_now`: make the Swedish translations in each row's transaction instead of queueing them.
    """

    def __init__(
        self,
        *,
        update=False,
        atomic=False,
        user=None,
        progress=None,
        defer_indexing=False,
        translate_now=False,
    ):
        self.atomic = atomic
        self.user = user
        self.progress = progress
        self.defer_indexing = defer_indexing
        self.finnish = Locale.objects.get(language_code="fi")
        self.swedish = Locale.objects.filter(language_code="sv").first()
        self.validator = RowValidator(self.finnish, update=update)
        self.writer = PageWriter(user=user)
        self.translator = None
        self.queue = None
        if self.swedish is not None and translate_now:
            self.translator = SwedishTranslator(self.finnish, self.swedish, self.writer, user=user)
        elif self.swedish is not None:
            self.queue = TranslationQueue(user=user)
        self.index = BatchIndex(hold=atomic)

    def validate(self, rows):
        """A report saying what each row would do; nothing is written."""
        return self.validator.validate(rows)

    def run(self, rows, dry_run=False):
        """Validate, then (unless dry_run, or atomic with a failed row) write the rows that can be written."""
        parent = self.index_page()
        report = self.validate(rows)
        if dry_run:
            return report
        if self.atomic and report.failed:
            report.dry_run = False  # a real import that wrote nothing
            return report
        return self.write(report, parent)

    def index_page(self):
        """The Finnish association directory the rows go under: the first live one, else the first one."""
        index = AssociationIndexPage.objects.filter(locale=self.finnish).order_by("-live", "path").first()
        if index is None:
            raise ImportFileError(
                _(
                    "There is no Finnish association directory to import into. "
                    "Create the directory page in the admin first."
                )
            )
        return index

    def write(self, report, parent=None):
        """Create or update the pages of the rows the report marks as new or updates."""
        parent = parent or self.index_page()
        pending = [
            result for result in report.results if result.action in (RowResult.CREATE, RowResult.UPDATE)
        ]
        report.dry_run = False
        with self.index.deferred() if self.defer_indexing else nullcontext():
            if self.atomic:
                report.written = self._write_all_or_nothing(parent, pending)
            else:
                for done, result in enumerate(pending, start=1):
                    self._write_row(parent, result)
                    self._progress(done, len(pending))
                report.written = True
            if self.queue is not None:
                self.queue.flush()
                report.translations_queued = self.queue.queued
        return report

    def _write_all_or_nothing(self, parent, pending):
        """Each row is a savepoint inside one transaction; the first failed row undoes them all."""
        try:
            with transaction.atomic():
                for done, result in enumerate(pending, start=1):
                    self._write_row(parent, result)
                    if result.action == RowResult.ERROR:
                        raise RolledBack
                    self._progress(done, len(pending))
                if self.queue is not None:
                    self.queue.flush()  # queued when everything commits
        except RolledBack:
            self.index.discard()
            if self.queue is not None:
                self.queue.discard()
            return False
        return True

    def _progress(self, done, total):
        if self.progress is not None:
            self.progress(done, total)

    def _write_row(self, parent, result):
        """One row in its own transaction (page, and with translate_now its translation). Errors go on the
        row."""
        created = result.action == RowResult.CREATE
        try:
            with transaction.atomic():
                page = (
                    self._create(parent, result.clean)
                    if created
                    else self._update(result.page_id, result.clean)
                )
                swedish = self.translator.sync(page, result.clean, created) if self.translator else None
        except ValidationError as error:
            self._failed(result, self._write_errors(error))
        except (DatabaseError, PermissionDenied) as error:
            message = _("Could not save the association: %(error)s") % {"error": error}
            self._failed(result, [RowError("", message)])
        else:
            result.page_id = page.pk
            if self.defer_indexing:
                self.index.add([page] if swedish is None else [page, swedish])
            if self.queue is not None:
                self.queue.add(page, result.clean, created)

    def _failed(self, result, errors):
        """The row's transaction was rolled back: drop what the writers kept from it."""
        self.writer.forget()
        if self.translator is not None:
            self.translator.forget()
        result.action = RowResult.ERROR
        result.errors.extend(errors)

    def _write_errors(self, error):
        if not hasattr(error, "error_dict"):
            return [RowError("", message) for message in _messages(error)]
        return [
            RowError(FIELD_COLUMNS.get(name, name), str(message))
            for name, messages in error.message_dict.items()
            for message in messages
        ]

    def _apply(self, page, clean):
        for name, value in clean.fields.items():
            setattr(page, name, value)
        if clean.municipality is not None:
            page.home_municipality = clean.municipality
        if clean.categories is not None:
            page.categories = clean.categories
        if clean.target_groups is not None:
            page.target_groups = clean.target_groups

    def _create(self, parent, clean):
        # validate() has run full_clean on exactly this content; the writer only adds the tree fields.
        page = AssociationPage(locale=self.finnish)
        self._apply(page, clean)
        page.slug = slugify(page.title) or "yhdistys"
        self.writer.publish_new(parent, page)
        return page

    def _update(self, page_id, clean):
        # Columns left empty keep their current values; the change is a new revision in the page history.
        page = AssociationPage.objects.get(pk=page_id)
        self._apply(page, clean)
        page.save_revision(user=self.user).publish(user=self.user)
        return page

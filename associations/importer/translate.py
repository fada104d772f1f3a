"""The Swedish translations of imported associations, made the way wagtail-localize makes them.

A new association's translation is written by associations.importer.localize, a batch at a time; an
association that already has a translation is re-translated through wagtail-localize itself. The
background worker runs `translate_pages` for the pages an import queued (associations.importer.tasks).
"""

import logging
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import COMMENTS_RELATION_NAME, Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from associations.importer.index import BatchIndex
from associations.importer.localize import TranslationWriter
from associations.importer.text import paragraph_html
from associations.importer.write import MANY_TO_MANY, PageWriter
from associations.models import AssociationPage

# The Swedish directory page made when the first Swedish association is imported; editors can rename it.
SWEDISH_DIRECTORY_TITLE = "Föreningar"
SWEDISH_DIRECTORY_SLUG = "foreningar"

logger = logging.getLogger(__name__)


# What makes one page's translation fail (and not the worker): bad data, a database refusal, a permission.
TRANSLATION_ERRORS = (ValidationError, DatabaseError, PermissionDenied)


def _lookup(strings, context):
    """The Swedish text of a segment path, "" for none (the Finnish text stays)."""
    return strings.get(context, "")


def _lookup_keeping_slug(strings, context):
    # An existing translation keeps its address, whatever the row's Swedish name.
    return "" if context == "slug" else strings.get(context, "")


class TranslationFailed(Exception):
    """Some pages of a batch could not be translated (the log has each one's reason)."""

    def __init__(self, page_ids):
        super().__init__(f"Could not translate association pages {page_ids} into Swedish; see the log.")
        self.page_ids = page_ids


def swedish_strings(page, clean):
    """The Swedish texts of a written row by wagtail-localize segment path (HTML, as stored in a PO file),
    and the slug a new translation gets. Empty when the row has no Swedish texts.

    More Swedish than Finnish description paragraphs go into the last one, so no text is lost.
    """
    paragraph_ids = [block.id for block in page.description if block.block_type == "paragraph"]
    activity_ids = [block.id for block in page.activities]
    strings = {}
    if clean.name_sv:
        strings["title"] = escape(clean.name_sv)
        strings["slug"] = slugify(clean.name_sv)
    if clean.summary_sv:
        strings["summary"] = escape(clean.summary_sv)
    if clean.description_sv and "description" in clean.fields:
        paragraphs = list(clean.description_sv)
        if len(paragraphs) > len(paragraph_ids):
            paragraphs[len(paragraph_ids) - 1 :] = ["\n\n".join(paragraphs[len(paragraph_ids) - 1 :])]
        for block_id, paragraph in zip(paragraph_ids, paragraphs, strict=False):
            strings[f"description.{block_id}"] = paragraph_html(paragraph)
    if clean.activities_sv and "activities" in clean.fields:
        for block_id, activity in zip(activity_ids, clean.activities_sv, strict=False):
            for name, value in activity.items():
                if value:
                    strings[f"activities.{block_id}.{name}"] = escape(value)
    return strings


class SwedishTranslator:
    """Creates or refreshes the Swedish translations of imported association pages.

    Swedish texts a row leaves out fall back to the Finnish ones (or keep an earlier translation).
    """

    def __init__(self, finnish, swedish, pages, user=None):
        self.swedish = swedish
        self.user = user
        self.writer = TranslationWriter(finnish, swedish, pages, user)
        self._swedish_parents = {}

    def forget(self):
        self.writer.forget()
        self._swedish_parents.clear()

    def sync(self, page, clean, created):
        """Translate a page just written from a row, in the row's transaction."""
        translated = not created and page.get_translation_or_none(self.swedish) is not None
        return self.translate(page, swedish_strings(page, clean), translated)

    def translate(self, page, strings, translated):
        """Create the Swedish translation of `page` (`translated`: it has one) from `strings`, or refresh
        the one it has. A page without a Swedish name and without a translation gets none."""
        if not translated:
            if "title" not in strings:
                return None
            return self.writer.translate_new(page, self.swedish_parent(page), partial(_lookup, strings))
        return self._translate(page, partial(_lookup_keeping_slug, strings))

    def translate_all(self, work, index):
        """Translate (page, strings) pairs and add the Swedish pages to `index`; returns the ids that failed.

        The new translations are made together in one transaction; should that fail, every page is tried
        in its own, so that one bad page does not hold back the others.
        """
        keys = [page.translation_key for page, _strings in work]
        translated = set(
            AssociationPage.objects.filter(locale=self.swedish, translation_key__in=keys).values_list(
                "translation_key", flat=True
            )
        )
        new = [(page, strings) for page, strings in work if page.translation_key not in translated]
        one_by_one = [(page, strings) for page, strings in work if page.translation_key in translated]
        try:
            with transaction.atomic():
                made = self.translate_new_pages(new)
        except TRANSLATION_ERRORS:
            logger.warning("Translating a batch failed; translating its pages one by one", exc_info=True)
            self.forget()
            one_by_one = work
        else:
            index.add(made)  # after the commit, which frees the directory for other workers
        return [
            page.pk
            for page, strings in one_by_one
            if not self._translate_alone(page, strings, translated, index)
        ]

    def _translate_alone(self, page, strings, translated, index):
        """Translate one page in its own transaction; whether it worked (a failure is logged)."""
        try:
            with transaction.atomic():
                made = self.translate(page, strings, page.translation_key in translated)
        except TRANSLATION_ERRORS:
            logger.exception("Could not translate association page %s into Swedish", page.pk)
            self.forget()
            return False
        index.add([made] if made is not None else [])
        return True

    def translate_new_pages(self, work):
        """Create the Swedish translations of pages that have none, from (page, strings) pairs; pages without
        a Swedish name get none. Returns the Swedish pages."""
        by_parent = {}
        for page, strings in work:
            if "title" in strings:
                by_parent.setdefault(page.path[: -Page.steplen], []).append((page, strings))
        made = []
        for group in by_parent.values():
            parent = self.swedish_parent(group[0][0])
            # Another worker may be adding pages under the same directory: wait until it has committed,
            # then read the directory's children afresh, so that no two pages get the same tree position.
            Page.objects.select_for_update().filter(pk=parent.pk).exists()
            self.writer.pages.forget()
            items = [(page, partial(_lookup, strings)) for page, strings in group]
            made += self.writer.translate_many(parent, items)
        return made

    def swedish_parent(self, page):
        """The Swedish translation of the page's directory, made if it is missing."""
        parent_path = page.path[: -Page.steplen]
        if parent_path not in self._swedish_parents:
            parent = Page.objects.get(path=parent_path)
            if parent.get_translation_or_none(self.swedish) is None:
                strings = {"title": escape(SWEDISH_DIRECTORY_TITLE), "slug": SWEDISH_DIRECTORY_SLUG}
                with transaction.atomic():
                    self._translate(parent, partial(_lookup, strings))
            self._swedish_parents[parent_path] = parent.get_translation(self.swedish)
        return self._swedish_parents[parent_path]

    def _translate(self, page, translated_string):
        """Translate `page` into Swedish through wagtail-localize and publish the translation now.

        Like TranslationCreator, but without its two side effects that are wrong here: it would first save
        an untranslated draft (which we would overwrite at once), and it re-saves the Swedish versions of
        the taxonomy terms the page refers to (needless writes on every row).
        The translation is published here rather than on commit (what save_target(publish=True) does), so
        the next row always sees a consistent page tree, also inside an outer transaction.
        """
        new = page.get_translation_or_none(self.swedish) is None
        source, created = TranslationSource.get_or_create_from_instance(page)
        if not created:
            source.update_from_db()
        translation, _created = Translation.objects.update_or_create(
            source=source, target_locale=self.swedish, defaults={"enabled": True}
        )
        po = translation.export_po()
        for entry in po:
            entry.msgstr = translated_string(entry.msgctxt)
        translation.import_po(po, user=self.user)
        translation.save_target(user=self.user, publish=False)
        swedish = page.get_translation(self.swedish)
        swedish.latest_revision.publish(user=self.user)
        if new:
            # The copy is made with the Finnish slug and then renamed, which the redirects app takes for a
            # move of a published page. Nobody ever saw the old address, so its redirect goes. Registered
            # after the rename's own on-commit work, so it runs after it.
            transaction.on_commit(partial(forget_redirects_to, swedish.pk))
        return swedish


def translate_pages(items, user=None):
    """Create or refresh the Swedish translations of Finnish association pages after an import.

    `items` are {"page": id, "strings": swedish_strings(...)} of written rows (see SwedishTranslator
    .translate_all); the search and reference indexes follow in batches. A page deleted since is skipped,
    one translated meanwhile has its translation refreshed. Pages that fail are logged and skipped, and then
    TranslationFailed names them (the others stay translated).
    """
    finnish = Locale.objects.get(language_code="fi")
    swedish = Locale.objects.filter(language_code="sv").first()
    if swedish is None:
        return
    # Serialising and translating read the terms and comments of every page: load them with the pages.
    pages = (
        AssociationPage.objects.filter(locale=finnish)
        .select_related("home_municipality")
        .prefetch_related(*(field.name for field in MANY_TO_MANY), COMMENTS_RELATION_NAME)
        .in_bulk([item["page"] for item in items])
    )
    work = [(pages[item["page"]], item["strings"]) for item in items if item["page"] in pages]
    translator = SwedishTranslator(finnish, swedish, PageWriter(user=user), user=user)
    with BatchIndex().deferred() as index:
        failed = translator.translate_all(work, index)
    if failed:
        raise TranslationFailed(failed)


def forget_redirects_to(page_id):
    """Delete the automatic redirects to a page and to the pages under it."""
    path = Page.objects.filter(pk=page_id).values_list("path", flat=True).first()
    if path is not None:
        Redirect.objects.filter(redirect_page__path__startswith=path, automatically_created=True).delete()

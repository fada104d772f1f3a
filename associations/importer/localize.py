"""Writing wagtail-localize's records of new translations directly, a batch of pages at a time.

For a new association `TranslationWriter` writes the records an editor's "Translate" would make, without
the queries wagtail-localize spends looking up rows that cannot exist yet for a page made a moment ago:
the translatable object, the source and its segments, the translation into Swedish and the Swedish
strings as manual translations (so the Swedish page stays synchronised with the Finnish one when editors
later change either), and the Swedish page, built from the Finnish one by wagtail-localize's own
`ingest_segments` (missing strings fall back to the Finnish text, taxonomy terms to their Swedish
translations) and written and published like the Finnish one (associations.importer.write), with its
translation log entry. The records of a whole batch go in a few inserts.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationLog,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.ingest import ingest_segments
from wagtail_localize.strings import StringValue, validate_translation_links

from associations.importer.write import MANY_TO_MANY
from associations.models import AssociationPage


def _field_path(context, instance):
    """The field path wagtail-localize stores on a translation context, worked out without saving it.

    TranslationContext.get_field_path computes it and then saves the context; here the context is not
    in the database yet, so the save is skipped for this one call and the contexts are inserted together.
    """
    context.save = lambda **kwargs: None
    try:
        return context.get_field_path(instance)
    finally:
        del context.save


class TranslationWriter:
    """Creates the Swedish translations of new association pages, with their wagtail-localize records."""

    def __init__(self, finnish, swedish, pages, user=None):
        self.finnish = finnish
        self.swedish = swedish
        self.pages = pages
        self.user = user
        self._content_type = ContentType.objects.get_for_model(AssociationPage)
        self._page_content_type = ContentType.objects.get_for_model(Page)
        self._translated_keys = {}
        # The newest migration of the app: the same for every page, and a query each time it is asked.
        self._schema_version = get_schema_version(AssociationPage._meta.app_label)
        # Rich text templates and the translatable objects of taxonomy terms repeat from row to row.
        self._templates = {}
        self._related = {}

    def forget(self):
        """Drop what was made in a row whose transaction failed: it may have been rolled back."""
        self._templates.clear()
        self._related.clear()

    def translate_new(self, page, swedish_parent, translated_string):
        """Create the Swedish translation of the new Finnish `page` as wagtail-localize would.

        `translated_string(context_path)` gives the Swedish text of a segment or "" when there is none.
        """
        return self.translate_many(swedish_parent, [(page, translated_string)])[0]

    def translate_many(self, swedish_parent, items):
        """translate_new for many (page, translated_string) at once: the records of all pages are written
        together, a few inserts for the whole batch. Returns the Swedish pages."""
        now = timezone.now()
        pages = [page for page, _translated_string in items]
        serialized = [self._serialized(page) for page in pages]
        values = [extract_segments(page) for page in pages]
        sources, contexts, strings = self._source_records(pages, serialized, values, now)
        translations = []
        swedish_pages = [
            self._swedish_copy(
                page,
                data,
                self._translated_values(page_values, page_contexts, strings, translated, now, translations),
            )
            for (page, translated), data, page_values, page_contexts in zip(
                items, serialized, values, contexts, strict=True
            )
        ]
        StringTranslation.objects.bulk_create(translations)
        copied = [[("wagtail.copy_for_translation", self._copied(page))] for page in pages]
        revisions = self.pages.publish_many(swedish_parent, list(zip(swedish_pages, copied, strict=True)))
        TranslationLog.objects.bulk_create(
            TranslationLog(source=source, locale=self.swedish, revision=revision)
            for source, revision in zip(sources, revisions, strict=True)
        )
        return swedish_pages

    def _source_records(self, pages, serialized, values, now):
        """The source side of each page's translation: its translatable object, source, contexts, strings
        and segments, and the translation into Swedish. Returns the sources, contexts and strings."""
        translatables = TranslatableObject.objects.bulk_create(
            TranslatableObject(translation_key=page.translation_key, content_type=self._page_content_type)
            for page in pages
        )
        sources = TranslationSource.objects.bulk_create(
            self._source(translatable, page, data, now)
            for translatable, page, data in zip(translatables, pages, serialized, strict=True)
        )
        contexts = self._contexts(translatables, pages, values)
        texts = (
            value.string.data
            for page_values in values
            for value in page_values
            if isinstance(value, StringSegmentValue)
        )
        strings = self._strings(texts)
        self._segments(sources, values, contexts, strings)
        Translation.objects.bulk_create(
            Translation(
                source=source, target_locale=self.swedish, enabled=True, destination_last_updated_at=now
            )
            for source in sources
        )
        return sources, contexts, strings

    @staticmethod
    def _serialized(page):
        # A page the importer has just written keeps its serialised form (see PageWriter.publish_many).
        return getattr(page, "_serialized", None) or page.serializable_data()

    def _source(self, translatable, page, data, now):
        return TranslationSource(
            object=translatable,
            specific_content_type=self._content_type,
            locale=self.finnish,
            object_repr=str(page)[:200],
            content_json=json.dumps(data, cls=DjangoJSONEncoder),
            schema_version=self._schema_version,
            last_updated_at=now,
        )

    def _copied(self, page):
        """The data of the "copied for translation" history entry wagtail-localize writes."""
        return {
            "page": {"id": page.pk, "title": page.get_admin_display_title()},
            "source_locale": {"id": self.finnish.pk, "language_code": self.finnish.language_code},
            "target_locale": {"id": self.swedish.pk, "language_code": self.swedish.language_code},
        }

    def _swedish_copy(self, page, data, swedish_values):
        """The Swedish page: a copy of the Finnish one with the Swedish segments ingested."""
        # The taxonomy terms come from the Finnish page rather than a query per relation (the same terms).
        terms = {field.name: list(getattr(page, field.name).all()) for field in MANY_TO_MANY}
        swedish = AssociationPage.from_serializable_data(
            {name: value for name, value in data.items() if name not in terms}, check_fks=False
        )
        for name, related in terms.items():
            setattr(swedish, name, related)
        swedish.pk = swedish.id = None
        swedish.locale = self.swedish
        swedish.translation_key = page.translation_key
        swedish.latest_revision = swedish.live_revision = None
        # Saves associations.invitations.finnish_original a query when page_published is sent.
        swedish.finnish_original = page
        # The copy is its own original: ingest_segments edits the StreamField values it reads in place,
        # and they must not be the Finnish page's.
        ingest_segments(swedish, swedish, self.finnish, self.swedish, swedish_values)
        swedish.slug = slugify(swedish.slug)
        return swedish

    def _contexts(self, translatables, pages, values):
        """The translation contexts of each page's segments, by segment path; one insert for all pages."""
        contexts = []
        for translatable, page, page_values in zip(translatables, pages, values, strict=True):
            page_contexts = {}
            for value in page_values:
                context = TranslationContext(
                    object=translatable,
                    path=value.path,
                    path_id=TranslationContext._get_path_id(value.path),
                    field_path="",
                )
                context.field_path = _field_path(context, page)
                page_contexts[value.path] = context
            contexts.append(page_contexts)
        TranslationContext.objects.bulk_create(
            context for page_contexts in contexts for context in page_contexts.values()
        )
        return contexts

    def _strings(self, texts):
        """The Finnish String rows for `texts`, made where missing, by their text."""
        wanted = {String._get_data_hash(text): text for text in texts}
        found = {
            string.data_hash: string
            for string in String.objects.filter(locale=self.finnish, data_hash__in=wanted)
        }
        missing = [
            String(locale=self.finnish, data_hash=key, data=text)
            for key, text in wanted.items()
            if key not in found
        ]
        # The rows come back with their ids (a string added meanwhile by someone else fails the batch).
        for string in String.objects.bulk_create(missing):
            found[string.data_hash] = string
        return {string.data: string for string in found.values()}

    def _segments(self, sources, values, contexts, strings):
        """The source segments of every page, one insert per kind of segment."""
        segments = {StringSegment: [], TemplateSegment: [], RelatedObjectSegment: [], OverridableSegment: []}
        for source, page_values, page_contexts in zip(sources, values, contexts, strict=True):
            for value in page_values:
                segment = self._segment(source, value, page_contexts[value.path], strings)
                if segment is not None:
                    segments[type(segment)].append(segment)
        for model, made in segments.items():
            if made:
                model.objects.bulk_create(made)

    def _segment(self, source, value, context, strings):
        if isinstance(value, StringSegmentValue):
            return StringSegment(
                source=source,
                context=context,
                order=value.order,
                string=strings[value.string.data],
                attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
            )
        if isinstance(value, TemplateSegmentValue):
            key = (value.format, value.template)
            if key not in self._templates:
                self._templates[key] = Template.from_value(value)
            return TemplateSegment(
                source=source, context=context, order=value.order, template=self._templates[key]
            )
        if isinstance(value, RelatedObjectSegmentValue):
            key = (value.content_type.pk, value.translation_key)
            if key not in self._related:
                self._related[key] = TranslatableObject.objects.get_or_create(
                    content_type=value.content_type, translation_key=value.translation_key
                )[0]
            return RelatedObjectSegment(
                source=source, context=context, order=value.order, object=self._related[key]
            )
        if isinstance(value, OverridableSegmentValue):
            return OverridableSegment(
                source=source,
                context=context,
                order=value.order,
                data_json=json.dumps(value.data, cls=DjangoJSONEncoder),
            )
        return None

    def _translated_values(self, values, contexts, strings, translated_string, now, translations):
        """The segment values that make the Swedish page; the Swedish strings to store go on `translations`.

        Like Translation.save_target with fallback: strings without a Swedish text keep the Finnish one,
        related objects without a Swedish translation keep the Finnish object, and overridable segments
        (which nobody has overridden yet) keep the Finnish value.
        """
        result = []
        for value in values:
            if isinstance(value, StringSegmentValue):
                text = translated_string(value.path)
                if text:
                    translations.append(
                        StringTranslation(
                            translation_of=strings[value.string.data],
                            locale=self.swedish,
                            context=contexts[value.path],
                            data=text,
                            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                            last_translated_by=self.user,
                            has_error=not _valid_translation(value.string.data, text),
                            created_at=now,
                            updated_at=now,
                        )
                    )
                result.append(
                    StringSegmentValue(
                        value.path, StringValue(text or value.string.data), attrs=value.attrs
                    ).with_order(value.order)
                )
            elif isinstance(value, TemplateSegmentValue) or (
                isinstance(value, RelatedObjectSegmentValue)
                and self._has_swedish(value.content_type, value.translation_key)
            ):
                result.append(value)
        return result

    def _has_swedish(self, content_type, translation_key):
        """Whether the related object (a taxonomy term) has a Swedish translation; read once per model."""
        if content_type.pk not in self._translated_keys:
            model = content_type.model_class()
            self._translated_keys[content_type.pk] = set(
                model.objects.filter(locale=self.swedish).values_list("translation_key", flat=True)
            )
        return translation_key in self._translated_keys[content_type.pk]


def _valid_translation(source_text, text):
    """What StringTranslation.save checks before it flags a translation as erroneous.

    Text without markup cannot break either check (no tags to parse, no link ids to compare), and most
    imported strings are plain names and summaries, so they skip the HTML parser.
    """
    if "<" not in text:
        return True
    try:
        StringValue.from_translated_html(text)
        validate_translation_links(source_text, text)
    except ValueError:
        return False
    return True

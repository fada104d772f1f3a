"""Writing new imported association pages, and their Swedish translations, with few queries.

Creating a page through Wagtail (`add_child`, `save_revision`, `publish`) and translating it through
wagtail-localize (`TranslationSource`, PO import, `save_target`) costs about 450 queries per association,
most of them looking up rows that cannot exist yet for a page made a moment ago. That makes a 10,000-row
import take over 20 minutes. The importer validates every row before writing it, so for a new
association this module writes the same rows directly:

- the Finnish page at the next free tree position under the directory, live, with one revision that is
  its live revision, a "wagtail.publish" history entry and the `page_published` signal;
- the wagtail-localize records an editor's "Translate" would make: the translatable object, the source
  and its segments, the translation into Swedish and the Swedish strings as manual translations, so
  the Swedish page stays synchronised with the Finnish one when editors later change either;
- the Swedish page, built from the Finnish one by wagtail-localize's own `ingest_segments` (missing
  strings fall back to the Finnish text, taxonomy terms to their Swedish translations), and written and
  published like the Finnish one, with its translation log entry.

Tree positions and slugs of each directory are read once and then kept in memory. Whenever a row's
transaction fails, the importer calls `forget()` so the next row reads them again.
Rows that update an existing association go through Wagtail's ordinary revision and publish path.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalManyToManyField
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published
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

from associations.models import AssociationPage

MANY_TO_MANY = [
    field for field in AssociationPage._meta.get_fields() if isinstance(field, ParentalManyToManyField)
]


class Children:
    """The next free tree path and the taken slugs under one parent page, read once and then kept."""

    def __init__(self, parent):
        self.parent = parent
        self._slugs = None
        self._last_path = None

    def forget(self):
        self._slugs = None

    def _load(self):
        children = Page.objects.filter(path__startswith=self.parent.path, depth=self.parent.depth + 1)
        self._slugs = set(children.values_list("slug", flat=True))
        self._last_path = children.order_by("-path").values_list("path", flat=True).first()

    def claim(self, requested_slug):
        """A free slug (numbered like Wagtail's find_available_slug) and the next path for a new child."""
        if self._slugs is None:
            self._load()
        slug, number = requested_slug, 1
        while slug in self._slugs:
            slug = f"{requested_slug}-{number}"
            number += 1
        self._slugs.add(slug)
        step = 1 if self._last_path is None else Page._str2int(self._last_path[-Page.steplen :]) + 1
        self._last_path = Page._get_path(self.parent.path, self.parent.depth + 1, step)
        return slug, self._last_path


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


class PageWriter:
    """Creates published association pages and their Swedish translations for the importer."""

    def __init__(self, finnish, swedish, user=None):
        self.finnish = finnish
        self.swedish = swedish
        self.user = user
        self._children = {}
        self._content_type = ContentType.objects.get_for_model(AssociationPage)
        self._page_content_type = ContentType.objects.get_for_model(Page)
        self._translated_keys = {}
        # Rich text templates and the translatable objects of taxonomy terms repeat from row to row.
        self._templates = {}
        self._related = {}

    def forget(self):
        """Drop what was read or made in a row whose transaction failed: it may have been rolled back."""
        for children in self._children.values():
            children.forget()
        self._templates.clear()
        self._related.clear()

    def _children_of(self, parent):
        if parent.pk not in self._children:
            self._children[parent.pk] = Children(parent)
        return self._children[parent.pk]

    # Pages ------------------------------------------------------------------------------------------------

    def publish_new(self, parent, page, log_entries=()):
        """Insert `page` as the last child of `parent`, published, with its first revision."""
        now = timezone.now()
        page.slug, page.path = self._children_of(parent).claim(page.slug)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.owner = self.user
        # The row was validated with full_clean before writing, and the tree fields are set above, so
        # Page.save's validation and parent look-up are skipped.
        self._insert(page)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + 1)
        # Serialising reads the page's relations back from the database: do it once, keep it for the
        # translation source (see translate_new).
        page._serialized = page.serializable_data()
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=self._page_content_type,
            user=self.user,
            content=page._serialized,
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision, latest_revision_created_at=revision.created_at
        )
        self._log(page, revision, log_entries)
        page_published.send(sender=AssociationPage, instance=page, revision=revision)
        return revision

    def _log(self, page, revision, log_entries):
        """The history entries `log()` would write, in one insert and without its per-entry validation."""
        context = get_active_log_context()
        user = self.user or context.user
        entries = [
            PageLogEntry(
                content_type=self._content_type,
                label=page.get_admin_display_title(),
                action=action,
                timestamp=revision.created_at,
                data=data,
                page=page,
                user=user,
                uuid=context.uuid,
                revision=revision if action == "wagtail.publish" else None,
                content_changed=action == "wagtail.publish",
            )
            for action, data in [*log_entries, ("wagtail.publish", {})]
        ]
        PageLogEntry.objects.bulk_create(entries)

    @staticmethod
    def _insert(page):
        """Save a new page and its many-to-many terms, without modelcluster's diff against the database.

        modelcluster would first read the (empty) relations of the new page back to compare them. The
        page keeps its terms in memory, so serialising it afterwards needs no queries either.
        """
        terms = {field: list(getattr(page, field.name).all()) for field in MANY_TO_MANY}
        models.Model.save(page)
        for field, related in terms.items():
            through = field.remote_field.through
            source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
            through.objects.bulk_create([through(**{source: page.pk, target: term.pk}) for term in related])

    # Translation ------------------------------------------------------------------------------------------

    def translate_new(self, page, swedish_parent, translated_string):
        """Create the Swedish translation of the new Finnish `page` as wagtail-localize would.

        `translated_string(context_path)` gives the Swedish text of a segment or "" when there is none.
        """
        now = timezone.now()
        translatable = TranslatableObject.objects.create(
            translation_key=page.translation_key, content_type=self._page_content_type
        )
        source = TranslationSource.objects.create(
            object=translatable,
            specific_content_type=self._content_type,
            locale=self.finnish,
            object_repr=str(page)[:200],
            content_json=json.dumps(page._serialized, cls=DjangoJSONEncoder),
            schema_version=get_schema_version(AssociationPage._meta.app_label),
            last_updated_at=now,
        )
        values = extract_segments(page)
        contexts = self._contexts(translatable, page, values)
        strings = self._strings(
            value.string.data for value in values if isinstance(value, StringSegmentValue)
        )
        self._segments(source, values, contexts, strings)

        Translation.objects.create(
            source=source, target_locale=self.swedish, enabled=True, destination_last_updated_at=now
        )
        swedish_values = self._translated_values(values, contexts, strings, translated_string, now)

        swedish = AssociationPage.from_serializable_data(page._serialized, check_fks=False)
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
        copied = {
            "page": {"id": page.pk, "title": page.get_admin_display_title()},
            "source_locale": {"id": self.finnish.pk, "language_code": self.finnish.language_code},
            "target_locale": {"id": self.swedish.pk, "language_code": self.swedish.language_code},
        }
        revision = self.publish_new(
            swedish_parent, swedish, log_entries=[("wagtail.copy_for_translation", copied)]
        )
        TranslationLog.objects.create(source=source, locale=self.swedish, revision=revision)
        return swedish

    def _contexts(self, translatable, page, values):
        contexts = {}
        for value in values:
            context = TranslationContext(
                object=translatable,
                path=value.path,
                path_id=TranslationContext._get_path_id(value.path),
                field_path="",
            )
            context.field_path = _field_path(context, page)
            contexts[value.path] = context
        TranslationContext.objects.bulk_create(contexts.values())
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
        # The rows come back with their ids (a string added meanwhile by someone else fails the row).
        for string in String.objects.bulk_create(missing):
            found[string.data_hash] = string
        return {string.data: string for string in found.values()}

    def _segments(self, source, values, contexts, strings):
        string_segments, template_segments, related_segments, overridable_segments = [], [], [], []
        for value in values:
            context = contexts[value.path]
            if isinstance(value, StringSegmentValue):
                string_segments.append(
                    StringSegment(
                        source=source,
                        context=context,
                        order=value.order,
                        string=strings[value.string.data],
                        attrs=json.dumps(value.attrs, cls=DjangoJSONEncoder),
                    )
                )
            elif isinstance(value, TemplateSegmentValue):
                key = (value.format, value.template)
                if key not in self._templates:
                    self._templates[key] = Template.from_value(value)
                template_segments.append(
                    TemplateSegment(
                        source=source, context=context, order=value.order, template=self._templates[key]
                    )
                )
            elif isinstance(value, RelatedObjectSegmentValue):
                key = (value.content_type.pk, value.translation_key)
                if key not in self._related:
                    self._related[key] = TranslatableObject.objects.get_or_create(
                        content_type=value.content_type, translation_key=value.translation_key
                    )[0]
                related = self._related[key]
                related_segments.append(
                    RelatedObjectSegment(source=source, context=context, order=value.order, object=related)
                )
            elif isinstance(value, OverridableSegmentValue):
                overridable_segments.append(
                    OverridableSegment(
                        source=source,
                        context=context,
                        order=value.order,
                        data_json=json.dumps(value.data, cls=DjangoJSONEncoder),
                    )
                )
        for model, segments in (
            (StringSegment, string_segments),
            (TemplateSegment, template_segments),
            (RelatedObjectSegment, related_segments),
            (OverridableSegment, overridable_segments),
        ):
            if segments:
                model.objects.bulk_create(segments)

    def _translated_values(self, values, contexts, strings, translated_string, now):
        """Store the Swedish strings and return the segment values that make the Swedish page.

        Like Translation.save_target with fallback: strings without a Swedish text keep the Finnish one,
        related objects without a Swedish translation keep the Finnish object, and overridable segments
        (which nobody has overridden yet) keep the Finnish value.
        """
        translations, result = [], []
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
        if translations:
            StringTranslation.objects.bulk_create(translations)
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

"""Writing new imported association pages with few queries.

Creating a page through Wagtail (`add_child`, `save_revision`, `publish`) reads back rows that cannot
exist yet for a page made a moment ago. The importer validates every row before writing it, so for a new
association `PageWriter` writes the same rows directly: the page at the next free tree position under the
directory, live, with one revision that is its live revision, a "wagtail.publish" history entry and the
`page_published` signal. The Swedish translations use it too (associations.importer.translate).

Tree positions and slugs of each directory are read once and then kept in memory. Whenever a row's
transaction fails, the importer calls `forget()` so the next row reads them again.
Rows that update an existing association go through Wagtail's ordinary revision and publish path.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import F
from django.utils import timezone
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, Revision
from wagtail.signals import page_published

from associations.models import AssociationPage

MANY_TO_MANY = [
    field for field in AssociationPage._meta.get_fields() if isinstance(field, ParentalManyToManyField)
]
CHILD_RELATIONS = [relation.get_accessor_name() for relation in get_all_child_relations(AssociationPage)]


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


class PageWriter:
    """Creates published association pages for the importer."""

    def __init__(self, user=None):
        self.user = user
        self._children = {}
        self._content_type = ContentType.objects.get_for_model(AssociationPage)
        self._page_content_type = ContentType.objects.get_for_model(Page)

    def forget(self):
        """Drop what was read in a row whose transaction failed: it may have been rolled back."""
        for children in self._children.values():
            children.forget()

    def _children_of(self, parent):
        if parent.pk not in self._children:
            self._children[parent.pk] = Children(parent)
        return self._children[parent.pk]

    # Pages ------------------------------------------------------------------------------------------------

    def publish_new(self, parent, page, log_entries=()):
        """Insert `page` as the last child of `parent`, published, with its first revision."""
        return self.publish_many(parent, [(page, log_entries)])[0]

    def publish_many(self, parent, entries):
        """Insert pages as the last children of `parent`, published, each with its first revision.

        `entries` are (page, log_entries): history entries (action, data) to write before the publish.
        Returns the revisions. The revisions, history entries and tree counts of all pages are written
        together, so a batch costs few more queries than one page.
        """
        now = timezone.now()
        pages = [page for page, _log_entries in entries]
        for page in pages:
            self._place(parent, page, now)
        self._insert(pages)
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
        revisions = Revision.objects.bulk_create([self._revision(page, now) for page in pages])
        self._point_to(pages, revisions)
        self._log(entries, revisions)
        for page, revision in zip(pages, revisions, strict=True):
            page_published.send(sender=AssociationPage, instance=page, revision=revision)
        return revisions

    def _place(self, parent, page, now):
        """The tree position, address and publishing fields of a new live child of `parent`."""
        page.slug, page.path = self._children_of(parent).claim(page.slug)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = now
        page.owner = self.user

    def _revision(self, page, now):
        # Serialised once and kept for the translation source (associations.importer.translate).
        page._serialized = page.serializable_data()
        return Revision(
            content_type=self._content_type,
            base_content_type=self._page_content_type,
            object_id=str(page.pk),
            created_at=now,
            user=self.user,
            content=page._serialized,
            object_str=str(page),
        )

    def _log(self, entries, revisions):
        """The history entries `log()` would write, in one insert and without its per-entry validation."""
        context = get_active_log_context()
        user = self.user or context.user
        PageLogEntry.objects.bulk_create(
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
            for (page, log_entries), revision in zip(entries, revisions, strict=True)
            for action, data in [*log_entries, ("wagtail.publish", {})]
        )

    @staticmethod
    def _insert(pages):
        """Save new pages and their many-to-many terms, without modelcluster's diff against the database.

        The rows were validated with full_clean before writing, and the tree fields are set, so Page.save's
        validation and parent look-up are skipped; modelcluster would first read the (empty) relations of
        each new page back to compare them. The terms of all pages go in one insert per relation.
        """
        links = {field: [] for field in MANY_TO_MANY}
        for page in pages:
            terms = {field: list(getattr(page, field.name).all()) for field in MANY_TO_MANY}
            # Kept in memory (a new page has no comments), so serialising the saved page needs no queries.
            for field, related in terms.items():
                setattr(page, field.name, related)
            for accessor in CHILD_RELATIONS:
                setattr(page, accessor, [])
            models.Model.save(page)
            for field, related in terms.items():
                through = field.remote_field.through
                source, target = f"{field.m2m_field_name()}_id", f"{field.m2m_reverse_field_name()}_id"
                links[field] += [through(**{source: page.pk, target: term.pk}) for term in related]
        for field, rows in links.items():
            if rows:
                field.remote_field.through.objects.bulk_create(rows)

    @staticmethod
    def _point_to(pages, revisions):
        """Make each page's first revision its latest and live one."""
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision = page.live_revision = revision
            page.latest_revision_created_at = revision.created_at
        if len(pages) == 1:  # one row of an import: a plain update is the cheaper statement
            Page.objects.filter(pk=pages[0].pk).update(
                latest_revision=revisions[0],
                live_revision=revisions[0],
                latest_revision_created_at=revisions[0].created_at,
            )
        else:
            Page.objects.bulk_update(
                pages, ["latest_revision", "live_revision", "latest_revision_created_at"]
            )

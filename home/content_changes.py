"""What counts as a change of published content, and the signal that says so.

Publishing, unpublishing, moving or deleting a page, changing a view restriction, an image or a document
bumps the shared content version (home.versions.CONTENT): every cached API answer and every memo that
follows the version is out of date at once. Apps above connect their own models here (associations
connects its taxonomy terms, see associations/signal_handlers.py); the API cache in
sakke_site/api_cache.py reads `content_state()`.
"""

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from home import versions

CHANGED_KEY = "api:content-changed"

# Sent after the content version moved; apps above precompute what they cache (stats warms its figures).
content_version_changed = Signal()


def content_changed(**kwargs):
    """Signal handler: published content changed, so cached API answers (and the other memos that follow
    home.versions.CONTENT) are no longer valid."""
    versions.bump(versions.CONTENT)
    cache.set(CHANGED_KEY, timezone.now().timestamp(), timeout=None)
    content_version_changed.send(sender=None)


def content_state():
    """(content version, when content last changed as a timestamp)."""
    values = cache.get_many([versions.CONTENT, CHANGED_KEY])
    changed = values.get(CHANGED_KEY)
    if changed is None:
        # No change seen since the cache was emptied: now is the safe answer for Last-Modified.
        changed = timezone.now().timestamp()
        cache.add(CHANGED_KEY, changed, timeout=None)
    return values.get(versions.CONTENT, 0), int(changed)


def follow_model(model):
    """Saving or deleting a `model` instance changes published content too."""
    label = model._meta.label
    post_save.connect(content_changed, sender=model, dispatch_uid=f"content-changed-save-{label}")
    post_delete.connect(content_changed, sender=model, dispatch_uid=f"content-changed-delete-{label}")


def register():
    """Connect content_changed to what Wagtail itself changes; called from HomeConfig.ready()."""
    page_published.connect(content_changed, dispatch_uid="api-cache-published")
    page_unpublished.connect(content_changed, dispatch_uid="api-cache-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="api-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="api-cache-deleted")
    # Making a page or a collection private or public again changes every public answer that lists it
    # (home.visibility; /api/v2/documents/).
    for model in (PageViewRestriction, CollectionViewRestriction, get_image_model(), get_document_model()):
        follow_model(model)


def _page_deleted(sender, **kwargs):
    if issubclass(sender, Page):
        content_changed()

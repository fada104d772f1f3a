"""HTTP caching of the public API: a shared server-side cache, ETag/Last-Modified and 304s.

Every anonymous GET under /api/ is cached in Django's cache (CACHE_URL: Redis or Memcached shared by all
app servers) under a key that includes the *content version*. Publishing, unpublishing, moving or
deleting a page, or changing a taxonomy term, bumps the version, so every cached answer is out of date
at once and a consumer sees the change on its next request. Responses carry `ETag` (a hash of the
body), `Last-Modified` (when content last changed) and `Cache-Control: public, max-age=…`; a request
with a matching `If-None-Match` or `If-Modified-Since` gets 304 without a body.

The key holds everything that changes the body besides the content: the full path (with ?format=), the
Accept header (DRF picks JSON or its browsable HTML by it) and the active language (Accept-Language or the
language cookie picks it; labels and error messages follow it), and answers say so with
`Vary: Accept, Accept-Language, Origin`. A cached answer still counts against the anonymous rate limit
(sakke_site/throttling.py): every anonymous API read is counted here before the cache is read.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from home import versions
from sakke_site.throttling import count_api_request

CHANGED_KEY = "api:content-changed"
CACHED_HEADERS = ("Content-Type", "Content-Language")
UNCACHED_PATHS = ("/api/v2/page_preview/",)  # drafts behind a token: never in the shared cache


def content_changed(**kwargs):
    """Signal handler: published content changed, so cached API answers (and the other memos that follow
    home.versions.CONTENT) are no longer valid."""
    versions.bump(versions.CONTENT)
    cache.set(CHANGED_KEY, timezone.now().timestamp(), timeout=None)


def content_state():
    values = cache.get_many([versions.CONTENT, CHANGED_KEY])
    changed = values.get(CHANGED_KEY)
    if changed is None:
        # No change seen since the cache was emptied: now is the safe answer for Last-Modified.
        changed = timezone.now().timestamp()
        cache.add(CHANGED_KEY, changed, timeout=None)
    return values.get(versions.CONTENT, 0), int(changed)


class APICacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.counts(request) and (throttled := count_api_request(request)):
            return throttled
        if not self.applies(request):
            return self.get_response(request)
        version, changed = content_state()
        key = self.key(request, version)
        cached = cache.get(key)
        if cached is not None:
            status, headers, body = cached
            response = HttpResponse(body, status=status)
            for name, value in headers.items():
                response[name] = value
            response["X-Cache"] = "hit"
        else:
            response = self.get_response(request)
            if response.status_code != 200 or response.streaming:
                return response
            headers = {name: response[name] for name in CACHED_HEADERS if name in response}
            cache.set(key, (response.status_code, headers, response.content), settings.API_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        response["ETag"] = etag
        response["Last-Modified"] = http_date(changed)
        response["Cache-Control"] = f"public, max-age={settings.API_MAX_AGE}"
        patch_vary_headers(response, ["Accept", "Accept-Language", "Origin"])
        conditional = get_conditional_response(request, etag=etag, last_modified=changed, response=response)
        return conditional

    @staticmethod
    def key(request, version):
        """The cache key of the answer to `request`: what it asks for, in which format and language."""
        accept = "".join(request.headers.get("Accept", "").split()).lower()
        variant = "\n".join([request.get_full_path(), accept, get_language() or ""])
        return f"api:response:{version}:{hashlib.sha256(variant.encode()).hexdigest()}"

    @staticmethod
    def counts(request):
        """Whether `request` counts against the anonymous rate limit here, cached or not."""
        return (
            request.method in ("GET", "HEAD")
            and request.path.startswith("/api/")
            and not request.user.is_authenticated
        )

    @staticmethod
    def applies(request):
        if request.method not in ("GET", "HEAD") or not request.path.startswith("/api/"):
            return False
        if request.path.startswith(UNCACHED_PATHS):
            return False
        if settings.API_CACHE_SECONDS <= 0:
            return False
        # Editors' sessions may see drafts through other endpoints: only anonymous answers are shared.
        return (
            settings.SESSION_COOKIE_NAME not in request.COOKIES and "HTTP_AUTHORIZATION" not in request.META
        )


def register():
    """Connect content_changed to everything that changes what the API answers."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import CollectionViewRestriction, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from associations.models import Category, Municipality, TargetGroup

    page_published.connect(content_changed, dispatch_uid="api-cache-published")
    page_unpublished.connect(content_changed, dispatch_uid="api-cache-unpublished")
    post_page_move.connect(content_changed, dispatch_uid="api-cache-moved")
    post_delete.connect(_page_deleted, dispatch_uid="api-cache-deleted")
    # Making a page private or public again changes every public answer that lists it (home.visibility).
    post_save.connect(content_changed, sender=PageViewRestriction, dispatch_uid="api-cache-restricted")
    post_delete.connect(content_changed, sender=PageViewRestriction, dispatch_uid="api-cache-unrestricted")
    # The same for a collection's documents (/api/v2/documents/).
    post_save.connect(
        content_changed, sender=CollectionViewRestriction, dispatch_uid="api-cache-collection-restricted"
    )
    post_delete.connect(
        content_changed, sender=CollectionViewRestriction, dispatch_uid="api-cache-collection-unrestricted"
    )
    for model in (Municipality, Category, TargetGroup, get_image_model(), get_document_model()):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"api-cache-save-{model._meta.label}")
        post_delete.connect(
            content_changed, sender=model, dispatch_uid=f"api-cache-delete-{model._meta.label}"
        )


def _page_deleted(sender, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page):
        content_changed()

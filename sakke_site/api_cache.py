"""HTTP caching of the public API: a shared server-side cache, ETag/Last-Modified and 304s.

Every anonymous GET under /api/ is cached in Django's cache (CACHE_URL: Redis or Memcached shared by all
app servers) under a key that includes the *content version*. Publishing, unpublishing, moving or
deleting a page, or changing a taxonomy term, bumps the version, so every cached answer is out of date
at once and a consumer sees the change on its next request. Responses carry `ETag` (a hash of the
body), `Last-Modified` (when content last changed) and `Cache-Control: public, max-age=…`; a request
with a matching `If-None-Match` or `If-Modified-Since` gets 304 without a body.

The key holds everything that changes the body besides the content: the absolute address (scheme and host
too, since answers carry absolute links; with ?format=), the Accept header (DRF picks JSON or its browsable
HTML by it) and the active language (Accept-Language or the language cookie picks it; labels and error
messages follow it), and answers say so with
`Vary: Accept, Accept-Language, Origin`. A cached answer still counts against the anonymous rate limit
(sakke_site/throttling.py): every anonymous API read is counted here before the cache is read.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.translation import get_language

from home.content_changes import content_state
from sakke_site.throttling import count_api_request

CACHED_HEADERS = ("Content-Type", "Content-Language", "Access-Control-Allow-Origin")
UNCACHED_PATHS = ("/api/v2/page_preview/",)  # drafts behind a token: never in the shared cache


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
        # The absolute address (scheme, host, path and query): answers hold absolute links built from it.
        variant = "\n".join([request.build_absolute_uri(), accept, get_language() or ""])
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

"""Request middleware specific to this site."""

import re

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.views.defaults import bad_request


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus the language redirect for paths outside the /fi/ and /sv/ tree.

    Django redirects a 404 to the same path with a language prefix when that path resolves; Wagtail's
    catch-all page route makes every path resolve, so an API 404 would become a redirect to an HTML page.
    """

    UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/static/", "/media/", "/healthz", "/sitemap.xml")

    def process_response(self, request, response):
        if request.path_info.startswith(self.UNPREFIXED_PATHS):
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
            return response
        return super().process_response(request, response)


MAX_API_OFFSET = 1_000_000_000


class APIIdGuardMiddleware:
    """Numbers the database cannot hold never reach it from the API.

    An id too large for a 64-bit integer names nothing (404), and an offset beyond MAX_API_OFFSET is a
    bad parameter (400): the API's `<int:pk>` routes and Wagtail's listings would otherwise let the
    database raise an overflow, which is a 500.
    """

    TOO_LONG = re.compile(r"^/api/.*/\d{19,}/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            if self.TOO_LONG.match(request.path):
                return JsonResponse({"message": "No object with that id."}, status=404)
            offset = request.GET.get("offset", "")
            if offset.isdigit() and int(offset) > MAX_API_OFFSET:
                return JsonResponse({"message": f"'offset' can be at most {MAX_API_OFFSET}."}, status=400)
        return self.get_response(request)


class NulCharacterGuardMiddleware:
    """A query parameter with a NUL character is a bad request (400), everywhere.

    PostgreSQL text cannot hold NUL, so a `?tag=%00` that reached a filter or a search raised a
    ValueError (a 500) on PostgreSQL while SQLite just found nothing. Forms already refuse NUL in what
    they validate; this covers every parameter read without a form: API filters, listings, admin search.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                shown = name.replace("\x00", "\\0")
                if request.path.startswith("/api/"):
                    message = f"Parameter '{shown}' contains a NUL character."
                    return JsonResponse({"message": message}, status=400)
                return bad_request(request, SuspiciousOperation(f"NUL character in parameter {shown!r}"))
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Sends the site's Content-Security-Policy with every response (settings.CSP_PUBLIC / CSP_ADMIN).

    A small middleware rather than django-csp: the site needs one fixed policy per area, no nonces, and
    views that may set directives of their own. A view that sets the header (the embeddable widgets send
    `frame-ancestors *`) keeps its directives; the site policy fills in the directives it did not set, so
    the widgets still may not run inline scripts.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith("/admin/")
        policy = dict(settings.CSP_ADMIN if admin else settings.CSP_PUBLIC)
        if own := response.headers.get("Content-Security-Policy"):
            policy.update(parse_policy(own))
        response.headers["Content-Security-Policy"] = "; ".join(
            f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
        )
        return response


def parse_policy(header):
    """{"directive": ["source", ...]} of a Content-Security-Policy header value."""
    policy = {}
    for part in header.split(";"):
        if words := part.split():
            policy.setdefault(words[0].lower(), words[1:])
    return policy

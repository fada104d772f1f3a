"""Request middleware specific to this site."""

import io
import json
import re
import secrets

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import JsonResponse
from django.middleware.locale import LocaleMiddleware
from django.views.defaults import bad_request

from home.parameters import MAX_OFFSET, InvalidNumber, whole_number
from home.text_input import clean_submitted_text, clean_text, has_control_characters


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


class APIIdGuardMiddleware:
    """Numbers the database cannot hold never reach it from the API.

    An id too large for a 64-bit integer names nothing (404), and ?offset= and ?limit= on every API
    path, Wagtail's own endpoints included, are whole numbers in ASCII digits up to MAX_OFFSET, read
    by home.parameters like every other number (400 otherwise): the API's `<int:pk>` routes and
    Wagtail's listings would otherwise let the database raise an overflow, and `?offset=²` passed
    `isdigit()` but not `int()`; both were 500s.
    """

    TOO_LONG = re.compile(r"^/api/.*/[0-9]{19,}/")
    PAGING = ("offset", "limit")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            if self.TOO_LONG.match(request.path):
                return JsonResponse({"message": "No object with that id."}, status=404)
            for name in self.PAGING:
                if value := request.GET.get(name, ""):  # empty: the endpoint's default
                    try:
                        whole_number(value, name, maximum=MAX_OFFSET)
                    except InvalidNumber as error:
                        return JsonResponse({"message": str(error)}, status=400)
        return self.get_response(request)


class ControlCharacterMiddleware:
    """No C0 control character (but tab, line feed and carriage return) gets in through a request.

    A query parameter with one is a bad request (400, with a JSON message on the API): PostgreSQL text
    cannot hold NUL, so a `?tag=%00` that reached a filter or a search was a 500 there, and no one means
    the others. Posted form values (public forms, the survey, every Wagtail admin form, also JSON values
    such as rich text) have them stripped before any view sees them: one in a news offer's title broke
    the feeds and the admin's XLSX exports. Uploaded files are left as they are, but for their names.
    """

    FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
    BODY_METHODS = ("POST", "PUT", "PATCH")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for name, values in request.GET.lists():
            if has_control_characters(name) or any(has_control_characters(value) for value in values):
                shown = clean_text(name)
                if request.path.startswith("/api/"):
                    message = f"Parameter '{shown}' contains a NUL character or another control character."
                    return JsonResponse({"message": message}, status=400)
                return bad_request(request, SuspiciousOperation(f"Control character in parameter {shown!r}"))
        if request.method == "POST" and request.content_type in self.FORM_CONTENT_TYPES:
            self.clean_post(request)
        elif request.method in self.BODY_METHODS and request.content_type == "application/json":
            self.clean_json_body(request)
        return self.get_response(request)

    @staticmethod
    def clean_json_body(request):
        """The JSON body of an API write (Wagtail's v3 API takes POST, PUT and PATCH) without control
        characters in its strings, as the views will read it."""
        try:
            text = request.body.decode(request.encoding or "utf-8")
        except (OSError, UnicodeDecodeError):
            return  # not readable as text: the view answers it as it would
        cleaned = clean_submitted_text(text)
        if cleaned != text:
            body = cleaned.encode("utf-8")
            request._body = body
            request._stream = io.BytesIO(body)
            request.META["CONTENT_LENGTH"] = str(len(body))

    @staticmethod
    def clean_post(request):
        try:
            post, files = request.POST, request.FILES
        except OSError:
            return  # the client went away while sending; CsrfViewMiddleware answers that as usual
        changed = {}
        for name, values in post.lists():
            cleaned = [clean_submitted_text(value) for value in values]
            if cleaned != values:
                changed[name] = cleaned
        if changed:
            post = post.copy()
            for name, values in changed.items():
                post.setlist(name, values)
            post._mutable = False
            request.POST = post
        for _name, uploads in files.lists():
            for upload in uploads:
                if upload.name and has_control_characters(upload.name):
                    upload.name = clean_text(upload.name)


class ContentSecurityPolicyMiddleware:
    """Sends the site's Content-Security-Policy with every response (settings.CSP_PUBLIC / CSP_ADMIN).

    A small middleware rather than django-csp: the site needs one fixed policy per area and views that
    may set directives of their own. A view that sets the header (the embeddable widgets send
    `frame-ancestors *`) keeps its directives; the site policy fills in the directives it did not set, so
    the widgets still may not run inline scripts.

    A policy that lists the source `'nonce'` gets a fresh nonce in its place on each response, and every
    <script> element of that response carries it (see add_nonce). The admin uses this: Wagtail renders
    inline scripts (chooser widgets, date pickers, inline panels, modal dialogs) that carry no nonce of
    their own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith("/admin/")
        rendering_page = admin and PAGE_RENDERING_ADMIN_PATHS.match(request.path_info)
        # A preview, a draft or an old revision is the public page (Wagtail even runs it through this
        # middleware as a public request of its own): the public policy, no nonce on the scripts an embed
        # brought along, but framed by the admin's preview panel.
        policy = dict(settings.CSP_ADMIN if admin and not rendering_page else settings.CSP_PUBLIC)
        if any(NONCE_SOURCE in sources for sources in policy.values()):
            nonce = secrets.token_urlsafe(18)
            add_nonce(response, nonce)
            policy = {
                directive: [f"'nonce-{nonce}'" if source == NONCE_SOURCE else source for source in sources]
                for directive, sources in policy.items()
            }
        if own := response.headers.get("Content-Security-Policy"):
            policy.update(parse_policy(own))
        if rendering_page:
            policy["frame-ancestors"] = ["'self'"]
        response.headers["Content-Security-Policy"] = "; ".join(
            f"{directive} {' '.join(sources)}".strip() for directive, sources in policy.items()
        )
        return response


NONCE_SOURCE = "'nonce'"
# Admin addresses that render pages or snippets with their public templates: previews (pages, snippets,
# workflow tasks, blocks), "view draft" and the view of an old revision.
PAGE_RENDERING_ADMIN_PATHS = re.compile(
    r"^/admin/(?:.*/preview/|pages/[0-9]+/view_draft/|.*/revisions/[0-9]+/view/|block-preview/)"
)
SCRIPT_TAG = re.compile(r"<script(?=[\s>])(?![^>]*\snonce=)", re.IGNORECASE)


def add_nonce(response, nonce):
    """Give every <script> element of an HTML page, or of the "html" of a JSON answer, the nonce.

    Wagtail's modal dialogs arrive as JSON {"html": ..., ...} whose scripts jQuery runs with the nonce of
    their element. Only markup the templates and widgets wrote contains "<script": what users typed
    is escaped by the templates (and is "\\u003C" in json_script data). So this blesses the admin's own
    scripts, while inline event handlers, javascript: links and scripts inserted without a nonce stay
    blocked. Other JSON values (titles in chooser results, say) are left alone.
    """
    if getattr(response, "streaming", False):
        return
    content_type = response.get("Content-Type", "").split(";")[0].strip()
    stamp = f'<script nonce="{nonce}"'
    if content_type == "text/html":
        html = response.content.decode(response.charset, errors="surrogateescape")
        response.content = SCRIPT_TAG.sub(stamp, html).encode(response.charset, errors="surrogateescape")
    elif content_type == "application/json" and b"<script" in response.content.lower():
        try:
            data = json.loads(response.content)
        except ValueError:
            return
        if not isinstance(data, dict) or not isinstance(data.get("html"), str):
            return
        data["html"] = SCRIPT_TAG.sub(stamp, data["html"])
        response.content = json.dumps(data).encode()
    else:
        return
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))


def parse_policy(header):
    """{"directive": ["source", ...]} of a Content-Security-Policy header value."""
    policy = {}
    for part in header.split(";"):
        if words := part.split():
            policy.setdefault(words[0].lower(), words[1:])
    return policy

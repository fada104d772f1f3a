"""What the embeddable lists (associations/widget.py, news/widget.py) share: their pages may be framed by
any site, and the admin page where an editor picks the filters and copies the iframe code."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from wagtail.models import Locale

WIDGET_LANGUAGES = ("fi", "sv")


def framable(response):
    """A widget page may be framed by any site (the rest of the service may not)."""
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


def widget_code_view(request, make_form, url_name, title, template):
    """Admin: choose a widget's language and filters and copy its iframe code (users who can edit pages).

    `make_form(data, locale)` builds the widget's filter form; `title` (lazy) names the iframe.
    """
    from wagtail.admin.auth import user_has_any_page_permission

    if not (request.user.is_superuser or user_has_any_page_permission(request.user)):
        raise PermissionDenied
    language = request.GET.get("language_code", "fi")
    language = language if language in WIDGET_LANGUAGES else "fi"
    parameters = request.GET.copy()
    parameters.pop("language_code", None)
    form = make_form(parameters or None, Locale.objects.get(language_code=language))
    snippet = preview_url = ""
    if not form.is_bound or form.is_valid():
        for name in [key for key, value in parameters.items() if not value]:
            parameters.pop(name)
        with translation.override(language):
            path = reverse(url_name)
            iframe_title = str(title)
        preview_url = f"{path}?{parameters.urlencode()}" if parameters else path
        snippet = format_html(
            '<iframe src="{}" title="{}" width="100%" height="480" loading="lazy" style="border:0"></iframe>',
            request.build_absolute_uri(preview_url),
            iframe_title,
        )
    return render(
        request,
        template,
        {"form": form, "snippet": snippet, "preview_url": preview_url, "language_code": language},
    )

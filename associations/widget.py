"""The embeddable association list: an iframe page other sites put on theirs, and its snippet in the admin.

`/fi/widget/associations/` and `/sv/widget/associations/` list live associations filtered like the
directory (municipality, category, target group, language), in name order, without the site's header and
footer, with links that open in the embedding page's window. The page loads nothing from other sites and
may be framed by any site (the rest of the service may not). Coordinators copy the snippet from
*Settings → Embeddable list* in the admin.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.models import Locale

from associations.directory import DirectoryFilterForm, TaxonomyNames, cards, with_display_data
from associations.models import AssociationIndexPage
from search.engine import ResultList, search_associations

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


class WidgetForm(DirectoryFilterForm):
    limit = forms.IntegerField(
        label=gettext_lazy("How many associations"), required=False, min_value=1, max_value=MAX_LIMIT
    )


@xframe_options_exempt
def association_widget(request):
    locale = Locale.get_active()
    names = TaxonomyNames.cached(locale)
    form = WidgetForm(request.GET or None, names)
    if form.is_bound and not form.is_valid():
        response = render(request, "associations/widget/associations.html", {"form": form}, status=400)
        response["Content-Security-Policy"] = "frame-ancestors *"
        return response
    data = form.cleaned_data if form.is_bound else {}
    limit = data.get("limit") or DEFAULT_LIMIT
    outcome = search_associations(locale, "", data, "name")
    associations = with_display_data(ResultList(outcome, cards())[0:limit], names)
    for association in associations:
        association.link = association.get_full_url(request)
    directory = AssociationIndexPage.objects.live().filter(locale=locale).first()
    response = render(
        request,
        "associations/widget/associations.html",
        {
            "form": form,
            "associations": associations,
            "total": outcome.total,
            "directory_url": directory.get_full_url(request) if directory else "",
            "query": request.GET.urlencode(),
        },
    )
    response["Content-Security-Policy"] = "frame-ancestors *"
    return response


def snippet_view(request):
    """Admin: choose the filters and copy the iframe snippet (coordinators and superusers)."""
    from wagtail.admin.auth import user_has_any_page_permission

    if not (request.user.is_superuser or user_has_any_page_permission(request.user)):
        raise PermissionDenied
    language = request.GET.get("language_code", "fi")
    language = language if language in ("fi", "sv") else "fi"
    locale = Locale.objects.get(language_code=language)
    form = WidgetForm(request.GET or None, TaxonomyNames.cached(locale))
    snippet = preview_url = ""
    if (form.is_bound and form.is_valid()) or not form.is_bound:
        parameters = request.GET.copy()
        parameters.pop("language_code", None)
        for name in [key for key, value in parameters.items() if not value]:
            parameters.pop(name)
        with translation.override(language):
            path = reverse("association_widget")
            preview_url = f"{path}?{parameters.urlencode()}" if parameters else path
            title = _("Associations")
        snippet = format_html(
            '<iframe src="{}" title="{}" width="100%" height="480" loading="lazy" style="border:0"></iframe>',
            request.build_absolute_uri(preview_url),
            title,
        )
    return render(
        request,
        "associations/widget/snippet.html",
        {"form": form, "snippet": snippet, "preview_url": preview_url, "language_code": language},
    )

"""The embeddable association list: an iframe page other sites put on theirs, and its snippet in the admin.

`/fi/widget/associations/` and `/sv/widget/associations/` list live associations filtered like the
directory (municipality, category, target group, language), in name order, without the site's header and
footer, with links that open in the embedding page's window. The page loads nothing from other sites and
may be framed by any site (the rest of the service may not). Coordinators copy the snippet from
*Settings → Embeddable list* in the admin.
"""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.models import Locale

from associations.directory import DirectoryFilterForm, TaxonomyNames, cards, with_display_data
from associations.models import AssociationIndexPage
from associations.search import search_associations
from home.visibility import public_pages
from home.widgets import framable, widget_code_view
from search.engine import ResultList

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
        return framable(render(request, "associations/widget/associations.html", {"form": form}, status=400))
    data = form.cleaned_data if form.is_bound else {}
    limit = data.get("limit") or DEFAULT_LIMIT
    outcome = search_associations(locale, "", data, "name")
    associations = with_display_data(ResultList(outcome, cards())[0:limit], names)
    for association in associations:
        association.link = association.get_full_url(request)
    directory = public_pages(AssociationIndexPage).filter(locale=locale).first()
    return framable(
        render(
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
    )


def snippet_view(request):
    """Admin: choose the filters and copy the iframe snippet (coordinators and superusers)."""
    return widget_code_view(
        request,
        lambda data, locale: WidgetForm(data, TaxonomyNames.cached(locale)),
        "association_widget",
        gettext_lazy("Associations"),
        "associations/widget/snippet.html",
    )

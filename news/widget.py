"""The embeddable list of upcoming events: an iframe page other sites put on theirs, and its snippet.

`/fi/widget/events/` and `/sv/widget/events/` list the next occurrences of live events, optionally only
those of one municipality (by the home municipality of the organising or involved associations), one
category or one association, without the site's header and footer. Like the association list it loads
nothing from other sites and may be framed by any site. Coordinators copy the code from *Settings →
Embeddable events* in the admin.
"""

from django import forms
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.clickjacking import xframe_options_exempt
from wagtail.models import Locale

from associations.directory import TaxonomyNames
from associations.models import AssociationPage
from home.visibility import public_pages
from home.widgets import framable, widget_code_view
from news.listings import event_occurrences
from news.models import EventIndexPage, EventPage

DEFAULT_LIMIT = 10
MAX_LIMIT = 50


class EventWidgetForm(forms.Form):
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)
    category = forms.ChoiceField(label=gettext_lazy("Category"), required=False)
    association = forms.IntegerField(
        label=gettext_lazy("Association (page id)"), required=False, min_value=1, max_value=2_147_483_647
    )
    limit = forms.IntegerField(
        label=gettext_lazy("How many events"), required=False, min_value=1, max_value=MAX_LIMIT
    )

    def __init__(self, data, names):
        super().__init__(data)
        self.fields["municipality"].choices = [("", _("All municipalities")), *names.municipality_choices]
        self.fields["category"].choices = [("", _("All categories")), *names.category_choices]

    def clean_association(self):
        page_id = self.cleaned_data.get("association")
        if page_id is None:
            return None
        key = (
            public_pages(AssociationPage).filter(pk=page_id).values_list("translation_key", flat=True).first()
        )
        if key is None:
            raise forms.ValidationError(_("No published association has this id."))
        return key


@xframe_options_exempt
def event_widget(request):
    locale = Locale.get_active()
    form = EventWidgetForm(request.GET or None, TaxonomyNames.cached(locale))
    if form.is_bound and not form.is_valid():
        return framable(render(request, "news/widget/events.html", {"form": form}, status=400))
    data = form.cleaned_data if form.is_bound else {}
    events = public_pages(EventPage).filter(locale=locale)
    if code := data.get("municipality"):
        events = events.filter(
            Q(organiser_association__home_municipality__code=code)
            | Q(related_associations__home_municipality__code=code)
        )
    rows = event_occurrences(locale, events, {"category": data.get("category")}, data.get("association"))
    occurrences = list(rows[: data.get("limit") or DEFAULT_LIMIT])
    for row in occurrences:
        row.link = row.event.get_full_url(request)
    listing = public_pages(EventIndexPage).filter(locale=locale).first()
    return framable(
        render(
            request,
            "news/widget/events.html",
            {
                "form": form,
                "occurrences": occurrences,
                "listing_url": listing.get_full_url(request) if listing else "",
            },
        )
    )


def snippet_view(request):
    """Admin: choose the filters and copy the iframe code (users who can edit pages)."""
    return widget_code_view(
        request,
        lambda data, locale: EventWidgetForm(data, TaxonomyNames.cached(locale)),
        "event_widget",
        gettext_lazy("Upcoming events"),
        "news/widget/snippet.html",
    )

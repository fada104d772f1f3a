"""The public filters of a programme: theme, status, responsible association and year (GET, shareable)."""

from django import forms
from django.utils.translation import pgettext_lazy

from programme.blocks import ACTION_STATUSES


class ProgrammeFilterForm(forms.Form):
    theme = forms.ChoiceField(label=pgettext_lazy("programme", "Theme"), required=False)
    status = forms.ChoiceField(label=pgettext_lazy("programme", "Status"), required=False)
    association = forms.TypedChoiceField(
        label=pgettext_lazy("programme", "Responsible association"),
        required=False,
        coerce=int,
        empty_value=None,
    )
    year = forms.TypedChoiceField(
        label=pgettext_lazy("programme", "Year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        page = programme.page
        self.fields["theme"].choices = [("", pgettext_lazy("programme", "All themes"))] + [
            (theme.id, f"{theme.number}. {theme.title}") for theme in programme.themes
        ]
        self.fields["status"].choices = [("", pgettext_lazy("programme", "All statuses")), *ACTION_STATUSES]
        self.fields["association"].choices = [("", pgettext_lazy("programme", "All associations"))] + [
            (party.page_id, party.title) for party in programme.parties
        ]
        years = {year for year in (page.period_start, page.period_end) if year}
        for action in programme.actions:
            years.update(range(action.schedule.start_year, action.schedule.end_year + 1))
        if years:
            years = range(min(years), max(years) + 1)
        self.fields["year"].choices = [("", pgettext_lazy("programme", "All years"))] + [
            (year, str(year)) for year in years
        ]

    def filters(self):
        if not self.is_bound:
            return {}
        data = self.cleaned_data
        return {
            "theme": data.get("theme") or None,
            "status": data.get("status") or None,
            "association": data.get("association"),
            "year": data.get("year"),
        }

    def filters_used(self):
        return any(value not in (None, "") for value in self.filters().values())

"""Admin views of the association survey: the answers in Wagtail's submissions listing, with the
association and whether the answer is the current one, filterable to the current answers only."""

from collections import OrderedDict
from decimal import Decimal, InvalidOperation

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.forms.views import SubmissionsListFilterSet, SubmissionsListView

from home.spreadsheets import safe_cell


def spreadsheet_safe(value):
    """Text a spreadsheet would run as a formula stays text; numbers (also negative) stay numbers."""
    if isinstance(value, str):
        try:
            Decimal(value)
        except InvalidOperation:
            return safe_cell(value)
    return value


class SurveySubmissionsFilterSet(SubmissionsListFilterSet):
    is_current = django_filters.BooleanFilter(
        label=_("Current answers"),
        help_text=_("Yes: only each association's latest answer; No: only the replaced ones."),
    )


class SurveySubmissionsListView(SubmissionsListView):
    """Wagtail's listing and CSV/XLSX export of form submissions, over both language versions."""

    filterset_class = SurveySubmissionsFilterSet

    def to_row_dict(self, item):
        return OrderedDict(
            (name, spreadsheet_safe(value)) for name, value in super().to_row_dict(item).items()
        )


def personal_links_csv(request, page_id):
    """The survey's personal answer links, one per association (association, email, link), as CSV for a
    mail merge: the same as `manage.py survey_links PAGE_ID`, for those who may publish the survey."""
    from django.core.exceptions import PermissionDenied
    from django.shortcuts import get_object_or_404

    from associations.models import AssociationSurveyPage
    from home.spreadsheets import csv_response

    survey = get_object_or_404(AssociationSurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    rows = [[association.title, association.email, link] for association, link in survey.personal_links()]
    headers = [_("association"), _("email"), _("personal link")]
    return csv_response([str(header) for header in headers], rows, f"survey-{survey.slug}-links.csv")

"""Admin views of the association survey: the answers in Wagtail's submissions listing, with the
association and whether the answer is the current one or an unverified one, filterable by both, and the
coordinators' "accept" of an unverified answer."""

import django_filters
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.contrib.forms.views import SubmissionsListFilterSet, SubmissionsListView

from associations.models import AssociationSurveyPage
from home.spreadsheets import csv_response


class SurveySubmissionsFilterSet(SubmissionsListFilterSet):
    is_current = django_filters.BooleanFilter(
        label=_("Current answers"),
        help_text=_("Yes: only each association's latest answer; No: only the replaced ones."),
    )
    is_verified = django_filters.BooleanFilter(
        label=_("Verified answers"),
        help_text=_(
            "No: only the answers given without the personal link, waiting for a coordinator to accept them."
        ),
    )


class SurveySubmissionsListView(SubmissionsListView):
    """Wagtail's listing and CSV/XLSX export of form submissions, over both language versions. Its cells
    are formula-safe and without control characters like every Wagtail export (home/spreadsheets.py)."""

    filterset_class = SurveySubmissionsFilterSet

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_export or not self.form_page.permissions_for_user(self.request.user).can_publish():
            return context
        # Those who may publish the survey get an "Accept" link next to each unverified answer's status.
        status = [name for name, _label in self.form_page.get_data_fields()].index("answer_status")
        for submission, row in zip(context["submissions"], context["data_rows"], strict=True):
            if not submission.is_verified:
                url = reverse("associations_survey_accept", args=[self.form_page.pk, submission.pk])
                row["fields"][status] = format_html(
                    '{} <a class="button button-small button-secondary" href="{}">{}</a>',
                    row["fields"][status],
                    url,
                    gettext("Accept"),
                )
        return context


def survey_for_coordinator(request, page_id):
    """The survey `page_id`, if the user may publish it (coordinators, superusers); else 403."""
    survey = get_object_or_404(AssociationSurveyPage, pk=page_id)
    if not survey.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return survey


@require_http_methods(["GET", "POST"])
def accept_survey_answer(request, page_id, submission_id):
    """A coordinator accepts an unverified answer (given without the personal link): it becomes the
    association's current answer, replacing the earlier current one, and counts in the statistics. GET asks
    to confirm; POST accepts."""
    survey = survey_for_coordinator(request, page_id)
    submission = get_object_or_404(survey.get_submissions(), pk=submission_id)
    listing = reverse("wagtailforms:list_submissions", args=[survey.pk])
    if submission.is_verified:
        messages.info(request, gettext("This answer has already been accepted."))
        return redirect(listing)
    if request.method == "POST":
        submission.accept(request.user)
        messages.success(
            request,
            gettext("The answer for %(association)s was accepted; it is now the current answer.")
            % {"association": submission.association_title},
        )
        return redirect(listing)
    labels = dict(survey.get_data_fields())
    answers = [
        (labels.get(name, name), ", ".join(map(str, value)) if isinstance(value, list) else value)
        for name, value in submission.form_data.items()
    ]
    current = (
        survey.get_submissions().filter(association_key=submission.association_key, is_current=True).first()
    )
    return TemplateResponse(
        request,
        "associations/admin/accept_survey_answer.html",
        {
            "page": survey,
            "submission": submission,
            "answers": answers,
            "current": current,
            "listing": listing,
        },
    )


def personal_links_csv(request, page_id):
    """The survey's personal answer links, one per association (association, email, link), as CSV for a
    mail merge: the same as `manage.py survey_links PAGE_ID`, for those who may publish the survey."""
    survey = survey_for_coordinator(request, page_id)
    rows = [[association.title, association.email, link] for association, link in survey.personal_links()]
    headers = [_("association"), _("email"), _("personal link")]
    return csv_response([str(header) for header in headers], rows, f"survey-{survey.slug}-links.csv")

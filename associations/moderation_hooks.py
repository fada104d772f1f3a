"""Admin hooks for inviting editors and following data freshness (registered from wagtail_hooks).

- "Invite an editor" in the header and the "more" menu of an association page, for those who may
  publish it (coordinators, superusers);
- "Personal answer links (CSV)" in the header of an association survey, for the same people, and the
  "accept" of an unverified survey answer;
- "Profiles to check" under Reports, and a dashboard panel with the profiles nobody has checked in 12 months.
"""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.widgets import Button

from associations.models import AssociationPage, AssociationSurveyPage
from associations.survey_views import accept_survey_answer, personal_links_csv
from associations.views import (
    InviteEditorView,
    StaleAssociationsReportView,
    can_follow_freshness,
    can_invite_editors,
    stale_associations,
)

DASHBOARD_PANEL_SIZE = 5


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "associations/<int:page_id>/invite-editor/",
            InviteEditorView.as_view(),
            name="associations_invite_editor",
        ),
        path(
            "associations/survey/<int:page_id>/links.csv",
            personal_links_csv,
            name="associations_survey_links",
        ),
        path(
            "associations/survey/<int:page_id>/accept/<int:submission_id>/",
            accept_survey_answer,
            name="associations_survey_accept",
        ),
        path(
            "reports/stale-associations/",
            StaleAssociationsReportView.as_view(),
            name="associations_stale_report",
        ),
        path(
            "reports/stale-associations/results/",
            StaleAssociationsReportView.as_view(results_only=True),
            name="associations_stale_report_results",
        ),
    ]


def invite_button(page, user, priority):
    # The listing passes plain Page objects; the content type tells the kind without another query.
    if page.specific_class is not AssociationPage or not can_invite_editors(user, page):
        return None
    return Button(
        _("Invite an editor"),
        reverse("associations_invite_editor", args=[page.pk]),
        icon_name="mail",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_invite_button(page, user, view_name, next_url=None):
    if button := invite_button(page, user, priority=75):
        yield button
    if page.specific_class is AssociationSurveyPage and page.permissions_for_user(user).can_publish():
        yield Button(
            _("Personal answer links (CSV)"),
            reverse("associations_survey_links", args=[page.pk]),
            icon_name="download",
            priority=76,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_invite_button(page, user, next_url=None):
    if button := invite_button(page, user, priority=55):
        yield button


class StaleReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_follow_freshness(request.user)


@hooks.register("register_reports_menu_item")
def register_stale_report_menu_item():
    return StaleReportMenuItem(
        _("Profiles to check"),
        reverse("associations_stale_report"),
        name="stale-associations",
        icon_name="time",
        order=1150,
    )


class StaleAssociationsPanel(Component):
    """Dashboard panel: how many profiles wait to be checked, and the oldest of them."""

    name = "stale_associations"
    template_name = "associations/panels/stale_associations.html"
    order = 250

    def get_context_data(self, parent_context):
        stale = stale_associations()
        return {
            "count": stale.count(),
            "oldest": list(stale[:DASHBOARD_PANEL_SIZE]),
            "report_url": reverse("associations_stale_report"),
        }


@hooks.register("construct_homepage_panels")
def add_stale_associations_panel(request, panels):
    if can_follow_freshness(request.user):
        panels.append(StaleAssociationsPanel())

"""Views of the directory's self-service: the public registration and outdated-information forms, and the
admin views for inviting an association's editor and for finding profiles nobody has checked for a year."""

import datetime
import logging
import re

from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale, Page, Site
from wagtail.permissions import policy_registry

from associations.forms import (
    InviteEditorForm,
    RegistrationForm,
    ReportOutdatedForm,
    finnish_directory,
)
from associations.invitations import (
    ORIGINAL_LANGUAGE,
    InvitationError,
    editors_of,
    finnish_original,
    invite_editor,
)
from associations.models import AssociationPage
from associations.notifications import notify_outdated_report, notify_registration
from home.models import SiteSettings
from home.public_forms import count_submission, is_rate_limited, too_many_submissions
from home.visibility import public_pages

logger = logging.getLogger(__name__)

STALE_AFTER = datetime.timedelta(days=365)


def coordinator_contact(request):
    """The organisation's email address from the site settings, or "" when there is none."""
    site = Site.find_for_request(request)
    return SiteSettings.for_site(site).email if site else ""


# --- Register your association ---------------------------------------------------------------------


def live_url_for_visitor(page, request):
    """The URL of `page` in the visitor's language if that version is public (home.visibility), else of
    any public version, else ""."""
    versions = public_pages(AssociationPage).filter(translation_key=page.translation_key)
    preferred = versions.filter(locale=Locale.get_active()).first() or versions.order_by("pk").first()
    return preferred.get_url(request) if preferred else ""


@require_http_methods(["GET", "HEAD", "POST"])
def register_association(request):
    """The public "register your association" form: a valid registration becomes a draft profile in the
    coordinators' moderation queue."""
    directory = finnish_directory()
    if directory is None:
        # Nowhere to put the draft; say so rather than lose what the visitor types.
        return render(request, "associations/register.html", {"unavailable": True}, status=503)

    if request.method != "POST":
        return render(request, "associations/register.html", {"form": RegistrationForm()})

    if is_rate_limited(request, "register"):
        return too_many_submissions(request)
    form = RegistrationForm(request.POST)
    if form.honeypot_filled:
        logger.info("Registration honeypot filled; nothing created")
        return redirect("association_register_thanks")
    if not form.is_valid():
        return render(request, "associations/register.html", {"form": form}, status=400)

    count_submission(request, "register")
    existing = form.find_existing()
    if existing is not None:
        existing_url = live_url_for_visitor(existing, request)
        return render(
            request,
            "associations/register_exists.html",
            {
                # A draft (or a login-only profile) stays unnamed: its title is not the visitor's to see.
                "existing": existing if existing_url else None,
                "existing_url": existing_url,
                "by_business_id": bool(form.cleaned_data["business_id"])
                and existing.business_id == form.cleaned_data["business_id"],
                "contact_email": coordinator_contact(request),
            },
        )

    try:
        page = form.save(directory)
    except ValidationError as error:
        # The same association was registered a moment ago by someone else (model validation caught it).
        form.add_error(None, error.messages)
        return render(request, "associations/register.html", {"form": form}, status=400)
    submission = {
        **form.cleaned_data,
        "language_name": get_language_info(Locale.get_active().language_code)["name_translated"],
    }
    notify_registration(page, submission)
    return redirect("association_register_thanks")


def register_thanks(request):
    return render(request, "associations/register_thanks.html")


# --- Report outdated information -------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def report_outdated(request, page_id):
    """The "report outdated information" form of one public profile (in either language)."""
    page = get_object_or_404(public_pages(AssociationPage), pk=page_id)
    context = {"page": page, "association": page, "profile_url": page.get_url(request)}

    if request.method != "POST":
        return render(request, "associations/report.html", {**context, "form": ReportOutdatedForm()})

    if is_rate_limited(request, "report"):
        return too_many_submissions(request)
    form = ReportOutdatedForm(request.POST)
    if form.honeypot_filled:
        logger.info("Outdated-information honeypot filled; nothing stored")
        return redirect("association_report_outdated_thanks", page_id=page.pk)
    if not form.is_valid():
        return render(request, "associations/report.html", {**context, "form": form}, status=400)

    count_submission(request, "report")
    report = form.save(commit=False)
    report.page = page
    report.save()
    notify_outdated_report(report)
    return redirect("association_report_outdated_thanks", page_id=page.pk)


def report_thanks(request, page_id):
    page = get_object_or_404(public_pages(AssociationPage), pk=page_id)
    return render(
        request,
        "associations/report_thanks.html",
        {"page": page, "association": page, "profile_url": page.get_url(request)},
    )


# --- Admin: who may do what ------------------------------------------------------------------------


def can_invite_editors(user, page):
    """Those who may publish an association's page (coordinators, superusers) may give others the right
    to edit it."""
    return user.is_active and page.permissions_for_user(user).can_publish()


def can_follow_freshness(user):
    """Coordinators and superusers: anyone who may publish pages somewhere."""
    return policy_registry.get_by_type(Page).user_has_permission(user, "publish")


# --- Admin: invite an association's editor ---------------------------------------------------------


class InviteEditorView(WagtailAdminTemplateMixin, FormView):
    """Admin form that invites a person to edit one association's profile."""

    template_name = "associations/admin/invite_editor.html"
    form_class = InviteEditorForm
    header_icon = "mail"
    page_title = gettext_lazy("Invite an editor")

    def dispatch(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id).specific
        if not isinstance(page, AssociationPage):
            raise Http404
        self.page = finnish_original(page)
        if not can_invite_editors(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]), "label": self.page.title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_initial(self):
        return {"language": self.page.locale.language_code or ORIGINAL_LANGUAGE}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **kwargs,
            association=self.page,
            editors=editors_of(self.page),
            action_url=self.request.path,
            submit_button_label=_("Send the invitation"),
            submit_button_active_label=_("Sending…"),
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            invitation = invite_editor(
                self.page,
                data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                language=data["language"],
                invited_by=self.request.user,
            )
        except InvitationError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(email)s may now edit %(association)s. The invitation has been emailed.")
            % {"email": invitation.user.email, "association": self.page.title},
        )
        return redirect("wagtailadmin_pages:edit", self.page.pk)


# --- Admin: profiles nobody has checked for a year --------------------------------------------------


def stale_cutoff():
    return timezone.localdate() - STALE_AFTER


def stale_associations():
    """Live Finnish profiles (the originals; translations share `last_checked`) not confirmed as up to date
    in the last 12 months, the ones never checked first, then the oldest."""
    return (
        AssociationPage.objects.live()
        .filter(locale__language_code=ORIGINAL_LANGUAGE)
        .filter(Q(last_checked__isnull=True) | Q(last_checked__lt=stale_cutoff()))
        .select_related("home_municipality")
        .order_by(F("last_checked").asc(nulls_first=True), "title", "pk")
    )


EDITOR_GROUP_PAGE_ID = re.compile(r"\(#(\d+)\)$")


def editor_emails_by_page(page_ids):
    """{page id: [editor emails]} for the given Finnish originals, in two queries."""
    wanted = {str(page_id) for page_id in page_ids}
    result = {}
    groups = Group.objects.filter(name__regex=r"\(#[0-9]+\)$").prefetch_related("user_set")
    for group in groups:
        match = EDITOR_GROUP_PAGE_ID.search(group.name)
        if match and match.group(1) in wanted:
            result[int(match.group(1))] = sorted(
                user.email for user in group.user_set.all() if user.is_active and user.email
            )
    return result


def last_checked_display(page):
    if page.last_checked is None:
        return _("never")
    return date_format(page.last_checked, "SHORT_DATE_FORMAT")


class StaleAssociationsReportView(ReportView):
    """Admin report: live profiles whose information nobody has confirmed in 12 months, with CSV and XLSX
    downloads for following them up."""

    page_title = gettext_lazy("Profiles to check")
    header_icon = "time"
    index_url_name = "associations_stale_report"
    index_results_url_name = "associations_stale_report_results"
    results_template_name = "associations/admin/stale_report_results.html"
    permission_required = "publish"
    columns = [
        TitleColumn(
            "title", label=gettext_lazy("Association"), url_name="wagtailadmin_pages:edit", classname="title"
        ),
        Column("home_municipality", label=gettext_lazy("Home municipality")),
        Column("last_checked", label=gettext_lazy("Information last checked"), accessor=last_checked_display),
        Column(
            "editors",
            label=gettext_lazy("Editors"),
            accessor=lambda page: ", ".join(page.editor_emails) or "–",
        ),
    ]
    list_export = [
        "title",
        "business_id",
        "home_municipality",
        "last_checked",
        "email",
        "phone",
        "editor_list",
        "full_url",
    ]
    export_headings = {
        "title": gettext_lazy("Association"),
        "business_id": gettext_lazy("Business ID"),
        "home_municipality": gettext_lazy("Home municipality"),
        "last_checked": gettext_lazy("Information last checked"),
        "email": gettext_lazy("Email"),
        "phone": gettext_lazy("Phone"),
        "editor_list": gettext_lazy("Editors"),
        "full_url": gettext_lazy("Address"),
    }

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Page)

    def get_filename(self):
        return f"stale-associations-{timezone.localdate():%Y-%m-%d}"

    def get_base_queryset(self):
        allowed = self.permission_policy.instances_user_has_permission_for(self.request.user, "publish")
        return stale_associations().filter(pk__in=allowed.values("pk"))

    def decorate_paginated_queryset(self, object_list):
        object_list = list(object_list)
        emails = editor_emails_by_page(page.pk for page in object_list)
        for page in object_list:
            page.editor_emails = emails.get(page.pk, [])
            page.editor_list = ", ".join(page.editor_emails)
        return object_list

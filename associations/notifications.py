"""Emails of the association directory: invitations, new registrations, outdated-information reports and
reminders to check a profile.

Each message is a plain-text template pair under `associations/templates/associations/email/`
(`<name>_subject.txt` and `<name>.txt`), rendered in the recipient's language: an admin user's chosen admin
language, otherwise Finnish.
"""

import logging
import smtplib
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.admin.admin_url_finder import AdminURLFinder

from associations.invitations import admin_url, coordinators, editors_of, finnish_original
from home.mail import user_language

logger = logging.getLogger(__name__)


def absolute_admin_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path if path else ""


def render_email(name, context, language):
    """(subject, body) of the email template `name` in `language`."""
    with translation.override(language):
        subject = render_to_string(f"associations/email/{name}_subject.txt", context)
        body = render_to_string(f"associations/email/{name}.txt", context)
    # A header must be one line, whatever the template's whitespace.
    return " ".join(subject.split()), body


def send_email(name, context, language, to, reply_to=None):
    """Send one message; returns 1 when sent, 0 when the mail server failed (logged, not raised: what
    the email is about has already been saved and is visible in the admin)."""
    subject, body = render_email(name, context, language)
    message = EmailMessage(subject, body, to=list(to), reply_to=[reply_to] if reply_to else None)
    try:
        return message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the %s email to %s", name, ", ".join(to))
        return 0


def send_to_users(users, name, context, reply_to=None):
    """One message per language to the distinct addresses of `users`; returns the number sent."""
    by_language = defaultdict(list)
    seen = set()
    for user in users:
        address = user.email.strip()
        if not address or address.casefold() in seen:
            continue
        seen.add(address.casefold())
        by_language[user_language(user)].append(address)
    sent = 0
    for language, addresses in sorted(by_language.items()):
        sent += send_email(name, {**context, "language": language}, language, addresses, reply_to=reply_to)
    return sent


def page_context(page):
    """What every message about an association page shows: its name and where to see and edit it."""
    return {
        "page": page,
        "public_url": page.full_url if page.live else "",
        "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
    }


def send_invitation(user, page, set_password_url, language, invited_by=None):
    """Tell an invited editor which association they may edit and how to log in."""
    context = {
        **page_context(page),
        "user": user,
        "set_password_url": set_password_url,
        "login_url": admin_url("wagtailadmin_login"),
        "password_reset_url": admin_url("wagtailadmin_password_reset"),
        "link_valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // (24 * 60 * 60)),
        "invited_by": (invited_by.get_full_name() or invited_by.get_username()) if invited_by else "",
    }
    return send_email("invitation", context, language, [user.email])


def notify_registration(page, submission):
    """Tell the coordinators that a new association waits for their review.

    `submission` is the registration form's cleaned data (the contact person's name is only in the email).
    """
    context = {
        **page_context(page),
        "submission": submission,
        "dashboard_url": admin_url("wagtailadmin_home"),
    }
    return send_to_users(coordinators(), "registration", context, reply_to=submission.get("email"))


def notify_outdated_report(report):
    """Tell the association's editors and the coordinators what a visitor reported."""
    page = report.page
    context = {
        **page_context(finnish_original(page)),
        "reported_page": page,
        "reported_url": page.full_url,
        "report": report,
        "report_url": absolute_admin_url(AdminURLFinder().get_edit_url(report)),
    }
    recipients = [*editors_of(page), *coordinators()]
    return send_to_users(recipients, "outdated_report", context, reply_to=report.reporter_email or None)


def send_stale_reminder(page, editors):
    """Ask an association's editors to check its profile: one message per association, in the language
    its editors share (Finnish when they differ)."""
    languages = {user_language(user) for user in editors}
    language = languages.pop() if len(languages) == 1 else settings.LANGUAGE_CODE
    addresses = list(dict.fromkeys(user.email for user in editors if user.email))
    if not addresses:
        return 0
    context = {**page_context(page), "language": language}
    return send_email("stale_reminder", context, language, addresses)

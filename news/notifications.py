"""The email to the coordinators about an offered news item or event (plain-text templates under
`news/templates/news/email/`, in each coordinator's admin language)."""

import logging
from collections import defaultdict

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language_info

from associations.invitations import admin_url, coordinators
from home.mail import user_language

logger = logging.getLogger(__name__)


def notify_offer(page, submission, association):
    """Tell the coordinators that an offered item waits for their review; one message per language.
    Replying reaches the person who sent it. Returns the number of messages sent."""
    by_language = defaultdict(list)
    for user in coordinators():
        by_language[user_language(user)].append(user.email)
    context = {
        "page": page,
        "kind": page.specific_class._meta.verbose_name,
        "association": association,
        "submission": submission,
        "form_language": get_language_info(page.locale.language_code)["name_translated"],
        "edit_url": admin_url("wagtailadmin_pages:edit", page.pk),
    }
    sent = 0
    for language, addresses in sorted(by_language.items()):
        with translation.override(language):
            subject = " ".join(render_to_string("news/email/offer_subject.txt", context).split())
            body = render_to_string("news/email/offer.txt", context)
        message = EmailMessage(subject, body, to=addresses, reply_to=[submission["contact_email"]])
        try:
            sent += message.send()
        except OSError:  # smtplib errors are OSErrors; the draft is saved and visible in the admin
            logger.exception("Could not send the news offer email to %s", ", ".join(addresses))
    return sent

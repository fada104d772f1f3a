"""Emails to (future) subscribers: the confirmation link and "you are already subscribed".

Templates: news/templates/news/newsletter/email/<name>_subject.txt and <name>.txt, in the subscriber's
language. A mail server failure is logged and the visitor still sees the thank-you page: the
subscription is stored and a new attempt sends the link again.
"""

import logging
import smtplib

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from news.newsletter.tokens import CONFIRM_MAX_AGE, confirm_token, manage_token

logger = logging.getLogger(__name__)


def _absolute(request, path):
    return request.build_absolute_uri(path) if request is not None else path


def confirm_url(subscriber, request):
    with translation.override(subscriber.language):
        return _absolute(request, reverse("newsletter_confirm", args=[confirm_token(subscriber)]))


def preferences_url(subscriber, request):
    with translation.override(subscriber.language):
        return _absolute(request, reverse("newsletter_preferences", args=[manage_token(subscriber)]))


def _send(name, context, subscriber):
    with translation.override(subscriber.language):
        subject = render_to_string(f"news/newsletter/email/{name}_subject.txt", context)
        body = render_to_string(f"news/newsletter/email/{name}.txt", context)
    message = EmailMessage(" ".join(subject.split()), body, to=[subscriber.email])
    try:
        return message.send()
    except (smtplib.SMTPException, OSError):
        logger.exception("Could not send the %s email", name)
        return 0


def send_confirmation(subscriber, request):
    context = {"confirm_url": confirm_url(subscriber, request), "days": CONFIRM_MAX_AGE // 86400}
    return _send("confirm", context, subscriber)


def send_already_subscribed(subscriber, request):
    return _send("already_subscribed", {"preferences_url": preferences_url(subscriber, request)}, subscriber)

"""Sending an issue: one `NewsletterDelivery` per recipient, claimed before and marked after each message.

The admin's button queues `news.tasks.send_newsletter_issue` for the background worker; `send_newsletter`
sends from the command line. A rerun (after a crash, another task, or the command run again) only sends
to rows still waiting, so nobody gets a second copy. A row left `sending` by a crash (of the worker or
the command) is not sent again automatically: whether that one message left is unknown, so it is
reported and can be sent deliberately with `--retry-interrupted`.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from home.visibility import public_pages
from news.models import NewsletterDelivery, NewsletterIssue, Subscriber
from news.newsletter.tokens import manage_token

# Each message is the issue rendered once, with the subscriber's own links put in its place.
UNSUBSCRIBE_MARK = "https://unsubscribe.invalid/"
PREFERENCES_MARK = "https://preferences.invalid/"
BATCH = 500

logger = logging.getLogger(__name__)


def site_base_url():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def subscriber_links(subscriber, base_url=None):
    base = (base_url or site_base_url()).rstrip("/")
    token = manage_token(subscriber)
    with translation.override(subscriber.language):
        return (
            base + reverse("newsletter_unsubscribe", args=[token]),
            base + reverse("newsletter_preferences", args=[token]),
        )


def issue_items(issue):
    """The issue's content blocks with the chosen pages loaded (public ones only: a newsletter is public, see
    home.visibility) in one query per type."""
    from wagtail.models import Page

    page_ids = [
        block.value.pk for block in issue.content if block.block_type in ("news", "event") and block.value
    ]
    live = {page.pk: page for page in public_pages(Page).filter(pk__in=page_ids).specific()}
    items = []
    for block in issue.content:
        if block.block_type in ("news", "event"):
            page = live.get(block.value.pk) if block.value else None
            if page is not None:
                items.append({"type": block.block_type, "page": page})
        else:
            items.append({"type": block.block_type, "value": block.value})
    return items


def email_context(issue, unsubscribe_url, preferences_url, base_url=None):
    return {
        "issue": issue,
        "items": issue_items(issue),
        "unsubscribe_url": unsubscribe_url,
        "preferences_url": preferences_url,
        "base_url": (base_url or site_base_url()).rstrip("/"),
        "language": issue.locale.language_code,
    }


class RenderedIssue:
    """The issue's subject, HTML and text rendered once in its language, ready for any subscriber."""

    def __init__(self, issue, base_url=None):
        self.issue = issue
        self.base_url = base_url
        context = email_context(issue, UNSUBSCRIBE_MARK, PREFERENCES_MARK, base_url)
        with translation.override(issue.locale.language_code):
            self.html = render_to_string("news/newsletter/email.html", context)
            self.text = render_to_string("news/newsletter/email.txt", context)
        self.subject = " ".join(issue.subject.split())

    def message(self, subscriber, connection=None):
        unsubscribe, preferences = subscriber_links(subscriber, self.base_url)

        def personal(body):
            return body.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(PREFERENCES_MARK, preferences)

        domain = site_base_url().split("//")[-1].split("/")[0].split(":")[0] or "localhost"
        message = EmailMultiAlternatives(
            self.subject,
            personal(self.text),
            to=[subscriber.email],
            connection=connection,
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                "Message-ID": f"<newsletter-{self.issue.pk}-{subscriber.pk}@{domain}>",
            },
        )
        message.attach_alternative(personal(self.html), "text/html")
        return message


def recipients(issue):
    """Confirmed, still subscribed subscribers of the issue's language whose interests match."""
    categories, municipalities = issue.topic_keys()
    subscribers = Subscriber.objects.filter(
        language=issue.locale.language_code, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).only("pk", "categories", "municipalities")
    return [
        subscriber.pk for subscriber in subscribers.iterator() if subscriber.wants(categories, municipalities)
    ]


def queue(issue):
    """Create the delivery rows of every current recipient (existing rows are kept as they are)."""
    ids = recipients(issue)
    NewsletterDelivery.objects.bulk_create(
        [NewsletterDelivery(issue=issue, subscriber_id=pk) for pk in ids],
        ignore_conflicts=True,
        batch_size=1000,
    )
    return len(ids)


def progress(issue):
    counts = dict.fromkeys((code for code, _label in NewsletterDelivery.STATUSES), 0)
    for row in issue.deliveries.values("status").annotate(n=Count("pk")):
        counts[row["status"]] = row["n"]
    return counts


def send_issue(issue, retry_failed=False, retry_interrupted=False, stop_after=None, base_url=None):
    """Send `issue` to every recipient not yet sent to; returns the counts by status afterwards.

    `stop_after` stops after that many messages (for tests and the benchmark's interrupted run).
    """
    if issue.send_started_at is None:
        NewsletterIssue.objects.filter(pk=issue.pk).update(send_started_at=timezone.now())
    queue(issue)
    rows = NewsletterDelivery.objects.filter(issue=issue)
    retry = []
    if retry_failed:
        retry.append(NewsletterDelivery.FAILED)
    if retry_interrupted:
        retry.append(NewsletterDelivery.SENDING)
    if retry:
        rows.filter(status__in=retry).update(status=NewsletterDelivery.PENDING, updated_at=timezone.now())

    rendered = RenderedIssue(issue, base_url)
    connection = get_connection()
    sent = 0
    try:
        connection.open()
        while stop_after is None or sent < stop_after:
            batch = list(
                rows.filter(status=NewsletterDelivery.PENDING)
                .select_related("subscriber")
                .order_by("pk")[:BATCH]
            )
            if not batch:
                break
            for delivery in batch:
                if stop_after is not None and sent >= stop_after:
                    break
                subscriber = delivery.subscriber
                # Built before the claim, so that a crash between claim and send is as unlikely as can be.
                message = rendered.message(subscriber, connection)
                # Claim the row; another sender that got there first wins and this one moves on.
                claimed = NewsletterDelivery.objects.filter(
                    pk=delivery.pk, status=NewsletterDelivery.PENDING
                ).update(
                    status=NewsletterDelivery.SENDING,
                    attempts=delivery.attempts + 1,
                    updated_at=timezone.now(),
                )
                if not claimed:
                    continue
                if not subscriber.is_active:  # unsubscribed since the rows were made
                    NewsletterDelivery.objects.filter(pk=delivery.pk).update(
                        status=NewsletterDelivery.FAILED,
                        error="unsubscribed before sending",
                        updated_at=timezone.now(),
                    )
                    continue
                try:
                    message.send()
                except Exception as error:  # whatever the mail server or network raised: kept on the row
                    logger.warning("Newsletter %s to %s failed: %s", issue.pk, subscriber.email, error)
                    NewsletterDelivery.objects.filter(pk=delivery.pk).update(
                        status=NewsletterDelivery.FAILED, error=str(error)[:1000], updated_at=timezone.now()
                    )
                    continue
                NewsletterDelivery.objects.filter(pk=delivery.pk).update(
                    status=NewsletterDelivery.SENT, error="", updated_at=timezone.now()
                )
                sent += 1
    finally:
        connection.close()
    return progress(issue)


def send_test(issue, email, base_url=None):
    """The issue as subscribers see it, to one address (an editor's own), with links that do nothing."""
    rendered = RenderedIssue(issue, base_url)
    preview = Subscriber(email=email, language=issue.locale.language_code, key="test")
    message = rendered.message(preview)
    message.subject = f"[TEST] {message.subject}"
    return message.send()

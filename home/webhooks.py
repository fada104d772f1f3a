"""Webhooks: consumers registered in the admin are told when pages are published or unpublished.

Publishing only writes a WebhookDelivery row per active endpoint, after the publish commits: it never
waits for a consumer nor fails because of one. `manage.py deliver_webhooks` (run it every minute, or
with --loop as a worker) sends what is due: a JSON POST signed with the endpoint's secret,

    X-Sakke-Event: page_published
    X-Sakke-Delivery: <delivery id>
    X-Sakke-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>

A 2xx answer delivers it. Otherwise it is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and
12 hours, and then marked failed. Every attempt is kept in the delivery log in the admin.
"""

import hashlib
import hmac
import json
import logging
import urllib.error
import urllib.request
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
TIMEOUT_SECONDS = 5
LEASE = timedelta(minutes=10)  # how long a worker's claim on a batch lasts if it dies while sending
BATCH = 50


def signature(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def page_payload(event, page):
    return {
        "event": event,
        "sent_at": timezone.now().isoformat(),
        "page": {
            "id": page.pk,
            "type": f"{page._meta.app_label}.{type(page).__name__}",
            "locale": page.locale.language_code,
            "title": page.title,
            "html_url": page.full_url,
            "api_url": f"/api/v2/pages/{page.pk}/",
        },
    }


def queue(event, page):
    """Write a pending delivery for every active endpoint once the current transaction commits."""
    from home.models import WebhookDelivery, WebhookEndpoint

    def write():
        endpoints = list(WebhookEndpoint.objects.filter(active=True))
        if not endpoints:
            return
        body = json.dumps(page_payload(event, page), ensure_ascii=False)
        now = timezone.now()
        WebhookDelivery.objects.bulk_create(
            WebhookDelivery(endpoint=endpoint, event=event, payload=body, next_attempt_at=now)
            for endpoint in endpoints
        )

    transaction.on_commit(write)


def on_published(sender, instance, **kwargs):
    queue("page_published", instance)


def on_unpublished(sender, instance, **kwargs):
    queue("page_unpublished", instance)


def register():
    from wagtail.signals import page_published, page_unpublished

    page_published.connect(on_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="webhooks-unpublished")


def send(delivery, now=None):
    """One attempt; the outcome is written on the delivery."""
    body = delivery.payload.encode()
    request = urllib.request.Request(
        delivery.endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "sakke-webhooks/1",
            "X-Sakke-Event": delivery.event,
            "X-Sakke-Delivery": str(delivery.pk),
            "X-Sakke-Signature": signature(delivery.endpoint.secret, body),
        },
    )
    now = now or timezone.now()
    delivery.attempts += 1
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            delivery.response_status = response.status
        delivery.status, delivery.delivered_at, delivery.last_error = delivery.DELIVERED, now, ""
    except urllib.error.HTTPError as error:
        delivery.response_status = error.code
        _retry_later(delivery, now, f"HTTP {error.code}")
    except (urllib.error.URLError, OSError, ValueError) as error:
        delivery.response_status = None
        _retry_later(delivery, now, str(getattr(error, "reason", error)))
    delivery.save()
    return delivery


def _retry_later(delivery, now, message):
    delivery.last_error = message[:1000]
    if delivery.attempts > len(RETRY_DELAYS):
        delivery.status = delivery.FAILED
        logger.warning("Webhook %s to %s failed for good: %s", delivery.pk, delivery.endpoint.url, message)
    else:
        delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]


def deliver_due(now=None):
    """Send every pending delivery whose time has come; returns how many were attempted."""
    from home.models import WebhookDelivery

    now = now or timezone.now()
    # Several workers may run: each claims its batch (rows locked by another worker are skipped on
    # PostgreSQL) by moving the next attempt past a lease, so no delivery is sent twice at once.
    with transaction.atomic():
        due = list(
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .filter(status=WebhookDelivery.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")[:BATCH]
        )
        WebhookDelivery.objects.filter(pk__in=[delivery.pk for delivery in due]).update(
            next_attempt_at=now + LEASE
        )
    for delivery in WebhookDelivery.objects.filter(pk__in=[d.pk for d in due]).select_related("endpoint"):
        send(delivery, now)
    return len(due)

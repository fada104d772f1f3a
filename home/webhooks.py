"""Webhooks: consumers registered in the admin are told when pages are published or unpublished.

Publishing only writes a WebhookDelivery row per active endpoint, after the publish commits, and queues a
`deliver_webhook` task for each on the background worker (`manage.py db_worker --backend
background`): publishing never waits for a consumer nor fails because of one. The task sends a JSON POST
signed with the endpoint's secret,

    X-Sakke-Event: page_published
    X-Sakke-Delivery: <delivery id>
    X-Sakke-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>

A 2xx answer delivers it. Otherwise it is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and
12 hours (each attempt queues the next as a task to run at that time), and then marked failed. Every
attempt is kept in the delivery log in the admin: the answer's status code and at most a short excerpt of
its status line, never its body. `manage.py deliver_webhooks` sends whatever is due by hand (catch-up).

Targets must be on the public internet (home/webhook_targets.py).
"""

import hashlib
import hmac
import http.client
import json
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.signals import page_published, page_unpublished

from home.models import WebhookDelivery, WebhookEndpoint
from home.tasks import BACKGROUND
from home.webhook_targets import STATUS_EXCERPT, TargetRefused, post

logger = logging.getLogger(__name__)

RETRY_DELAYS = [
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=12),
]
LEASE = timedelta(minutes=10)  # how long a claim on a delivery lasts if its worker dies while sending


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
    """Once the current transaction commits, write a pending delivery for every active endpoint and queue
    its task. Pages behind a view restriction are never announced: consumers are other sites, and the title
    is the page's own."""
    if page.get_view_restrictions().exists():
        return

    def write():
        endpoints = list(WebhookEndpoint.objects.filter(active=True))
        if not endpoints:
            return
        body = json.dumps(page_payload(event, page), ensure_ascii=False)
        now = timezone.now()
        # The queue is in the same database: the rows and their tasks are committed together or not at all.
        with transaction.atomic():
            deliveries = WebhookDelivery.objects.bulk_create(
                WebhookDelivery(endpoint=endpoint, event=event, payload=body, next_attempt_at=now)
                for endpoint in endpoints
            )
            for delivery in deliveries:
                schedule(delivery.pk)

    transaction.on_commit(write)


def schedule(delivery_id, when=None):
    """Queue an attempt at a delivery on the background worker, at `when` or as soon as it can."""
    (deliver_webhook.using(run_after=when) if when else deliver_webhook).enqueue(delivery_id)


def on_published(sender, instance, **kwargs):
    queue("page_published", instance)


def on_unpublished(sender, instance, **kwargs):
    queue("page_unpublished", instance)


def register():
    page_published.connect(on_published, dispatch_uid="webhooks-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="webhooks-unpublished")


def send(delivery, now=None):
    """One attempt; the outcome is written on the delivery."""
    body = delivery.payload.encode()
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "sakke-webhooks/1",
        "X-Sakke-Event": delivery.event,
        "X-Sakke-Delivery": str(delivery.pk),
        "X-Sakke-Signature": signature(delivery.endpoint.secret, body),
    }
    now = now or timezone.now()
    delivery.attempts += 1
    try:
        delivery.response_status, status_line = post(delivery.endpoint.url, body, headers)
    except TargetRefused as error:
        delivery.response_status = None
        _retry_later(delivery, now, str(error))
    except (OSError, http.client.HTTPException, ValueError) as error:
        delivery.response_status = None
        _retry_later(delivery, now, (str(error) or type(error).__name__)[:STATUS_EXCERPT])
    else:
        if 200 <= delivery.response_status < 300:
            delivery.status, delivery.delivered_at, delivery.last_error = delivery.DELIVERED, now, ""
        else:
            _retry_later(delivery, now, status_line)
    delivery.save()
    return delivery


def _retry_later(delivery, now, message):
    delivery.last_error = message[:1000]
    if delivery.attempts > len(RETRY_DELAYS):
        delivery.status = delivery.FAILED
        logger.warning("Webhook %s to %s failed for good: %s", delivery.pk, delivery.endpoint.url, message)
    else:
        delivery.next_attempt_at = now + RETRY_DELAYS[delivery.attempts - 1]


def attempt(delivery_id, now=None):
    """Send one delivery if it is still waiting and due; returns whether it was attempted.

    The claim is a single conditional UPDATE that moves the next attempt past a lease, so of the tasks and
    catch-up runs that reach a delivery at the same time only one sends it. In the same transaction a
    later attempt is queued for when the lease ends: if this worker dies while posting, that one resumes.
    """
    now = now or timezone.now()
    with transaction.atomic():
        claimed = WebhookDelivery.objects.filter(
            pk=delivery_id, status=WebhookDelivery.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + LEASE)
        if not claimed:
            return False  # delivered, given up, claimed by another worker or not due yet
        schedule(delivery_id, now + LEASE)
    delivery = send(WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id), now)
    if delivery.status == WebhookDelivery.PENDING:
        schedule(delivery.pk, delivery.next_attempt_at)
    return True


def deliver_due(now=None):
    """Attempt every waiting delivery whose time has come (the catch-up of `manage.py deliver_webhooks`);
    returns how many were attempted. A failure queues its next attempt on the worker as usual."""
    now = now or timezone.now()
    due = WebhookDelivery.objects.filter(status=WebhookDelivery.PENDING, next_attempt_at__lte=now)
    return sum(attempt(pk, now) for pk in due.order_by("next_attempt_at").values_list("pk", flat=True))


@task(backend=BACKGROUND)
def deliver_webhook(delivery_id):
    """One attempt at one webhook notification when it is due; a failed attempt queues the next one."""
    return attempt(delivery_id)

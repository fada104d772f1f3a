"""Webhooks: publishing queues signed notifications; a worker sends them, retries with back-off, logs."""

import hashlib
import hmac
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from home.factories import StandardPageFactory
from home.models import WebhookDelivery, WebhookEndpoint
from home.webhooks import RETRY_DELAYS, deliver_due

pytestmark = pytest.mark.django_db


class Consumer:
    """A real HTTP server on 127.0.0.1 that records what it receives and answers with `status`."""

    def __init__(self):
        self.received = []
        self.status = 200
        consumer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                consumer.received.append((dict(self.headers), body))
                self.send_response(consumer.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def consumer():
    server = Consumer()
    yield server
    server.close()


def test_publish_queues_and_worker_sends_a_signed_notification(
    consumer, home_page, django_capture_on_commit_callbacks
):
    endpoint = WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url)
    WebhookEndpoint.objects.create(name="Off", url=consumer.url, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=home_page, title="Tiedote")
        page.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.PENDING and not consumer.received  # publishing did not wait

    call_command("deliver_webhooks", verbosity=0)
    headers, body = consumer.received[0]
    expected = "sha256=" + hmac.new(endpoint.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Sakke-Signature"] == expected
    assert headers["X-Sakke-Event"] == "page_published"
    payload = json.loads(body)
    assert payload["page"]["id"] == page.pk and payload["page"]["locale"] == "fi"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.DELIVERED and delivery.response_status == 200


def test_failures_are_retried_with_back_off_then_given_up(
    consumer, home_page, django_capture_on_commit_callbacks
):
    consumer.status = 500
    WebhookEndpoint.objects.create(name="Down", url=consumer.url)
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=home_page, title="Tiedote")
        page.save_revision().publish()
        page.unpublish()
    assert set(WebhookDelivery.objects.values_list("event", flat=True)) == {
        "page_published",
        "page_unpublished",
    }
    WebhookDelivery.objects.filter(event="page_published").delete()

    now = timezone.now()
    assert deliver_due(now) == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.PENDING and delivery.attempts == 1
    assert delivery.response_status == 500 and delivery.last_error == "HTTP 500"
    assert delivery.next_attempt_at == pytest.approx(now + RETRY_DELAYS[0], abs=timedelta(seconds=5))
    assert deliver_due(now) == 0  # not due yet

    moment = now
    for delay in RETRY_DELAYS:
        moment += delay + timedelta(seconds=1)
        deliver_due(moment)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.FAILED and delivery.attempts == len(RETRY_DELAYS) + 1
    assert len(consumer.received) == len(RETRY_DELAYS) + 1


def test_unreachable_consumer_never_breaks_publishing(home_page, django_capture_on_commit_callbacks):
    WebhookEndpoint.objects.create(name="Nowhere", url="http://127.0.0.1:9/hook")
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home_page, title="Tiedote").save_revision().publish()
    deliver_due()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.PENDING and delivery.attempts == 1 and delivery.last_error


def test_coordinators_manage_webhooks_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/snippets/home/webhookendpoint/").status_code == 200
    assert client.get("/admin/snippets/home/webhookdelivery/").status_code == 200
    response = client.post(
        "/admin/snippets/home/webhookendpoint/add/",
        {"name": "Kuopio", "url": "not a url", "secret": "x", "active": "on"},
    )
    assert response.status_code == 200 and "url" in response.context["form"].errors

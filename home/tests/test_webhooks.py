"""Webhooks: publishing queues signed notifications; a worker sends them, retries with back-off, logs."""

import hashlib
import hmac
import json
import socket
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from home.factories import StandardPageFactory
from home.models import WebhookDelivery, WebhookEndpoint
from home.webhooks import RETRY_DELAYS, STATUS_EXCERPT, deliver_due

pytestmark = pytest.mark.django_db


class Consumer:
    """A real HTTP server on 127.0.0.1 that records what it receives and answers with `status`."""

    def __init__(self):
        self.received = []
        self.status = 200
        self.reason = None
        self.headers = {}
        self.body = b""
        consumer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                consumer.received.append((dict(self.headers), body))
                self.send_response(consumer.status, consumer.reason)
                for name, value in consumer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(consumer.body)

            do_GET = do_POST

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


@pytest.fixture
def private_targets(settings):
    """The test consumer listens on 127.0.0.1, which webhooks may only reach when this is allowed."""
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = True


def test_publish_queues_and_worker_sends_a_signed_notification(
    consumer, private_targets, home_page, django_capture_on_commit_callbacks
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


def test_pages_behind_a_view_restriction_are_not_announced(
    consumer, private_targets, home_page, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url)
    members = StandardPageFactory(parent=home_page, title="Jäsenille")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=members, title="Hallituksen pöytäkirja")
        page.save_revision().publish()
        page.unpublish()
    assert not WebhookDelivery.objects.exists()


def test_failures_are_retried_with_back_off_then_given_up(
    consumer, private_targets, home_page, django_capture_on_commit_callbacks
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
    assert delivery.response_status == 500 and delivery.last_error == "HTTP 500 Internal Server Error"
    assert delivery.next_attempt_at == pytest.approx(now + RETRY_DELAYS[0], abs=timedelta(seconds=5))
    assert deliver_due(now) == 0  # not due yet

    moment = now
    for delay in RETRY_DELAYS:
        moment += delay + timedelta(seconds=1)
        deliver_due(moment)
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.FAILED and delivery.attempts == len(RETRY_DELAYS) + 1
    assert len(consumer.received) == len(RETRY_DELAYS) + 1


def test_unreachable_consumer_never_breaks_publishing(
    private_targets, home_page, django_capture_on_commit_callbacks
):
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


INTERNAL_URLS = [
    "http://127.0.0.1:8000/hook",
    "http://10.0.0.1/hook",
    "http://172.16.5.4/hook",
    "http://192.168.1.1/hook",
    "http://169.254.169.254/latest/meta-data/",
    "http://100.64.0.1/hook",
    "http://0.0.0.0/hook",
    "http://224.0.0.1/hook",
    "http://240.0.0.1/hook",
    "http://[::1]/hook",
    "http://[::]/hook",
    "http://[fd00::1]/hook",
    "http://[fe80::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[::ffff:10.0.0.1]/hook",
    "http://[2002:7f00:1::1]/hook",
    "http://localhost:8000/hook",
]


@pytest.mark.parametrize("url", INTERNAL_URLS)
def test_internal_addresses_are_refused_when_a_webhook_is_saved(client, coordinator, url):
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/home/webhookendpoint/add/",
        {"name": "Sisäinen", "url": url, "secret": "x", "active": "on"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "vain julkisiin osoitteisiin" in " ".join(form.errors["url"])
    assert form["url"].value() == url  # what the coordinator typed is kept
    assert not WebhookEndpoint.objects.exists()


@pytest.mark.parametrize("url", ["ftp://93.184.216.34/hook", "http://[::1", "http://93.184.216.34:99999/"])
def test_only_http_and_https_targets_are_accepted(client, coordinator, url):
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/home/webhookendpoint/add/",
        {"name": "FTP", "url": url, "secret": "x", "active": "on"},
    )
    assert response.status_code == 200 and "url" in response.context["form"].errors
    assert not WebhookEndpoint.objects.exists()


def test_public_addresses_are_accepted(client, coordinator):
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/home/webhookendpoint/add/",
        {"name": "Kuopio", "url": "https://93.184.216.34/hook", "secret": "x", "active": "on"},
    )
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "https://93.184.216.34/hook"


def test_internal_addresses_are_accepted_when_the_setting_allows_them(client, coordinator, private_targets):
    client.force_login(coordinator)
    response = client.post(
        "/admin/snippets/home/webhookendpoint/add/",
        {"name": "Sisäverkko", "url": "http://10.0.0.1/hook", "secret": "x", "active": "on"},
    )
    assert response.status_code == 302 and WebhookEndpoint.objects.count() == 1


def queue_one(endpoint):
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event="page_published", payload="{}", next_attempt_at=timezone.now()
    )


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_delivery_to_an_internal_address_is_refused_even_if_it_was_saved(consumer, host):
    # Saved while the setting allowed it, or a name that resolved elsewhere when it was saved.
    url = consumer.url.replace("127.0.0.1", host)
    delivery = queue_one(WebhookEndpoint.objects.create(name="Sisäinen", url=url))
    deliver_due()
    delivery.refresh_from_db()
    assert not consumer.received
    assert delivery.status == WebhookDelivery.PENDING and delivery.response_status is None
    assert "vain julkisiin osoitteisiin" in delivery.last_error


def test_delivery_connects_to_the_address_it_checked(consumer, monkeypatch):
    """DNS rebinding: a name that is public when checked and internal a moment later is not followed."""
    real_getaddrinfo, real_connect = socket.getaddrinfo, socket.socket.connect
    answers = ["93.184.216.34", "127.0.0.1", "127.0.0.1"]
    connected = []

    def rebinding_getaddrinfo(host, port, *args, **kwargs):
        if host != "hooks.example.fi":
            return real_getaddrinfo(host, port, *args, **kwargs)
        return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (answers.pop(0), port))]

    def recording_connect(sock, address):
        connected.append(address)
        if address[0] != "127.0.0.1":  # the test never leaves this machine
            raise ConnectionRefusedError("not in tests")
        return real_connect(sock, address)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    monkeypatch.setattr(socket.socket, "connect", recording_connect)
    port = consumer.server.server_port
    delivery = queue_one(
        WebhookEndpoint.objects.create(name="Rebind", url=f"http://hooks.example.fi:{port}/")
    )
    deliver_due()
    delivery.refresh_from_db()
    assert connected == [("93.184.216.34", port)]
    assert not consumer.received and delivery.status == WebhookDelivery.PENDING


def test_the_delivery_log_keeps_a_short_status_excerpt_not_the_answer(consumer, private_targets):
    consumer.status, consumer.reason = 500, "Broken " + "x" * 1000
    consumer.body = b"root:x:0:0:root:/root:/bin/bash internal secrets"
    delivery = queue_one(WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url))
    deliver_due()
    delivery.refresh_from_db()
    assert delivery.response_status == 500
    assert delivery.last_error.startswith("HTTP 500 Broken xxx")
    assert len(delivery.last_error) <= STATUS_EXCERPT
    assert "root:" not in delivery.last_error and "secrets" not in str(vars(delivery))


def test_redirects_are_not_followed(consumer, private_targets):
    consumer.status = 302
    consumer.headers = {"Location": consumer.url.replace("/hook", "/elsewhere")}
    delivery = queue_one(WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url))
    deliver_due()
    delivery.refresh_from_db()
    assert len(consumer.received) == 1
    assert delivery.status == WebhookDelivery.PENDING and delivery.last_error == "HTTP 302 Found"

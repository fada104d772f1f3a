"""Webhooks: publishing queues signed notifications; the background worker sends them, retries with
back-off, logs; a worker killed while posting is made good by the task queued for when its claim lapses."""

import hashlib
import hmac
import json
import signal
import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from home.factories import StandardPageFactory
from home.models import WebhookDelivery, WebhookEndpoint
from home.webhook_targets import STATUS_EXCERPT
from home.webhooks import LEASE, RETRY_DELAYS, schedule

pytestmark = pytest.mark.django_db


class Consumer:
    """A real HTTP server on 127.0.0.1 that records what it receives and answers with `status`."""

    def __init__(self):
        self.received = []
        self.status = 200
        self.reason = None
        self.headers = {}
        self.body = b""
        self.stall = None  # an Event: when set, the next request waits for it before answering
        consumer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                consumer.received.append((dict(self.headers), body))
                if consumer.stall is not None:
                    stall, consumer.stall = consumer.stall, None
                    stall.wait(30)
                    return  # no answer: the caller was killed meanwhile
                self.send_response(consumer.status, consumer.reason)
                for name, value in consumer.headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(consumer.body)

            do_GET = do_POST

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
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


def time_passes(delay):
    """Move every waiting delivery and queued task `delay` earlier, as if that much time had gone by."""
    WebhookDelivery.objects.update(next_attempt_at=F("next_attempt_at") - delay)
    DBTaskResult.objects.filter(status="READY").exclude(run_after=get_date_max()).update(
        run_after=F("run_after") - delay
    )


def test_publish_queues_and_worker_sends_a_signed_notification(
    consumer, private_targets, home_page, django_capture_on_commit_callbacks, run_worker
):
    endpoint = WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url)
    WebhookEndpoint.objects.create(name="Off", url=consumer.url, active=False)
    with django_capture_on_commit_callbacks(execute=True):
        page = StandardPageFactory(parent=home_page, title="Tiedote")
        page.save_revision().publish()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.PENDING and not consumer.received  # publishing did not wait

    run_worker()
    assert len(consumer.received) == 1
    headers, body = consumer.received[0]
    expected = "sha256=" + hmac.new(endpoint.secret.encode(), body, hashlib.sha256).hexdigest()
    assert headers["X-Sakke-Signature"] == expected
    assert headers["X-Sakke-Event"] == "page_published"
    payload = json.loads(body)
    assert payload["page"]["id"] == page.pk and payload["page"]["locale"] == "fi"
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.DELIVERED and delivery.response_status == 200
    time_passes(LEASE)  # the task queued in case the worker had died while posting finds nothing to do
    run_worker()
    assert len(consumer.received) == 1


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
    consumer, private_targets, home_page, django_capture_on_commit_callbacks, run_worker
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

    started = timezone.now()
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.PENDING and delivery.attempts == 1
    assert delivery.response_status == 500 and delivery.last_error == "HTTP 500 Internal Server Error"
    assert delivery.next_attempt_at == pytest.approx(started + RETRY_DELAYS[0], abs=timedelta(seconds=5))
    run_worker()
    assert len(consumer.received) == 1  # the next attempt waits for its time

    for attempts, delay in enumerate(RETRY_DELAYS, start=2):
        time_passes(delay - timedelta(seconds=5))
        run_worker()
        assert len(consumer.received) == attempts - 1, "an attempt ran before its time"
        time_passes(timedelta(seconds=6))
        run_worker()
        delivery.refresh_from_db()
        assert (delivery.attempts, len(consumer.received)) == (attempts, attempts)
    assert delivery.status == WebhookDelivery.FAILED and delivery.attempts == len(RETRY_DELAYS) + 1
    time_passes(timedelta(days=1))  # nothing is tried after giving up
    run_worker()
    assert len(consumer.received) == len(RETRY_DELAYS) + 1


def test_unreachable_consumer_never_breaks_publishing(
    private_targets, home_page, django_capture_on_commit_callbacks, run_worker
):
    WebhookEndpoint.objects.create(name="Nowhere", url="http://127.0.0.1:9/hook")
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=home_page, title="Tiedote").save_revision().publish()
    run_worker()
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
    """A delivery and its task, as publishing queues them."""
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint, event="page_published", payload="{}", next_attempt_at=timezone.now()
    )
    schedule(delivery.pk)
    return delivery


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_delivery_to_an_internal_address_is_refused_even_if_it_was_saved(consumer, host, run_worker):
    # Saved while the setting allowed it, or a name that resolved elsewhere when it was saved.
    url = consumer.url.replace("127.0.0.1", host)
    delivery = queue_one(WebhookEndpoint.objects.create(name="Sisäinen", url=url))
    run_worker()
    delivery.refresh_from_db()
    assert not consumer.received
    assert delivery.status == WebhookDelivery.PENDING and delivery.response_status is None
    assert "vain julkisiin osoitteisiin" in delivery.last_error


def test_delivery_connects_to_the_address_it_checked(consumer, monkeypatch, run_worker):
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
    run_worker()
    delivery.refresh_from_db()
    assert connected == [("93.184.216.34", port)]
    assert not consumer.received and delivery.status == WebhookDelivery.PENDING


def test_the_delivery_log_keeps_a_short_status_excerpt_not_the_answer(consumer, private_targets, run_worker):
    consumer.status, consumer.reason = 500, "Broken " + "x" * 1000
    consumer.body = b"root:x:0:0:root:/root:/bin/bash internal secrets"
    delivery = queue_one(WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url))
    run_worker()
    delivery.refresh_from_db()
    assert delivery.response_status == 500
    assert delivery.last_error.startswith("HTTP 500 Broken xxx")
    assert len(delivery.last_error) <= STATUS_EXCERPT
    assert "root:" not in delivery.last_error and "secrets" not in str(vars(delivery))


def test_redirects_are_not_followed(consumer, private_targets, run_worker):
    consumer.status = 302
    consumer.headers = {"Location": consumer.url.replace("/hook", "/elsewhere")}
    delivery = queue_one(WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url))
    run_worker()
    delivery.refresh_from_db()
    assert len(consumer.received) == 1
    assert delivery.status == WebhookDelivery.PENDING and delivery.last_error == "HTTP 302 Found"


def test_catch_up_command_sends_deliveries_that_have_no_task(consumer, private_targets, run_worker, capsys):
    """Deliveries written before the worker took over have no task: `deliver_webhooks` sends them, and a
    failure goes on to the worker's retries."""
    endpoint = WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url)
    waiting = timezone.now() - timedelta(minutes=1)
    first, second = (
        WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload="{}", next_attempt_at=waiting)
        for event in ("page_published", "page_unpublished")
    )
    consumer.status = 503
    call_command("deliver_webhooks")
    assert "2 webhook notification(s) attempted." in capsys.readouterr().out
    assert len(consumer.received) == 2
    call_command("deliver_webhooks")  # nothing is due any more: a second run sends nothing
    assert len(consumer.received) == 2

    consumer.status = 200
    time_passes(RETRY_DELAYS[0])
    run_worker()
    for delivery in (first, second):
        delivery.refresh_from_db()
        assert delivery.status == WebhookDelivery.DELIVERED and delivery.attempts == 2
    assert len(consumer.received) == 4


def test_a_worker_killed_while_posting_is_made_good_after_the_lease(
    worker_process, consumer, private_targets, run_worker
):
    """A real worker process is killed (SIGKILL) while the consumer has not answered yet: the task queued
    with the claim sends the notification again once the claim lapses (consumers may see a delivery id
    twice, never lose one)."""
    released = threading.Event()
    consumer.stall = released
    delivery = queue_one(WebhookEndpoint.objects.create(name="Kuopio", url=consumer.url))
    worker = worker_process(
        "--interval=0.1", "--no-startup-delay", env={"WEBHOOK_ALLOW_PRIVATE_TARGETS": "true"}
    )
    deadline = time.monotonic() + 60
    while not consumer.received:
        assert worker.poll() is None, f"The worker stopped:\n{worker.communicate()[0].decode()}"
        assert time.monotonic() < deadline, "The worker posted nothing within 60 s"
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    released.set()

    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.PENDING and delivery.attempts == 0  # the attempt never ended
    run_worker()
    assert len(consumer.received) == 1  # claimed: not tried again before the lease ends
    time_passes(LEASE)
    run_worker()
    delivery.refresh_from_db()
    assert delivery.status == WebhookDelivery.DELIVERED and len(consumer.received) == 2
    headers = [received[0] for received in consumer.received]
    assert headers[0]["X-Sakke-Delivery"] == headers[1]["X-Sakke-Delivery"] == str(delivery.pk)

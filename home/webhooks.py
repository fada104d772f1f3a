"""Webhooks: consumers registered in the admin are told when pages are published or unpublished.

Publishing only writes a WebhookDelivery row per active endpoint, after the publish commits: it never
waits for a consumer nor fails because of one. `manage.py deliver_webhooks` (run it every minute, or
with --loop as a worker) sends what is due: a JSON POST signed with the endpoint's secret,

    X-Sakke-Event: page_published
    X-Sakke-Delivery: <delivery id>
    X-Sakke-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>

A 2xx answer delivers it. Otherwise it is tried again after 1 minute, 5 minutes, 30 minutes, 2 hours and
12 hours, and then marked failed. Every attempt is kept in the delivery log in the admin: the answer's
status code and at most a short excerpt of its status line, never its body.

Targets must be on the public internet: an address that is, or whose name resolves to, a private, loopback,
link-local, multicast, reserved or unspecified address (IPv4, IPv6, IPv6 unique-local, IPv4-mapped IPv6) is
refused when the webhook is saved and again at each delivery, unless WEBHOOK_ALLOW_PRIVATE_TARGETS. Each
delivery connects to the very address it checked (no second DNS lookup a rebinding name could change), does
not follow redirects and ignores proxy environment variables.
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import socket
import ssl
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

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
STATUS_EXCERPT = 200  # characters of the answer's status line kept in the delivery log


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
    """Write a pending delivery for every active endpoint once the current transaction commits. Pages behind
    a view restriction are never announced: consumers are other sites, and the title is the page's own."""
    from home.models import WebhookDelivery, WebhookEndpoint

    if page.get_view_restrictions().exists():
        return

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


class TargetRefused(Exception):
    """The webhook's address is not one the site may send to (see check_target)."""


def is_public_address(address):
    """Whether an IP address is on the public internet (not private, loopback, link-local, multicast...)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 scope ("%eth0") names no other host
    if ip.version == 6 and (embedded := ip.ipv4_mapped or ip.sixtofour):
        ip = embedded  # ::ffff:127.0.0.1 and 2002:7f00:1:: reach the IPv4 address inside
    internal = (
        ip.is_loopback
        or ip.is_private  # includes IPv6 unique-local fc00::/7
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
    )
    # is_global also leaves out shared address space (100.64.0.0/10, carrier NAT) and other special ranges.
    return ip.is_global and not internal


def resolve_target(url):
    """The socket addresses to connect to for a webhook URL, each checked; raises TargetRefused.

    Every address the name resolves to is checked, not only the first: a name with one public and one
    internal address is refused.
    """
    try:
        parts = urlsplit(url)
        hostname = parts.hostname
    except ValueError:  # "http://[::1" and the like; URLField says what is wrong with it
        raise TargetRefused(_("Only http and https addresses can be used.")) from None
    if parts.scheme not in ("http", "https") or not hostname:
        raise TargetRefused(_("Only http and https addresses can be used."))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        found = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError, ValueError):
        message = _("The host name %(host)s could not be resolved.") % {"host": parts.hostname}
        raise TargetRefused(message) from None
    if not settings.WEBHOOK_ALLOW_PRIVATE_TARGETS:
        for *_rest, sockaddr in found:
            if not is_public_address(sockaddr[0]):
                raise TargetRefused(
                    _("%(address)s is an internal address: webhooks go to public addresses only.")
                    % {"address": sockaddr[0]}
                )
    return found


def check_target(url):
    """Raise TargetRefused unless the site may send webhooks to `url` now."""
    resolve_target(url)


def _connect(found, timeout):
    """A socket connected to the first reachable of the checked addresses."""
    error = OSError("no address")
    for family, kind, proto, _name, sockaddr in found:
        sock = socket.socket(family, kind, proto)
        sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
        except OSError as failure:
            sock.close()
            error = failure
        else:
            return sock
    raise error


class _CheckedHTTPConnection(http.client.HTTPConnection):
    """HTTP to addresses resolved and checked once (resolve_target), with the URL's name as Host."""

    def __init__(self, host, port, found, timeout):
        super().__init__(host, port, timeout=timeout)
        self.found = found

    def connect(self):
        self.sock = _connect(self.found, self.timeout)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to the checked addresses; the certificate is verified against the URL's host name."""

    def __init__(self, host, port, found, timeout):
        self.tls = ssl.create_default_context()
        super().__init__(host, port, timeout=timeout, context=self.tls)
        self.found = found

    def connect(self):
        self.sock = self.tls.wrap_socket(_connect(self.found, self.timeout), server_hostname=self.host)


def post(url, body, headers):
    """POST to a checked webhook target; returns (status, status line excerpt). The body is not read."""
    found = resolve_target(url)
    parts = urlsplit(url)
    connection_class = _CheckedHTTPSConnection if parts.scheme == "https" else _CheckedHTTPConnection
    # The port is always given: http.client would read the last group of an IPv6 address as one.
    port = found[0][4][1]
    connection = connection_class(parts.hostname, port, found, TIMEOUT_SECONDS)
    try:
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection.request("POST", target, body, headers)
        response = connection.getresponse()
        return response.status, f"HTTP {response.status} {response.reason}".strip()[:STATUS_EXCERPT]
    finally:
        connection.close()


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

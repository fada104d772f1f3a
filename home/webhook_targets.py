"""Where webhooks may be sent, and the HTTP POST that sends them.

Targets must be on the public internet: an address that is, or whose name resolves to, a private, loopback,
link-local, multicast, reserved or unspecified address (IPv4, IPv6, IPv6 unique-local, IPv4-mapped IPv6) is
refused when the webhook is saved and again at each delivery, unless WEBHOOK_ALLOW_PRIVATE_TARGETS. Each
delivery connects to the very address it checked (no second DNS lookup a rebinding name could change), does
not follow redirects and ignores proxy environment variables.
"""

import http.client
import ipaddress
import socket
import ssl
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

TIMEOUT_SECONDS = 5
STATUS_EXCERPT = 200  # characters of the answer's status line kept in the delivery log


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

"""The address of the client behind the trusted proxies: the one definition every per-address limit uses.

The public forms' rate limit, the API's rate limit (DRF's throttle and the API cache), the password reset
throttle and the login lockout (django-axes) all call `client_ip`. With API_PROXIES = N trusted proxies in
front of the app, each appending the address it saw to X-Forwarded-For, the client is the N-th entry from
the right; what a client writes further left is its own claim and ignored. Without proxies the header is
ignored altogether (anyone could send it), and the client is REMOTE_ADDR.

Hand-written rather than django-ipware: X-Forwarded-For has no quoting, but ipware's lenient parser
treats a double quote as one, so a client could hide the entries our proxies add behind an unclosed
quote and choose its own address. Splitting on commas and counting from the right cannot be fooled
that way; an entry that is not an IP address falls back to REMOTE_ADDR (django-axes stores the
address in an IP address column).
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address as a string (REMOTE_ADDR when the proxy header does not name one)."""
    proxies = settings.API_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        entries = forwarded.split(",")
        if len(entries) >= proxies:
            address = _address(entries[-proxies])
            if address:
                return address
    return request.META.get("REMOTE_ADDR", "")


def _address(entry):
    """The IP address in one X-Forwarded-For entry ("198.51.100.7", "[2001:db8::1]:443", "198.51.100.7:80"),
    or "" when it is none."""
    entry = entry.strip()
    if entry.startswith("["):  # [IPv6]:port
        entry = entry[1:].split("]", 1)[0]
    elif entry.count(":") == 1:  # IPv4:port
        entry = entry.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(entry))
    except ValueError:
        return ""

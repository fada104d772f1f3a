"""The address of the client behind the trusted proxies: the one definition every per-address limit uses.

The public forms' rate limit, the API's rate limit (DRF's throttle and the API cache) and the login
lockout (django-axes) all call `client_ip`. With API_PROXIES = N trusted proxies in front of the app,
each appending the address it saw to X-Forwarded-For, the client is the N-th address from the right;
what a client writes further left is its own claim and ignored. Without proxies the header is ignored
altogether (anyone could send it), and the client is REMOTE_ADDR.

django-ipware parses the header (IPv6, ports, RFC 7239 forms) and skips malformed entries, so the
address is always a valid IP: django-axes stores it in an IP address column.
"""

from django.conf import settings
from ipware import get_client_ip


def client_ip(request):
    """The client's IP address as a string (REMOTE_ADDR when the proxy header does not name one)."""
    proxies = settings.API_PROXIES
    if proxies:
        # ipware counts the proxies *between* the client and the last proxy, which appears only as
        # REMOTE_ADDR: that is one fewer than the entries our proxies append. Not strict: a client may
        # send a header of its own, which the proxies extend.
        address, _routable = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return address
    return request.META.get("REMOTE_ADDR", "")

"""The address of the client behind the trusted proxies, for the login lockout (django-axes).

Counts proxies the way the API's rate limit does (API_PROXIES, Django REST framework's NUM_PROXIES): with
N proxies in front, the client is the N-th address from the right of X-Forwarded-For. Without proxies, or
when the header is shorter than that, it is REMOTE_ADDR: a client cannot choose its address by sending
the header itself.
"""

from django.conf import settings


def client_ip(request):
    proxies = settings.API_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        addresses = [address.strip() for address in forwarded.split(",") if address.strip()]
        if len(addresses) >= proxies:
            return addresses[-proxies]
    return request.META.get("REMOTE_ADDR")

"""The anonymous rate limit of the public API (API_RATE_LIMIT), counted once per request per client address.

Two places count against the same limit, so a cached answer costs a request like any other: the API cache
middleware counts every anonymous GET under /api/ before it looks in its cache (a hit never reaches a
view), and DRF's throttle counts the requests the middleware did not see. The client address is
home.client_ip's, the same one the public forms' limit and the login lockout use.
"""

import math

from django.http import JsonResponse
from rest_framework.exceptions import Throttled
from rest_framework.throttling import AnonRateThrottle

from home.client_ip import client_ip

# Set on a request the API cache middleware has counted, so DRF's throttle does not count it again.
COUNTED = "api_rate_limit_counted"


class APIRateThrottle(AnonRateThrottle):
    """DRF's anonymous throttle (scope "anon") keyed by home.client_ip instead of DRF's NUM_PROXIES."""

    def get_ident(self, request):
        return client_ip(request)

    def allow_request(self, request, view):
        if getattr(request, COUNTED, False):
            return True
        return super().allow_request(request, view)


def count_api_request(request):
    """Count `request` against the anonymous limit: None when it may go on, else the 429 answer."""
    throttle = APIRateThrottle()
    allowed = throttle.allow_request(request, None)
    setattr(request, COUNTED, True)
    if allowed:
        return None
    wait = throttle.wait()
    # DRF's own message and header, as its views give them.
    response = JsonResponse({"message": str(Throttled(wait).detail)}, status=429)
    if wait is not None:
        response["Retry-After"] = str(math.ceil(wait))
    return response

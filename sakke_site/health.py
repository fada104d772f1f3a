"""`/healthz`: whether this app server can reach the parts it needs (database, cache, search).

The database and the cache are needed for every page: without one of them the answer is 503, and a load
balancer should take the server out. Without the search server the site still works, because search
falls back to the database index (`search/engine.py`): the answer is 200 with status "degraded" and the
failing check, so monitoring can alert while load balancers keep every app server in. (Taking them all
out would turn a search outage into a full one.) Without a configured fallback, a search failure is 503.

Not django-health-check: its view answers 500 for any failed check (no "degraded"), and 4.9+ needs Django 6.
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from wagtail.search.backends import get_search_backend

logger = logging.getLogger(__name__)


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"vendor": connection.vendor}


def _check_cache():
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", 10)
    if cache.get(key) != "ok":
        raise RuntimeError("the cache did not return the value just written")
    cache.delete(key)
    return {}


def _check_search():
    backend = get_search_backend()
    client = getattr(backend, "es", None)
    if client is None:
        # The database backend lives in the database checked above.
        return {"backend": "database"}
    info = client.info()
    return {
        "backend": type(backend).__module__.rsplit(".", 1)[-1],
        "version": info["version"]["number"],
    }


CHECKS = {"database": _check_database, "cache": _check_cache, "search": _check_search}


@never_cache
def healthz(request):
    """200 with details when every part answers (or only search is down: "degraded"); 503 naming the
    parts that failed otherwise."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, **check()}
        except Exception as exc:
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    failed = {name for name, result in results.items() if not result["ok"]}
    can_do_without = {"search"} if "fallback" in settings.WAGTAILSEARCH_BACKENDS else set()
    if not failed:
        status, code = "ok", 200
    elif failed <= can_do_without:
        status, code = "degraded", 200
    else:
        status, code = "unavailable", 503
    return JsonResponse({"status": status, "checks": results}, status=code)

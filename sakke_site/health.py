"""`/healthz`: whether this app server can reach the parts it needs (database, cache, search)."""

import logging
import uuid

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
    """200 with details when every part answers; 503 naming the parts that failed otherwise."""
    results = {}
    for name, check in CHECKS.items():
        try:
            results[name] = {"ok": True, **check()}
        except Exception as exc:
            logger.warning("Health check %s failed: %s", name, exc)
            results[name] = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:300]}
    healthy = all(result["ok"] for result in results.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": results},
        status=200 if healthy else 503,
    )

"""`/healthz` reports each dependency and answers 503 naming the one that fails; a search server that is
down only degrades the site when search can fall back to the database."""

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db

UNREACHABLE_SEARCH = {
    "default": {
        "BACKEND": "wagtail.search.backends.elasticsearch9",
        # Nothing listens on the discard port; the connection is refused at once.
        "URLS": ["http://127.0.0.1:9"],
        "TIMEOUT": 1,
        "OPTIONS": {"max_retries": 0},
    }
}


def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ok"
    assert {name: check["ok"] for name, check in data["checks"].items()} == {
        "database": True,
        "cache": True,
        "search": True,
    }
    assert response["Cache-Control"].startswith("max-age=0")


def test_unreachable_search_server_without_a_fallback_gives_503(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = UNREACHABLE_SEARCH
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "unavailable"
    assert data["checks"]["search"]["ok"] is False
    assert "Connection" in data["checks"]["search"]["error"]
    assert data["checks"]["database"]["ok"] is True


def test_unreachable_search_server_with_the_fallback_is_degraded_not_down(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        **UNREACHABLE_SEARCH,
        "fallback": {"BACKEND": "wagtail.search.backends.database"},
    }
    response = client.get("/healthz")
    assert response.status_code == 200  # load balancers keep the server: search falls back
    data = response.json()
    assert data["status"] == "degraded"
    assert data["checks"]["search"]["ok"] is False
    assert data["checks"]["database"]["ok"] is True


def test_database_that_refuses_queries_gives_503(client):
    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server failed: Connection refused")

    # Django's own hook around every query on the connection stands in for a database that went away.
    with connection.execute_wrapper(refuse):
        response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "unavailable"
    assert data["checks"]["database"]["ok"] is False
    assert "Connection refused" in data["checks"]["database"]["error"]
    assert data["checks"]["cache"]["ok"] is True


def test_unreachable_cache_gives_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


def test_runs_on_the_database_from_database_url(client):
    import os

    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert client.get("/healthz").json()["checks"]["database"]["vendor"] == expected

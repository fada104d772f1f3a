"""Test runs: fast password hashing, in-memory email, the database from DATABASE_URL if given."""

import os

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

SECRET_KEY = SECRET_KEY or "test-only-insecure-key"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Whatever the shell exports, tests start from Wagtail's default Site (localhost:80); the tests of the public
# address set PUBLIC_BASE_URL themselves.
PUBLIC_BASE_URL = ""
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
# The server-side API cache outlives each test's database rollback; the cache tests turn it on.
API_CACHE_SECONDS = 0
# No rate limit in tests; the rate limit test sets one.
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": None}}  # noqa: F405
# Tests log in with the test client, which authenticates without a request; the lockout test turns
# django-axes on.
AXES_ENABLED = False
# `make test` runs the suite in parallel processes (pytest-xdist): pytest-django gives each its own test
# database, and each gets its own search indexes here, since a test empties the index it searches.
_TEST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if _TEST_WORKER and "INDEX_PREFIX" in WAGTAILSEARCH_BACKENDS["default"]:  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"] += f"{_TEST_WORKER}_"  # noqa: F405

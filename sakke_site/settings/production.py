"""Production: refuses to start without a secret key and allowed hosts; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production refuses to start without it: set the SECRET_KEY "
        "environment variable to a long random value (for example from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set. Give the public host names, comma-separated.")

DEBUG = False

# TLS is terminated by the proxy in front of the app servers.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Load balancers probe the health check over plain HTTP inside the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# HSTS comes from base (SECURE_HSTS_SECONDS, SECURE_HSTS_INCLUDE_SUBDOMAINS, SECURE_HSTS_PRELOAD).
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

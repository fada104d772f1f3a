"""Local development: DEBUG on, console email, a throwaway secret key, SQLite by default."""

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS, SECRET_KEY, env

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-use-in-production"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "127.0.0.1", "localhost", "[::1]"]
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0

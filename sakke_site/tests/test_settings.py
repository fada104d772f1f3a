"""Each settings module loads in a fresh interpreter with the environment it expects."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "production-test-key-with-enough-entropy-0123456789",
    "ALLOWED_HOSTS": "jarjestot.example.fi",
    "DATABASE_URL": "sqlite:////tmp/sakke-settings-test.sqlite3",
}


def run_python(code, settings_module, **env):
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "SEARCH_BACKEND", "DJANGO_SETTINGS_MODULE"}
    }
    clean_env.update(env, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=clean_env, capture_output=True, text=True, timeout=120
    )


SHOW = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.DEBUG, s.LANGUAGE_CODE, s.TIME_ZONE)"
)


@pytest.mark.parametrize(
    ("module", "env", "expected"),
    [
        ("sakke_site.settings.dev", {}, "True fi Europe/Helsinki"),
        ("sakke_site.settings.test", {}, "False fi Europe/Helsinki"),
        ("sakke_site.settings.production", PRODUCTION_ENV, "False fi Europe/Helsinki"),
    ],
)
def test_settings_load_per_environment(module, env, expected):
    result = run_python(SHOW, module, **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


def test_production_refuses_to_start_without_secret_key():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "SECRET_KEY"}
    result = run_python(SHOW, "sakke_site.settings.production", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "ALLOWED_HOSTS"}
    result = run_python(SHOW, "sakke_site.settings.production", **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS is not set" in result.stderr


def test_production_is_secure_by_default():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS > 0, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = run_python(code, "sakke_site.settings.production", **PRODUCTION_ENV)
    assert result.stdout.strip() == "True True True True ('HTTP_X_FORWARDED_PROTO', 'https')"


def test_production_deploy_check_is_clean():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={**os.environ, **PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "sakke_site.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_unknown_search_backend_is_refused_with_a_message():
    result = run_python(SHOW, "sakke_site.settings.dev", SEARCH_BACKEND="solr")
    assert result.returncode != 0
    assert "SEARCH_BACKEND='solr' is not one of" in result.stderr


def test_elasticsearch_backend_is_configured_from_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "b = s.WAGTAILSEARCH_BACKENDS['default']; print(b['BACKEND'], b['URLS'])"
    )
    result = run_python(
        code,
        "sakke_site.settings.dev",
        SEARCH_BACKEND="elasticsearch9",
        SEARCH_URLS="http://es1:9200,http://es2:9200",
    )
    assert result.stdout.strip() == (
        "wagtail.search.backends.elasticsearch9 ['http://es1:9200', 'http://es2:9200']"
    )


def test_frontend_cache_purge_is_configured_from_the_environment():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "from wagtail.contrib.frontend_cache.utils import get_backends; "
        "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, sorted(get_backends()))"
    )
    configured = run_python(
        code, "sakke_site.settings.test", FRONTEND_CACHE_PURGE_URL="http://127.0.0.1:6081/"
    )
    assert configured.stdout.strip() == "True ['http']", configured.stderr
    plain = run_python(code, "sakke_site.settings.test")
    assert plain.stdout.strip() == "False []", plain.stderr

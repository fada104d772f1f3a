"""Settings shared by every environment.

Every environment variable the project reads is read in this module (and only here), so the README's
configuration table can be checked against one file. This module is secure by default: DEBUG is off and
there is no secret key; `dev` and `test` relax that, `production` insists on the real values.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

# --- Security ------------------------------------------------------------------------------------
SECRET_KEY = env.str("SECRET_KEY", default="")
DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications --------------------------------------------------------------------------------
# The project's apps in their layers, bottom to top (README → Architecture; enforced by import-linter).
INSTALLED_APPS = [
    "home",
    "search",
    "associations",
    "news",
    "programme",
    "stats",
    "sakke_site",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.contrib.search_promotions",
    "wagtail.api.v3",
    "wagtail_headless_preview",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "corsheaders",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outermost after SecurityMiddleware, so every response gets the policy, redirects and 304s too.
    "sakke_site.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "sakke_site.middleware.SiteLocaleMiddleware",
    "sakke_site.middleware.APIIdGuardMiddleware",
    "sakke_site.middleware.ControlCharacterMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-step verification of admin users (home/two_factor.py): django-otp marks the session verified,
    # ours sends a user who has it on, but has not given a code yet, to the code page.
    "django_otp.middleware.OTPMiddleware",
    "home.two_factor.AdminTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Answers a locked-out login with the lockout page (django-axes wants to be near the end).
    "axes.middleware.AxesMiddleware",
    # Last, so it caches what the API views answer (sakke_site/api_cache.py).
    "sakke_site.api_cache.APICacheMiddleware",
]

ROOT_URLCONF = "sakke_site.urls"
WSGI_APPLICATION = "sakke_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],  # the site-wide templates are sakke_site's own (an app like the others)
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# --- Database and cache --------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead logging lets the site read while an import writes, and with synchronous=NORMAL a
    # commit no longer waits for the disk (a power cut can lose the last commits, never corrupt the file).
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://")}

# --- Search --------------------------------------------------------------------------------------
# Wagtail's search backends (modelsearch). "database" uses SQLite FTS5 or PostgreSQL full-text search,
# whichever database is configured; the others talk to a search server at SEARCH_URLS.
SEARCH_BACKENDS = {
    "database": "wagtail.search.backends.database",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="database")
if SEARCH_BACKEND not in SEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND={SEARCH_BACKEND!r} is not one of: {', '.join(SEARCH_BACKENDS)}"
    )
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": SEARCH_BACKENDS[SEARCH_BACKEND]}}
if SEARCH_BACKEND != "database":
    WAGTAILSEARCH_BACKENDS["default"].update(
        {
            "URLS": env.list("SEARCH_URLS", default=["http://127.0.0.1:9200"]),
            "INDEX_PREFIX": env.str("SEARCH_INDEX_PREFIX", default="sakke_"),
            "TIMEOUT": env.int("SEARCH_TIMEOUT", default=5),
            # update_index builds a new index and then moves the alias to it: search works meanwhile.
            "ATOMIC_REBUILD": True,
        }
    )
    # The database index is kept up to date too, so public search still works while the search server
    # is down (search.engine falls back to it and says so).
    WAGTAILSEARCH_BACKENDS["fallback"] = {"BACKEND": SEARCH_BACKENDS["database"]}

# --- Languages and time --------------------------------------------------------------------------
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Editors choose their admin language in their account settings.
WAGTAILADMIN_PERMITTED_LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates read d.m.yyyy in both national languages (Django's Swedish default is ISO).
FORMAT_MODULE_PATH = ["sakke_site.formats"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

# --- Static and media files ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
MEDIA_URL = env.str("MEDIA_URL", default="/media/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
S3_BUCKET_NAME = env.str("S3_BUCKET_NAME", default="")
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
S3_REGION_NAME = env.str("S3_REGION_NAME", default="")
S3_CUSTOM_DOMAIN = env.str("S3_CUSTOM_DOMAIN", default="")
# Documents are only ever served by Wagtail's view, /documents/<id>/<name>, which enforces the view
# restrictions of their collection (login, password, groups); MEDIA_ROOT/documents/ is not served
# (sakke_site/media.py serves the images). With S3 that view redirects to a signed, expiring URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
if S3_BUCKET_NAME:
    # Any S3-compatible object store (AWS, UpCloud, Hetzner, MinIO...) through django-storages. The bucket
    # is private: documents and original images get signed URLs. Only image renditions (what pages and
    # the API show) are public, under images/: the bucket policy allows anonymous reads of images/* only,
    # or a CDN at S3_CUSTOM_DOMAIN serves them.
    _s3_options = {
        "bucket_name": S3_BUCKET_NAME,
        "endpoint_url": S3_ENDPOINT_URL or None,
        "region_name": S3_REGION_NAME or None,
        "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
        "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
        "default_acl": None,
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3_options, "querystring_auth": True, "querystring_expire": 3600},
    }
    STORAGES["renditions"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {**_s3_options, "querystring_auth": False, "custom_domain": S3_CUSTOM_DOMAIN or None},
    }
    WAGTAILIMAGES_RENDITION_STORAGE = "renditions"
    WAGTAILDOCS_SERVE_METHOD = "redirect"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Non-file form data (a page editor's POST with a long StreamField is the biggest); files are limited by
# WAGTAILIMAGES_MAX_UPLOAD_SIZE and WAGTAILDOCS_MAX_UPLOAD_SIZE, and larger ones are streamed to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Email ---------------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="smtp://localhost:25"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="noreply@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work (django-tasks) --------------------------------------------------------------
# "default" runs a task at once in the process that asks for it: Wagtail's own tasks (reference index,
# search index updates) stay inline as before. "background" (home.tasks.BACKGROUND) queues the project's
# own work in the database (django-tasks-db), where `manage.py db_worker --backend background` runs it:
# newsletter sends and webhook deliveries. No broker: PostgreSQL (or SQLite) is the queue.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

# --- Authentication ------------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "wagtailadmin_login"
# django-axes counts failed logins (the admin's login form and anything else that authenticates) and
# refuses further attempts for AXES_COOLOFF_MINUTES after AXES_FAILURE_LIMIT failures of one username from
# one address: a shared office address is not locked out by one person's typos, and guessing one
# account's password is slowed down from every address.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
# Two-step verification (TOTP) for admin users, home/two_factor.py: optional for each user unless
# TWO_FACTOR_REQUIRED; the issuer is the name authenticator apps show.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=False)
OTP_TOTP_ISSUER = env.str("TWO_FACTOR_ISSUER", default="Pohjois-Savon järjestötietopalvelu")
# Behind proxies the client is counted as every rate limit counts it (API_PROXIES, home/client_ip.py).
AXES_CLIENT_IP_CALLABLE = "home.client_ip.client_ip"
# Passwords are never stored with failed attempts; usernames are, for the lockout.
AXES_SENSITIVE_PARAMETERS = ["password"]
# "Forgot your password" sends at most 3 emails an hour per client address and per email address.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "home.password_reset.ThrottledPasswordResetForm"

# --- Security headers (production tightens further) ----------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Browsers only take HSTS over HTTPS, so plain-HTTP development is unaffected; dev and test turn it off.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


# Content-Security-Policy (sakke_site.middleware.ContentSecurityPolicyMiddleware). Scripts only from the
# site itself, never inline (the JSON-LD blocks are data, which CSP does not block). Inline styles are
# allowed: the embeddable widgets and the newsletter's email preview carry <style> blocks and style
# attributes, and Wagtail's responsive embeds size their frame with one. Only the widgets may be framed
# by other sites (they send `frame-ancestors *` themselves).
def _origin(url):
    """scheme://host[:port] of an absolute URL, else an empty string."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


_media_origins = [
    origin
    for origin in (
        _origin(MEDIA_URL),
        f"https://{S3_CUSTOM_DOMAIN}" if S3_CUSTOM_DOMAIN else "",
        _origin(S3_ENDPOINT_URL) if S3_BUCKET_NAME else "",
        f"https://{S3_BUCKET_NAME}.s3.amazonaws.com" if S3_BUCKET_NAME and not S3_ENDPOINT_URL else "",
        f"https://{S3_BUCKET_NAME}.s3.{S3_REGION_NAME}.amazonaws.com"
        if S3_BUCKET_NAME and S3_REGION_NAME and not S3_ENDPOINT_URL
        else "",
    )
    if origin
]
CSP_FRAME_SRC = env.list(
    "CSP_FRAME_SRC",
    default=["https://www.youtube.com", "https://www.youtube-nocookie.com", "https://player.vimeo.com"],
)
CSP_PUBLIC = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", *_media_origins],
    "media-src": ["'self'", *_media_origins],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'", *CSP_FRAME_SRC],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# The Wagtail admin renders inline scripts (chooser widgets, date pickers, inline panels, modal dialogs)
# without nonces; the middleware gives each admin response a nonce ('nonce' below) and puts it on the
# admin's own <script> elements, so no 'unsafe-inline': inline event handlers, javascript: links and
# scripts inserted without the nonce are blocked (checked in Chromium, README "Security"). Its live
# preview frames the admin itself, and the headless preview frames the consuming site.
CSP_ADMIN = {
    **CSP_PUBLIC,
    "script-src": ["'self'", "'nonce'"],
    "img-src": ["'self'", "data:", "blob:", *_media_origins],
    "frame-src": ["'self'", *CSP_FRAME_SRC],
    "frame-ancestors": ["'self'"],
}

# Webhooks (home/webhooks.py) go to public internet addresses only: a coordinator must not make the
# server post to, and report on, its own network (127.0.0.1, 10.x, 169.254.169.254...). True only where the
# consumers really are on the private network.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env.bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", default=False)

# --- CORS: other sites read the API from the browser ---------------------------------------------
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- Wagtail -------------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Pohjois-Savon järjestötietopalvelu"
# PUBLIC_BASE_URL: where visitors reach the site, scheme://host[:port] without a path. Every absolute link
# follows it: the default Wagtail Site record is set to it after each `migrate` (sakke_site/site_address.py),
# which gives page addresses (sitemap, feeds, the API's html_url, JSON-LD), and the API's detail_url and
# the admin's links in emails use it. Unset, Site records are left as editors or an earlier run made them
# (several sites, each managed in the admin), and WAGTAILADMIN_BASE_URL keeps working as before.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="").rstrip("/")
if PUBLIC_BASE_URL:
    _public = urlsplit(PUBLIC_BASE_URL)
    try:
        _public_port = _public.port or (443 if _public.scheme == "https" else 80)
    except ValueError:
        _public_port = None
    if (
        _public.scheme not in ("http", "https")
        or not _public.hostname
        or not _public_port
        or _public.path
        or _public.query
        or _public.fragment
        or _public.username
    ):
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL={PUBLIC_BASE_URL!r} is not an address like https://jarjestot.example.fi or "
            "http://127.0.0.1:8000: give the scheme, host and port only (Wagtail serves a site at its root)."
        )
    # A Wagtail Site has a host and a port, and its address is https on port 443 and http on any other.
    if (_public.scheme == "https") != (_public_port == 443):
        raise ImproperlyConfigured(
            f"PUBLIC_BASE_URL={PUBLIC_BASE_URL!r}: Wagtail's Site records give https on port 443 only, "
            "and http on every other port."
        )
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default=PUBLIC_BASE_URL or "http://127.0.0.1:8000")
WAGTAILAPI_BASE_URL = PUBLIC_BASE_URL or WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
# Rich text in API answers is display HTML with internal links resolved (?rich_text_format= overrides).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
# Wagtail 8's read/write API v3 is a preview, mounted at /api/v3-preview/. Its interactive docs page would
# load Swagger UI from a CDN, so it is off; its OpenAPI document stays at /api/v3-preview/openapi.json.
WAGTAILAPI_DOCS_ENABLED = False
# Optional purge of a CDN or HTTP cache in front of the site when pages are published or unpublished
# (wagtail.contrib.frontend_cache): an HTTP cache (Varnish, Squid) at FRONTEND_CACHE_PURGE_URL, or
# Cloudflare with FRONTEND_CACHE_CLOUDFLARE_TOKEN and FRONTEND_CACHE_CLOUDFLARE_ZONE. API answers are not
# purged one by one: they carry a short max-age (API_MAX_AGE).
WAGTAILFRONTENDCACHE = {}
if purge_url := env.str("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": purge_url,
    }
if cloudflare_token := env.str("FRONTEND_CACHE_CLOUDFLARE_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": cloudflare_token,
        "ZONEID": env.str("FRONTEND_CACHE_CLOUDFLARE_ZONE", default=""),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

# Headless preview (home/preview.py): the consuming site's preview page, e.g. https://kunta.example/preview.
HEADLESS_PREVIEW_URL = env.str("HEADLESS_PREVIEW_URL", default="")
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": HEADLESS_PREVIEW_URL or "http://127.0.0.1:3000/"},
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": False,
}
if HEADLESS_PREVIEW_URL:
    CSP_ADMIN["frame-src"].append(_origin(HEADLESS_PREVIEW_URL))
# How many trusted proxies add themselves to X-Forwarded-For: the API's and the public forms' rate limits
# and the login lockout count the client address behind them (home/client_ip.py). 0: the header is
# ignored, since any client can send it.
API_PROXIES = env.int("API_PROXIES", default=0)
# Anonymous API answers are kept in the shared cache until content changes (at most this long), and
# consumers may reuse them for API_MAX_AGE seconds. API_CACHE_SECONDS=0 turns the server cache off.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=600)
API_MAX_AGE = env.int("API_MAX_AGE", default=60)
# Uploads: only image and office document types (no HTML, SVG or executables, which a browser could run
# from the site's own origin), and no larger than these.
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50_000_000
WAGTAILEMBEDS_RESPONSIVE_HTML = True
# No avatars from Gravatar: the admin would leak editors' email hashes to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a check for new Wagtail releases from each editor's browser (CSP's connect-src would block it).
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # The public API is read anonymously; an editor's session is known (it keeps answers out of the shared
    # cache), and HTTP Basic is off: passwords are typed into the admin's login only.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_SCHEMA_CLASS": "sakke_site.openapi.WagtailAPISchema",
    "EXCEPTION_HANDLER": "sakke_site.api.exception_handler",
    # Anonymous clients share API_RATE_LIMIT per client address (home/client_ip.py; API_RATE_LIMIT= empty
    # turns it off), cached answers included (sakke_site/throttling.py).
    "DEFAULT_THROTTLE_CLASSES": ["sakke_site.throttling.APIRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": env.str("API_RATE_LIMIT", default="600/minute") or None},
}
# The OpenAPI 3 description of the public API at /api/schema/, generated from the views
# (sakke_site/openapi.py),
# with browsable documentation at /api/docs/ served by the project itself (no CDN).
SPECTACULAR_SETTINGS = {
    "TITLE": "Pohjois-Savon järjestötietopalvelu API",
    "DESCRIPTION": (
        "Associations, search, taxonomies and pages of the association information service of Pohjois-Savo, "
        'in Finnish and Swedish. Read-only, anonymous, JSON; errors are {"message": ...} with 400 or 404, '
        "and 429 with Retry-After when an address has used up the rate limit."
    ),
    "VERSION": "2",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["sakke_site.openapi.public_api_only"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "sakke_site.openapi.current_values",
        "sakke_site.openapi.refusals",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Logging -------------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Wagtail runs its index and reference updates as tasks; one log line each is noise.
        "django_tasks": {"level": "WARNING"},
        # The search server clients log every request; failures are logged by search.engine.
        "opensearch": {"level": "WARNING"},
        "elasticsearch": {"level": "WARNING"},
        "elastic_transport": {"level": "WARNING"},
        # django-axes greets every process start and logs each login; lockouts are warnings.
        "axes": {"level": "WARNING"},
    },
}

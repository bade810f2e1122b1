"""Settings read from the environment; safe defaults (DEBUG off) for anything unset."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

from csp.constants import NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def database_from_url(url: str) -> dict[str, object]:
    parts = urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"}:
        raise ValueError(f"DATABASE_URL must be a postgres:// URL, not {parts.scheme}://")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parts.path.lstrip("/")) or "normdiff",
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": str(parts.port or ""),
        "CONN_MAX_AGE": 60,
    }


DEBUG = env_bool("DEBUG")


def local_secret_key() -> str:
    """A random key made once per checkout (kept in .data/, never committed) when SECRET_KEY is unset."""
    path = BASE_DIR / ".data" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

# Where the site is served, for the absolute URLs of exports (W3C Web Annotation targets).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")

TREATY_CORPUS_DIR = Path(os.environ.get("TREATY_CORPUS_DIR", BASE_DIR.parent / "shared" / "corpus")).resolve()

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "core",
    "accounts",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "treaties",
    "comparisons",
    "simple_history",
    "research",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Refuses an oversized body from its Content-Length, before anything reads it.
    "config.security.BodySizeLimitMiddleware",
    # A NUL in an API query parameter is a 400 naming it, before any lookup (core.api.nul).
    "core.api.nul.NulQueryParametersMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages of long treaties compress about tenfold. Django's gzip pads each response with
    # random bytes and masks the CSRF token per request (its BREACH mitigations); static
    # files are served precompressed by WhiteNoise above and never reach it.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.security.AnonymousWithoutSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": ["django_htmx.templatetags.django_htmx"],
        },
    }
]

DATABASES = {
    "default": database_from_url(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:54329/normdiff"))
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username, or
# from one address, further attempts are refused for AXES_COOLOFF_TIME, right password or not.
AUTHENTICATION_BACKENDS = [
    "config.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each one locks on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
# Behind the reverse proxy (docker-compose), the client's address is the one nginx puts in
# X-Real-IP; without a proxy that header is the client's own word and is ignored.
BEHIND_PROXY = env_bool("BEHIND_PROXY")
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "treaties:home"
LOGOUT_REDIRECT_URL = "treaties:home"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Classes that add to the comparison pages (norm chips, filters, worklist counts) without
# comparisons importing the apps that provide them: see comparisons/extensions.py.
COMPARISON_PAGE_EXTENSIONS: list[str] = [
    "research.comparison_pages.NormsOnComparisonPages",  # explanations: norm chips, norm and explained filters
    "research.coding_extension.CodingPageExtension",  # tagging: tag chips, a "Tag" action, a tag filter
]
# Sections a higher layer renders into a lower layer's page, by place: see core/sections.py.
PAGE_SECTIONS: dict[str, list[str]] = {
    "pair": ["research.comparison_pages.pair_section", "research.coding_views.pair_section"],
    "provision": ["research.comparison_pages.provision_section", "research.coding_views.provision_section"],
}
# Background jobs (imports and alignment runs from the browser) wait in a PostgreSQL table and
# are run by `manage.py db_worker`, which `make run` starts beside gunicorn. The database
# backend is the only production setting: the immediate backend would run a job inside the
# request again.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The REST API (/api/v1/, config/api.py). Anonymous clients read, throttled per address
# (API_ANON_RATE, DRF's "<n>/<second|minute|hour|day>"); scripts send "Authorization: Token <key>".
API_ANON_RATE = os.environ.get("API_ANON_RATE", "120/minute")
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.StablePagination",
    "PAGE_SIZE": 100,
    # Token first: an anonymous write is answered 401 with "WWW-Authenticate: Token".
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["core.api.nul.NulRefusingJSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "normdiff API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Treaties, their provisions, comparisons and their alignment links, curated decisions, find-the-source "
        "and the alignment exports; the research layer: norms, references, the literature's findings, "
        "annotations (explanations of alignment decisions) with their history, codebooks, tags, codings, "
        "inter-coder agreement and the research exports (JSON-LD, CSV, REFI-QDA).\n\n"
        "**Authentication.** Anyone may read. Writes need a signed-in session (with the CSRF token) or a token: "
        "`Authorization: Token <key>` (create yours at `/accounts/api-token/`, or `manage.py api_token USERNAME`).\n\n"
        f"**Throttling.** Anonymous clients may make {API_ANON_RATE.replace('/', ' requests per ')} "
        "(per address); beyond that the answer is 429 with `Retry-After`.\n\n"
        "**Errors.** Every 4xx answer has the same body: `detail` says what went wrong and `errors` maps each "
        "offending field (query parameter or body key) to its messages (`non_field_errors` for the whole input).\n\n"
        "**Lists** are paginated with `limit` and `offset` in a stable order. Read endpoints send an `ETag`; "
        "send it back as `If-None-Match` to get 304 Not Modified while nothing changed."
    ),
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "core.api.schema.add_shared_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RelationEnum": "comparisons.alignment.RELATIONS",
        "LinkRelationEnum": "comparisons.alignment.LINK_RELATIONS",
        "ProvisionKindEnum": "treaties.models.Provision.Kind",
        "DiffKindEnum": ["equal", "delete", "insert"],
        "AnnotationStatusEnum": "research.models.Annotation.Status",
        "AnnotationOriginEnum": "research.models.Annotation.Origin",
        "LinkOriginEnum": ["machine", "curated"],
        "TagStatusEnum": "research.coding_models.TagStatus",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_403_traceback": {"()": "config.logfilters.NoPermissionDeniedTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_403_traceback"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Request bodies: a form post is small; only the import form takes a file (20 MB, treaties.forms).
# BodySizeLimitMiddleware answers 413 from the Content-Length before the body is read; nginx
# (deploy/nginx.conf) carries the same limits in front of gunicorn.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
MAX_REQUEST_BODY_BYTES = 1024 * 1024
LARGE_REQUEST_BODY_PATHS = {"/import/": 21 * 1024 * 1024}

# HTTPS=on: the site is served over TLS (the proxy in front terminates it and says so with
# X-Forwarded-Proto: https). Redirects plain HTTP, sends HSTS, marks cookies Secure.
HTTPS = env_bool("HTTPS")
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("HSTS_SECONDS", str(365 * 24 * 3600)))
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts and styles only from this site, no eval, no
# inline script. Inline style *attributes* stay allowed: the relation bars carry their widths.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

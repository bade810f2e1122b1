"""Settings read from the environment; safe defaults (DEBUG off) for anything unset."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import unquote, urlsplit

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
    "treaties",
    "comparisons",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages of long treaties compress about tenfold. Django's gzip pads each response with
    # random bytes and masks the CSRF token per request (its BREACH mitigations); static
    # files are served precompressed by WhiteNoise above and never reach it.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
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
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": ["core.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": API_ANON_RATE},
    "EXCEPTION_HANDLER": "core.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "normdiff API",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Treaties, their provisions, comparisons and their alignment links, curated decisions, find-the-source "
        "and the alignment exports.\n\n"
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
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

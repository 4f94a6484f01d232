"""Settings shared by every environment. Environment-specific modules import from here."""

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",  # full-text search (documents.search), on PostgreSQL
    "channels",
    "csp",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",  # Swagger UI's files, served from here (no CDN)
    # Bottom to top of the layers (README, "Layout"): an app uses only those above it in this list.
    "committee.kernel",
    "committee.files",
    "committee.jobs",
    "committee.backups",
    "committee.bodies",
    "committee.roles",
    "committee.notifications",
    "meetings.sessions",
    "committee.setup",
    "documents.registry",
    "meetings.programme",
    "meetings.registration",
    "meetings.live",
    "meetings.proceedings",
    "decisions.outcomes",
    "decisions.follow_up",
    "decisions.strategies",
    "documents.schemes",
    "documents.reports",
    "documents.translations",
    "documents.exchange",
    "documents.search",
    "documents.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",  # ETag and If-None-Match: 304 for what has not changed
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",  # before the page cache: kept pages get it too
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Kept pages are served before authentication: no query for the session or the user (committee/kernel/page_cache).
    "committee.kernel.page_cache.serve_kept_pages",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "committee.roles.middleware.require_mfa_for_secretariat",
    "committee.roles.middleware.sign_in_when_refused",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "committee.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database (PostgreSQL in production).
# No persistent connections (CONN_MAX_AGE 0): the app is served by ASGI, where each request runs its synchronous
# code in a thread of its own, so a connection kept open for its thread is never used again and they pile up
# until PostgreSQL refuses more (Django's documentation: persistent connections must be disabled under ASGI).
# On PostgreSQL the connections come from a pool instead (psycopg_pool, Django 5.1+), one per worker process and
# shared by its threads: requests and websocket actions reuse them without connecting each time, and a worker
# never holds more than DATABASE_POOL_MAX_SIZE (a request waits up to DATABASE_POOL_TIMEOUT seconds for one,
# then fails), so workers x DATABASE_POOL_MAX_SIZE must stay below PostgreSQL's max_connections.
DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": int(env_str("DATABASE_POOL_MAX_SIZE", "10")),
        "timeout": float(env_str("DATABASE_POOL_TIMEOUT", "10")),
    }
    # Each connection is tried as it is taken from the pool (Django's health checks, psycopg_pool's check): after
    # PostgreSQL restarts, the pool's dead connections are replaced rather than handed to requests that would fail.
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The in-memory channel layer serves one process; REDIS_URL switches to Redis, which
# every ASGI worker shares, so that workers stay stateless and can be multiplied.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            # Redis pub/sub: a group message is published once and each worker hands it to its own sockets,
            # where the list-based layer queues one copy per socket. Every message carries the whole state, and
            # a client that missed one catches up on reconnecting: pub/sub's at-most-once delivery loses nothing.
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            # No read timeout: redis-py 8 gives up reading after 5 seconds by default, which closes quiet
            # websockets on the list-based layer (channels_redis#422); a read here may wait as long as it must.
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": None}]},
        }
    }
    # The cache keeps allauth's rate limits and used TOTP codes: while Redis cannot be reached it falls back to the
    # process's memory (config/cache.py), so that signing in never depends on Redis; short timeouts, so that a
    # Redis that does not answer holds a request up for a second at most.
    CACHES = {
        "default": {
            "BACKEND": "config.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface languages. Data (names, agendas, reports) is stored in any of the six
# official UN languages: see committee.kernel.multilingual.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ru", _("Russian")),
    ("zh-hans", _("Chinese")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Long work (documents, finalizations, imports, notices) runs as jobs (committee.jobs) through django-tasks. Under
# the embedded defaults a job runs in the request that starts it, once it commits; with JOB_WORKER set (always in
# production) it is queued in the database, for the job worker (`manage.py run_jobs`).
JOB_WORKER = env_bool("JOB_WORKER", False)
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if JOB_WORKER
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

# Files (archived reports, language versions, evidence) are rows of the database: see committee.files.models.
STORAGES = {
    "default": {"BACKEND": "committee.files.storage.DatabaseStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded document files: what the registry accepts, checked by documents.registry.forms.
DOCUMENT_UPLOAD_MAX_BYTES = 50 * 1024 * 1024
SPREADSHEET_UPLOAD_MAX_BYTES = 5 * 1024 * 1024  # an imported spreadsheet: some 20,000 registrations

# Accounts (django-allauth): sign-in by email, verified addresses, sign-up by invitation only,
# failed sign-ins rate-limited (allauth's defaults, kept in the cache: Redis in production).
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "committee.roles.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# How long a rendered page may be served again while no data changes (committee/kernel/page_cache.py): only with
# Redis, the cache every worker shares; 0 turns it off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60 if REDIS_URL else 0)

MFA_TOTP_ISSUER = "Rapporteur"
# Secretariat staff must turn on two-factor authentication before anything else.
MFA_REQUIRED_FOR_SECRETARIAT = True
DEFAULT_FROM_EMAIL = "rapporteur@localhost"
# Where the app is reached, for the links in emails sent outside a request (notices of meetings).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Content-Security-Policy (django-csp): everything from this site only, as on a closed network (no CDN: Bootstrap is
# in static/vendor/), and nothing inline (no 'unsafe-inline'): styles are classes of static/rapporteur.css, scripts
# are files. connect-src names the websockets of SITE_URL as well: CSP Level 3 browsers (Chromium, Firefox) count
# ws: and wss: of the page's own host as 'self', older ones only its http: and https:. img-src data: is allauth's
# QR code for a new authenticator. No page may be framed (frame-ancestors, as X-Frame-Options: DENY).
_site = urlsplit(SITE_URL)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF, f"{'wss' if _site.scheme == 'https' else 'ws'}://{_site.netloc}"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# The domain in the UIDs of calendar events: set once, never changed, or calendars see new events.
CALENDAR_UID_DOMAIN = env_str("CALENDAR_UID_DOMAIN", "rapporteur")

# Logs go to stderr, where the process manager (systemd, the container runtime) keeps them: server errors with
# their tracebacks (django.request), warnings of Django and the app's records from LOG_LEVEL up. Django's own
# default sends errors only to mail_admins when DEBUG is off, which leaves no trace of a 500.
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} [{process}] {message}", "style": "{"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "stream": "ext://sys.stderr", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {
        name: {"handlers": [], "level": LOG_LEVEL, "propagate": True}
        for name in ("django", "config", "committee", "meetings", "decisions", "documents")
    },
}

# The read API (documents.api): read-only, for the browser's session or a personal token (the Security page).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [  # the token first: a refused one answers 401 with WWW-Authenticate
        "documents.api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],  # each list holds what one may read
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "documents.api.pagination.Pages",
    "DEFAULT_SCHEMA_CLASS": "documents.api.schema.ReadSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("API_RATE_ANONYMOUS", "60/minute"),
        "user": env_str("API_RATE_USER", "600/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Rapporteur read API",
    "DESCRIPTION": (
        "Committees, sessions, meetings, agendas, documents, decisions, follow-up, strategies, delegations and "
        "search, as the pages show them to the reader: signed in (the browser's session) or with a personal token "
        "(Authorization: Bearer …, made on the Security page). Anonymous readers read public committees only."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "committee.kernel.multilingual.LANGUAGE_CHOICES",
        "SessionStatusEnum": "meetings.sessions.models.Session.Status",
        "MeetingStatusEnum": "meetings.programme.models.Meeting.Status",
        "ImplementationStatusEnum": "decisions.follow_up.models.Status",
    },
}

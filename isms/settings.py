"""One settings module, read from the environment (and an optional .env file).

Defaults give the embedded demo: SQLite, local files, a file-system Celery broker.
Production sets DEBUG=0, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"  # runtime data of the embedded default (SQLite, media, queue)
VAR_DIR.mkdir(exist_ok=True)

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # never overrides variables already set

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # A fixed, clearly insecure key for local development only (check --deploy flags it).
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Demo SLM Organisation")
# WeasyPrint processes per audit-pack build (default: one per CPU).
AUDIT_PACK_WORKERS = env.int("AUDIT_PACK_WORKERS", default=0) or None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_filters",
    "django_htmx",
    "guardian",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Before auditlog: our `auditlogflush` replaces its own (the trail is append-only).
    "isms",
    "auditlog",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    # Domain apps, lowest first: each may import the ones above it, never one below
    # (docs/architecture.md; tests/test_architecture.py checks it).
    "auditors",
    "assets",
    "controls",
    "risks",
    "evidence",
    "connectors",
    "training",
    "governance",
    "incidents",
    "audits",
    "packs",
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "auditors.middleware.EngagementWindowMiddleware",
    "isms.middleware.UserTimezoneMiddleware",
    "auditors.middleware.MfaRequiredMiddleware",
    "auditors.access_log.AuditorAccessMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "isms.urls"
WSGI_APPLICATION = "isms.wsgi.application"

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
                "isms.navigation.navigation",
                "isms.fragments.fragment_context",
            ],
        },
    },
]
# Form widgets render through the TEMPLATES above (with their cached loader), so the project's
# templates/ may override a widget's template (templates/widgets/).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo's web process and Celery worker read while the other writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Parameters bound by the server, and statements prepared once a connection has run them
    # five times: PostgreSQL then stops planning the same few queries on every request (the
    # session, the user, a list's rows), 1 to 3 ms of its CPU per list page (docs/performance.md).
    # Behind PgBouncer in transaction mode, which cannot keep prepared statements, set
    # DATABASE_PREPARED_STATEMENTS=0.
    if env.bool("DATABASE_PREPARED_STATEMENTS", default=True):
        DATABASES["default"].setdefault("OPTIONS", {}).update(server_side_binding=True, prepare_threshold=5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth -----------------------------------------------------------------------------------
AUTH_USER_MODEL = "isms.User"
AUTHENTICATION_BACKENDS = [
    "isms.auth.CachedModelBackend",  # Django's ModelBackend; permission sets kept in the cache
    "guardian.backends.ObjectPermissionBackend",
]
GUARDIAN_ANONYMOUS_USER_NAME = None  # no guardian "AnonymousUser" row: anonymous users see nothing
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
     "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Auditors always need a TOTP second factor; this forces it for everyone (off for the demo).
REQUIRE_MFA_FOR_ALL = env.bool("REQUIRE_MFA_FOR_ALL", default=False)
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="SLM ISMS")
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=7 * 24 * 3600)  # invitations
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

# --- I18N -----------------------------------------------------------------------------------
LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- Static and media files -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

_static_backend = (
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
    if env.bool("STATIC_MANIFEST", default=not DEBUG)
    else "django.contrib.staticfiles.storage.StaticFilesStorage"
)
if env.str("AWS_STORAGE_BUCKET_NAME", default=""):
    # S3-compatible object storage (AWS, MinIO, ...): django-storages reads the AWS_* variables.
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env.str("AWS_S3_REGION_NAME", default=None),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {"default": _default_storage, "staticfiles": {"BACKEND": _static_backend}}

# --- Cache ----------------------------------------------------------------------------------
# CACHE_URL (default REDIS_URL) names a shared cache: Redis, seen by every web and worker
# process. It then also keeps sessions, permission sets (isms.permission_cache) and rendered
# page fragments ({% cache %}, isms.fragments). Without one, each process has its own small
# memory cache for fragments only: what one process keeps could not be invalidated by another.
CACHE_URL = env.str("CACHE_URL", default=env.str("REDIS_URL", default=""))
CACHE_IS_SHARED = CACHE_URL.startswith(("redis://", "rediss://"))
if CACHE_IS_SHARED:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL,
                          "KEY_PREFIX": "isms", "TIMEOUT": 3600}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                          "OPTIONS": {"MAX_ENTRIES": 2000}}}

# --- Security -------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
# Sessions stay in the database; with a shared cache (Redis) they are read through it.
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if CACHE_IS_SHARED else "db")
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# --- Uploads --------------------------------------------------------------------------------
# Evidence files stream to disk above this size; the hard limit is EVIDENCE_MAX_UPLOAD_BYTES.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
EVIDENCE_MAX_UPLOAD_BYTES = env.int("EVIDENCE_MAX_UPLOAD_BYTES", default=2 * 1024**3)

# --- E-mail ---------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="isms@localhost")

# --- Celery ---------------------------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    # The embedded demo broker: messages are files under var/celery, no server needed.
    _queue_dir = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        "polling_interval": 0.2,
    }
    _default_results = f"file://{VAR_DIR / 'celery' / 'results'}"
    for _folder in ("queue", "processed", "results"):
        (VAR_DIR / "celery" / _folder).mkdir(parents=True, exist_ok=True)
else:
    _default_results = REDIS_URL or CELERY_BROKER_URL
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default=_default_results)
CELERY_TASK_DEFAULT_QUEUE = env.str("CELERY_TASK_DEFAULT_QUEUE", default="celery")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_EXPIRES = 3600
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {
    "training-reminders": {
        "task": "training.tasks.send_training_reminders_task",
        "schedule": crontab(hour=7, minute=0),
    },
    "objectives-measure": {
        "task": "governance.tasks.measure_all_objectives_task",
        "schedule": crontab(hour=6, minute=30),
    },
    "connectors-due": {
        "task": "connectors.tasks.enqueue_due_connectors_task",
        "schedule": 60.0,
    },
    "incident-clock-reminders": {
        "task": "incidents.tasks.send_clock_reminders_task",
        "schedule": crontab(minute="*/15"),
    },
    "evidence-orphan-files": {
        "task": "evidence.tasks.remove_orphan_files_task",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- Connectors -----------------------------------------------------------------------------
# Connector secrets are encrypted with this key (Fernet: 32 url-safe base64 bytes; generate one with
# `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`).
# Losing it makes stored secrets unreadable: keep it with the database backups' keys.
CONNECTOR_SECRET_KEY = env.str("CONNECTOR_SECRET_KEY", default="")
if not CONNECTOR_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("CONNECTOR_SECRET_KEY must be set when DEBUG is off.")
CONNECTOR_MAX_RETRIES = env.int("CONNECTOR_MAX_RETRIES", default=3)
CONNECTOR_RETRY_BACKOFF = env.int("CONNECTOR_RETRY_BACKOFF", default=30)  # seconds, doubled per retry
CONNECTOR_TIMEOUT = env.int("CONNECTOR_TIMEOUT", default=20)  # seconds per network call

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "evidence.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["isms.access.ActionPermission"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SLM ISMS API",
    "DESCRIPTION": "Evidence upload and Statement of Applicability for CI pipelines.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["isms.access.ActionPermission"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# --- Audit log ------------------------------------------------------------------------------
AUDITLOG_STORE_JSON_CHANGES = True
AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
AUDITLOG_LOGENTRY_MODEL = "isms.AuditEntry"
# auditlog's migrations create its own LogEntry table even when the model is swapped; nothing
# uses it and its foreign key to users blocks flushes, so those migrations are switched off.
MIGRATION_MODULES = {"auditlog": None}

"""Reglament settings: everything that varies between deployments comes from the environment.

See the configuration table in README.md for every variable.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from .directory import directory_settings

BASE_DIR = Path(__file__).resolve().parent.parent
# The project's templates and catalogue live inside the package, so an installed wheel has them.
CONFIG_DIR = Path(__file__).resolve().parent

env = environ.Env()
# A local `.env` (written by `make run` for development) fills in what the environment does not
# set; real environment variables always win. READ_DOT_ENV=0 ignores it (the tests do).
if env.bool("READ_DOT_ENV", default=True) and (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

# A development key is acceptable only while DEBUG is on; production must set its own.
SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-reglament-development-only"

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    # Swagger UI served from our static files, not a CDN.
    "drf_spectacular_sidecar",
    # Lockout after repeated failed sign-ins (orgs.access); API tokens kept as digests.
    "axes",
    "knox",
    "viewflow",
    "viewflow.workflow",
    "common",
    "orgs",
    "documents",
    "registry",
    "workflows",
    "search",
    # Control of execution (поручения of resolutions, orders and plans; the production calendar).
    "control",
    # The processes (each registers its kind with the approval engine).
    "conclusions",
    "orders",
    "plans",
    "drafts",
    "correspondence",
    "archive",
    # The top: the demo data of every app; the project's own commands (run_schedule).
    "demo",
    "config",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # An upload over the limit is refused by its Content-Length before its body is read.
    "common.uploads.UploadLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Request id and user on every log line (common.requestlog).
    "common.requestlog.RequestContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    # Missing and refused pages inside the frame, in Russian, also while DEBUG is on.
    "config.errors.FriendlyErrorsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as axes asks: turns a locked-out sign-in into its answer (orgs.access).
    "axes.middleware.AxesMiddleware",
]

if not DEBUG:
    # Serves collected static files in production; runserver does it while DEBUG is on.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [CONFIG_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: SQLite file inside the project unless DATABASE_URL says otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions take the write lock up front, so concurrent writers queue
    # (busy timeout) instead of failing with "database is locked" half-way through.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sign-in protection (django-axes): after LOGIN_FAILURE_LIMIT failures of one user name from one
# address the pair is locked for LOGIN_COOLOFF_MINUTES (0: until an administrator unlocks it in
# the admin's «Access attempts» or with `manage.py axes_reset_username NAME`).
AUTHENTICATION_BACKENDS = [
    "orgs.access.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
LOGIN_COOLOFF_MINUTES = env.int("LOGIN_COOLOFF_MINUTES", default=30)
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_COOLOFF_MINUTES) if LOGIN_COOLOFF_MINUTES else None
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "orgs.access.lockout_response"
AXES_CLIENT_IP_CALLABLE = "orgs.access.client_ip"
# Behind this many reverse proxies the client's address is read from X-Forwarded-For.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Axes logs every attempt itself, without the address we read; orgs.access logs failures.
AXES_VERBOSE = False

# Signing in with the organisation's directory: OpenID Connect and LDAP / Active Directory,
# each on when its variables are set (config/directory.py).
DIRECTORY_ROLE_MAP = env.json("DIRECTORY_ROLE_MAP", default={})
DIRECTORY_ORGANIZATION = env.str("DIRECTORY_ORGANIZATION", default="")
_directory = directory_settings(env)
INSTALLED_APPS += _directory.pop("apps")
AUTHENTICATION_BACKENDS += _directory.pop("backends")
OIDC_ENABLED = bool(_directory.get("OIDC_RP_CLIENT_ID"))
globals().update(_directory)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

# Internationalisation: the UI is Russian.
LANGUAGE_CODE = "ru"
LANGUAGES = [("ru", "Русский")]
LOCALE_PATHS = [CONFIG_DIR / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Moscow")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "config.storage.StaticStorage"
        )
    },
}

# Security: strict by default when DEBUG is off; each can be relaxed from the environment.
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
if env.bool("USE_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz is probed over plain HTTP by load balancers and orchestrators.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Background jobs. Without a broker, tasks run in-process so `make run` needs nothing else.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The periodic schedule: `celery -A config beat` in production; in the embedded mode
# `manage.py run_schedule` (started by `make run`) calls the same tasks in-process.
CELERY_BEAT_SCHEDULE = {
    "approval-deadlines": {"task": "workflows.tasks.sweep_deadlines", "schedule": 300.0},
    "workflow-timers": {"task": "workflows.tasks.workflow_timers", "schedule": 60.0},
    "search-outbox": {"task": "search.tasks.drain_outbox", "schedule": 60.0},
    # Hourly, so a change effective today applies soon after midnight whenever the worker runs.
    "amendments-due": {"task": "orders.tasks.enact_due_amendments", "schedule": 3600.0},
    # Reminders and escalations of plan items go by the day: hourly is soon enough.
    "plan-items": {"task": "plans.tasks.sweep_plan_items", "schedule": 3600.0},
    # Reminders and escalations of поручения, by the day like the plan items.
    "assignments": {"task": "control.tasks.sweep_assignments", "schedule": 3600.0},
    # Scans uploaded as PDF: their text recognised (OCR) when no queued task took them.
    "recognise-scans": {"task": "documents.tasks.recognise_pending", "schedule": 60.0},
    # What the archive has due this year, told to the clerks and the commission once a year.
    "archive-dues": {"task": "archive.tasks.remind_archive_dues", "schedule": 86400.0},
}

# Search backend: "tantivy" (an embedded index in SEARCH_INDEX_DIR; no server), "database"
# (PostgreSQL or SQLite full-text in the database) or "elasticsearch" (a cluster).
# docs/benchmarks.md compares them.
SEARCH_BACKENDS = ("tantivy", "database", "elasticsearch")
SEARCH_BACKEND = env.str("SEARCH_BACKEND", default="tantivy")
if SEARCH_BACKEND not in SEARCH_BACKENDS:
    raise ImproperlyConfigured(
        f"SEARCH_BACKEND must be one of {', '.join(SEARCH_BACKENDS)}, not {SEARCH_BACKEND!r}."
    )
ELASTICSEARCH_URL = env.str("ELASTICSEARCH_URL", default="")
# Who drains the search outbox after a commit: "background" (the Celery worker; with no
# broker, a thread of the process) or "inline" (the committing thread: the test settings, whose
# tests read the index right after a commit).
SEARCH_OUTBOX_DRAIN = env.str("SEARCH_OUTBOX_DRAIN", default="background")
if SEARCH_OUTBOX_DRAIN not in ("background", "inline"):
    raise ImproperlyConfigured("SEARCH_OUTBOX_DRAIN must be background or inline.")
# The tantivy index: derived from the database (`search_index rebuild` makes it anew), so it
# lives beside the database's own files and is left out of backups.
SEARCH_INDEX_DIR = Path(env.str("SEARCH_INDEX_DIR", default=str(BASE_DIR / "search-index")))
# The database backend on PostgreSQL bounds the counting of a query whose words are
# everywhere: counts and facets are exact up to SEARCH_COUNT_LIMIT matches, lower bounds
# beyond. (It ranks every match; tantivy counts and ranks every match.)
SEARCH_COUNT_LIMIT = env.int("SEARCH_COUNT_LIMIT", default=5_000)
if SEARCH_BACKEND == "elasticsearch" and not ELASTICSEARCH_URL:
    raise ImproperlyConfigured("SEARCH_BACKEND=elasticsearch needs ELASTICSEARCH_URL.")

# E-mail: SMTP when EMAIL_HOST is set, otherwise messages are printed to the console (only
# while DEBUG is on, or when ALLOW_CONSOLE_EMAIL says so: the console is the log, and the log
# would hold working password-reset links).
EMAIL_HOST = env.str("EMAIL_HOST", default="")
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default=(
        "django.core.mail.backends.smtp.EmailBackend"
        if EMAIL_HOST
        else "django.core.mail.backends.console.EmailBackend"
    ),
)
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="reglament@localhost")
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
if (
    not DEBUG
    and EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    and not env.bool("ALLOW_CONSOLE_EMAIL", default=False)
):
    raise ImproperlyConfigured(
        "E-mail would be printed to the log (console backend) with DEBUG off: set EMAIL_HOST "
        "(SMTP) or EMAIL_BACKEND, or ALLOW_CONSOLE_EMAIL=1 to accept it."
    )
# Who receives the report of a server error: "Name <address>" items separated by commas.
ADMINS = [
    (name.strip(), address.strip(" >"))
    for name, _lt, address in (item.rpartition("<") for item in env.list("ADMINS", default=[]))
]

REST_FRAMEWORK = {
    "EXCEPTION_HANDLER": "common.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # First: its scheme is the WWW-Authenticate of a 401. No HTTP Basic: it would hash a
        # password on every request and invite guessing.
        "orgs.access.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
# API tokens: issued by each user on the «API tokens» page, kept as digests, at most 10 a user.
REST_KNOX = {"TOKEN_TTL": timedelta(days=90), "TOKEN_LIMIT_PER_USER": 10}
SPECTACULAR_SETTINGS = {
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "TITLE": "Reglament API",
    "DESCRIPTION": "Documents, registry, approval workflows and search.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Every operation declares its error answers (common.api.declare_errors).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "common.api.declare_errors",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DocumentKindEnum": "documents.models.DocumentKind",
        "DocumentStatusEnum": "documents.models.Document.Status",
        "DocumentVisibilityEnum": "documents.models.Document.Visibility",
        "NomenclatureStatusEnum": "registry.models.Nomenclature.Status",
        "CaseStatusEnum": "registry.models.Case.Status",
        "JournalKindEnum": "registry.models.Journal.Kind",
        "JournalEntryStatusEnum": "registry.models.Registration.Status",
        "ProcessKindEnum": "workflows.kinds.choices",
        "ProcessStatusEnum": "workflows.models.Approval.Status",
        "LetterKindEnum": "correspondence.models.Letter.Kind",
        "LetterChannelEnum": "correspondence.models.Letter.Channel",
        "ChannelByHandEnum": "correspondence.models.CHANNELS_BY_HAND",
        # The approval step's decision keeps its name beside the archive's review decision.
        "DecisionEnum": "workflows.models.ApprovalStep.Decision",
        "ReviewDecisionEnum": "archive.models.Review.Decision",
        "InventoryKindEnum": "archive.models.Inventory.Kind",
        "InventoryStatusEnum": "archive.models.Inventory.Status",
        "DestructionActStatusEnum": "archive.models.DestructionAct.Status",
        "ArchiveStateEnum": "archive.serializers.STATES",
    },
}

VIEWFLOW = {
    "AUTOREGISTER": False,
    # The pages' own form elements in Viewflow's Material rendering (common/forms.py).
    "WIDGET_RENDERERS": {
        "common.forms.SearchSelect": "common.forms.PickerRenderer",
        "common.forms.SearchSelectMultiple": "common.forms.PickerRenderer",
        "common.rows.RowsWidget": "common.rows.RowsRenderer",
        "django.forms.Select": "common.forms.FirstChoiceSelectRenderer",
        "django.forms.CheckboxSelectMultiple": "common.forms.CheckboxesRenderer",
    },
}

# Content-Security-Policy: scripts only from our own static files; Viewflow's Material frame and
# our pages set styles inline (style attributes too), so styles may be inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}

# What the processes keep between runs (beat's schedule): outside the checkout and the package.
# systemd's StateDirectory= sets STATE_DIRECTORY.
STATE_DIR = Path(
    env.str(
        "STATE_DIR",
        default=env.str(
            "STATE_DIRECTORY",
            default=str(Path(env.str("XDG_STATE_HOME", default="~/.local/state")) / "reglament"),
        ),
    )
).expanduser()
CELERY_BEAT_SCHEDULE_FILENAME = str(STATE_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULER = "config.celery:StateDirScheduler"

# Each line: time, level, logger, user and request id (common.requestlog); LOG_FORMAT=json
# writes one JSON object a line instead.
LOG_FORMAT = env.str("LOG_FORMAT", default="text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request": {"()": "common.requestlog.RequestContextFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s user=%(user)s request=%(request_id)s "
            "%(message)s",
            "datefmt": "%Y-%m-%d %H:%M:%S%z",
        },
        "json": {"()": "common.requestlog.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request"],
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["request", "require_debug_false"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        # pymorphy3 announces every dictionary load at INFO.
        "pymorphy3": {"level": "WARNING"},
        # axes reports each clean-up of old attempts at INFO; failures are logged by orgs.access.
        "axes": {"level": "WARNING"},
        # Server errors are mailed to ADMINS (none: nothing is sent); lines go on to the root.
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
    },
}

# Public address of the site, for links printed in documents (the ГОСТ QR-code requisite).
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Uploaded documents: refused above these limits before any parsing.
DOCUMENT_MAX_UPLOAD_MB = env.int("DOCUMENT_MAX_UPLOAD_MB", default=20)
DOCUMENT_MAX_UNCOMPRESSED_MB = env.int("DOCUMENT_MAX_UNCOMPRESSED_MB", default=200)
DOCUMENT_MAX_COMPRESSION_RATIO = env.int("DOCUMENT_MAX_COMPRESSION_RATIO", default=100)
DATA_UPLOAD_MAX_MEMORY_SIZE = (DOCUMENT_MAX_UPLOAD_MB + 1) * 1024 * 1024
# Scans (PDFs without text) are recognised in the background up to this many pages each.
DOCUMENT_OCR_MAX_PAGES = env.int("DOCUMENT_OCR_MAX_PAGES", default=50)
# Uploaded files above this size are streamed to a temporary file, not kept in memory; the
# size of each is checked before it is read (common.uploads).
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2621440)

# Approval deadlines: reminders go this many hours before a step is due; order acknowledgements
# are due this many days after signature.
WORKFLOW_REMIND_BEFORE_HOURS = env.int("WORKFLOW_REMIND_BEFORE_HOURS", default=24)
WORKFLOW_ACKNOWLEDGE_DAYS = env.int("WORKFLOW_ACKNOWLEDGE_DAYS", default=3)
# Plan items: the responsible people are reminded this many days before the due date.
PLAN_REMIND_BEFORE_DAYS = env.int("PLAN_REMIND_BEFORE_DAYS", default=3)
# Executors of поручения are reminded this many days before the deadline.
CONTROL_REMIND_BEFORE_DAYS = env.int("CONTROL_REMIND_BEFORE_DAYS", default=2)

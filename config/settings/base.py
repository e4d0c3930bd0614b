"""Settings shared by every environment. Every environment variable is read here."""

from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()


def _grade_target(name: str, default: str) -> float | None:
    """A reading-grade target from the environment: a number, or empty for none."""
    value = env(name, default=default).strip()
    return float(value) if value else None


INSECURE_DEFAULT_SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

SECRET_KEY = env("SECRET_KEY", default=INSECURE_DEFAULT_SECRET_KEY)
# Earlier keys, still accepted while sessions and sealed renderings move to the new one.
SECRET_KEY_FALLBACKS = env.list("SECRET_KEY_FALLBACKS", default=[])
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

if not DEBUG and SECRET_KEY == INSECURE_DEFAULT_SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off: the built-in key is public and only "
        "for local development."
    )

# The audit history is signed (HMAC-SHA256) with AUDIT_KEY, which never enters the database:
# whoever can write to the database cannot recompute a valid chain. After a rotation
# (`manage.py rotate_audit_key`) the earlier keys stay listed in AUDIT_KEYS_RETIRED
# (comma-separated), so the events they signed still verify. The built-in key is public: for
# DEBUG, the demo and the tests only.
INSECURE_DEFAULT_AUDIT_KEY = "insecure-local-development-audit-key-public-do-not-use"
AUDIT_KEY_MIN_LENGTH = 32
AUDIT_KEY = env("AUDIT_KEY", default=INSECURE_DEFAULT_AUDIT_KEY)
AUDIT_KEYS_RETIRED = env.list("AUDIT_KEYS_RETIRED", default=[])

if not DEBUG and AUDIT_KEY == INSECURE_DEFAULT_AUDIT_KEY:
    raise ImproperlyConfigured(
        "AUDIT_KEY must be set when DEBUG is off: the built-in audit key is public, and with "
        "it anyone who can write to the database can rewrite the audit history undetected."
    )
if not DEBUG and len(AUDIT_KEY) < AUDIT_KEY_MIN_LENGTH:
    raise ImproperlyConfigured(
        f"AUDIT_KEY must be at least {AUDIT_KEY_MIN_LENGTH} characters long; generate one with "
        "python -c 'import secrets; print(secrets.token_urlsafe(48))'."
    )

INSTALLED_APPS = [
    # The admin, on editorial's site: the password, then the second factor.
    "editorial.apps.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "articles",
    "reviewers",
    "editorial",
    # The authors' workspace at /workspace/ (pages over editorial's services).
    "workspace",
    "axes",
    # Background work (e-mail): Django's task framework, backported, with its database queue.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "config.middleware.RejectNulCharactersMiddleware",
    "config.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed the second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last: turns a sign-in refused for repeated failures into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out account or address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
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
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A row lock that cannot be had within this many milliseconds is refused, not waited on.
    DATABASES["default"].setdefault("OPTIONS", {})
    # A statement still running after DB_STATEMENT_TIMEOUT_MS is cancelled: one slow query
    # costs its own request a 503, not a gunicorn worker held until it is killed (0: no limit,
    # for a one-off maintenance command).
    # No parallel workers by default: the application's statements are short and read
    # indexes, and starting a worker costs more (10-20 ms measured by bench.scale) than a
    # page's statement takes without one. DB_PARALLEL_WORKERS sets PostgreSQL's
    # max_parallel_workers_per_gather for the application's connections.
    DATABASES["default"]["OPTIONS"].setdefault(
        "options",
        f"-c lock_timeout={env.int('DB_LOCK_TIMEOUT_MS', default=5000)}"
        f" -c statement_timeout={env.int('DB_STATEMENT_TIMEOUT_MS', default=15000)}"
        f" -c max_parallel_workers_per_gather={env.int('DB_PARALLEL_WORKERS', default=0)}",
    )
    # A database that does not answer refuses the connection after a few seconds instead of
    # holding the request until gunicorn kills the worker.
    DATABASES["default"]["OPTIONS"].setdefault(
        "connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=5)
    )

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A write transaction takes SQLite's write lock when it begins, and waits up to the
    # timeout for it: two workflow actions on one revision queue as they do on PostgreSQL,
    # and the second sees the first's result (a 409), never "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "timeout", env.int("DB_LOCK_TIMEOUT_MS", default=5000) / 1000
    )

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                # A Redis that hangs costs a request at most this many seconds, not ten.
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_TIMEOUT", default=1.0),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT", default=1.0),
            },
        }
    }
    # The throttles that guard passwords and the readers' inbox count here: the same Redis,
    # but its errors are raised, so that they fail closed (config/api/throttling.py).
    CACHES["throttle"] = {
        **CACHES["default"],
        "OPTIONS": {
            k: v for k, v in CACHES["default"]["OPTIONS"].items() if k != "IGNORE_EXCEPTIONS"
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "throttle": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Seconds an SMTP server may take to answer before the sending fails (and is retried).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Imprimatur <editorial@imprimatur.local>")

# Background tasks (Django's task framework, through the django-tasks backport, so the code
# moves to django.tasks unchanged). E-mail is queued in the database and sent by
# `manage.py db_worker`; see the README for RQ on Redis.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}
# How often a failed e-mail is tried again by the worker (with a growing delay) before it is
# left as a failed task.
EMAIL_TASK_ATTEMPTS = env.int("EMAIL_TASK_ATTEMPTS", default=4)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` gathers the files WhiteNoise serves in production.
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# How many reverse proxies in front of the app append to X-Forwarded-For. The client's
# address is the one the outermost of them saw; with 0 it is the connection's own address and
# the header is ignored, since anyone can send it.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Sign-in lockout (django-axes), for the admin's sign-in and the API's token endpoint alike:
# after this many failures for one username, or from one client address, sign-in is refused
# for the cool-off period, even with the right password. A success does not wipe an
# address's failures, so one known account does not buy a guesser more tries at the others.
AXES_FAILURE_LIMIT = env.int("SIGNIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("SIGNIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "config.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "editorial.signin.views.lockout_response"
AXES_VERBOSE = False

# A signed-in session ends after this many minutes without a request, and in any case this
# many hours after signing in (config.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=12) * 60 * 60

# Content-Security-Policy (django-csp) for everything that does not set its own: the admin
# and the API. Scripts and styles only from our own static files, nothing inline, no
# plug-ins, no framing. The public pages send a stricter one of their own (PAGE_CSP in
# articles/public/http.py: no script at all); the API docs add what Swagger UI needs
# (editorial/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# The second factor (django-otp): the name authenticator apps show beside the code.
OTP_TOTP_ISSUER = "Imprimatur"

# The organisation that publishes the site and holds editorial responsibility for what it
# publishes: named on every article, in its JSON-LD and on the editorial policy page. An
# empty URL means SITE_URL.
PUBLISHER = {
    "NAME": env("PUBLISHER_NAME", default="Imprimatur Health"),
    "URL": env("PUBLISHER_URL", default=""),
}

EDITORIAL = {
    # Who sees whose name during peer review: "single_anonymous" (reviewers see the author,
    # the author does not see the reviewers), "double_anonymous" (neither sees the other,
    # anywhere) or "open" (the author also sees the reviewers' names).
    "REVIEW_MODE": env("REVIEW_MODE", default="single_anonymous"),
    # Approve votes from distinct, unconflicted board members needed to approve a revision.
    "BOARD_QUORUM": env.int("BOARD_QUORUM", default=2),
    # Completed reviewer recommendations needed before the board may approve.
    "REQUIRED_REVIEWS": env.int("REQUIRED_REVIEWS", default=2),
    # Days a reviewer gets by default to complete a review.
    "REVIEW_DUE_DAYS": env.int("REVIEW_DUE_DAYS", default=14),
    # Days after its review's due date that a reviewer's link (in the invitation e-mail)
    # still opens the invitation and the review.
    "REVIEWER_LINK_GRACE_DAYS": env.int("REVIEWER_LINK_GRACE_DAYS", default=7),
    # Months after approval before a published article is due for re-review.
    "REREVIEW_MONTHS": env.int("REREVIEW_MONTHS", default=12),
    # Completed re-review recommendations (all "still accurate") a board attestation needs.
    "REREVIEW_REQUIRED_REVIEWS": env.int("REREVIEW_REQUIRED_REVIEWS", default=1),
    # Whether an article past its next review date says so on its public page and JSON.
    "SHOW_OVERDUE_NOTICE": env.bool("SHOW_OVERDUE_NOTICE", default=True),
    # Whether a board member who peer-reviewed a revision may also vote on it. Off: the
    # decision stays independent of the review.
    "REVIEWER_MAY_VOTE": env.bool("REVIEWER_MAY_VOTE", default=False),
    # Reminders sent by `manage.py editorial_tick`, each once (editorial.Reminder):
    # an invitation still unanswered this many days after it was sent;
    "INVITATION_REMINDER_DAYS": env.int("INVITATION_REMINDER_DAYS", default=3),
    # a review due within this many days;
    "REVIEW_DUE_SOON_DAYS": env.int("REVIEW_DUE_SOON_DAYS", default=2),
    # an approved revision not scheduled nor published this many days after the decision;
    "APPROVED_UNPUBLISHED_DAYS": env.int("APPROVED_UNPUBLISHED_DAYS", default=2),
    # a published article whose re-review falls due within this many days (also the admin's
    # "re-review due" queue).
    "REREVIEW_NOTICE_DAYS": env.int("REREVIEW_NOTICE_DAYS", default=30),
    # The rules for the next revision of a published article, by its change class; a key
    # left out falls back to the rule above (the first revision and a reinstatement use
    # those). A minor change (meaning unchanged) needs no peer review and one board approval;
    # a correction's reviews are due sooner.
    "CHANGE_CLASSES": {
        "minor": {
            "REQUIRED_REVIEWS": env.int("MINOR_REQUIRED_REVIEWS", default=0),
            "BOARD_QUORUM": env.int("MINOR_BOARD_QUORUM", default=1),
        },
        "update": {},
        "correction": {"REVIEW_DUE_DAYS": env.int("CORRECTION_REVIEW_DUE_DAYS", default=5)},
    },
    # Evidence checks at submission (warnings for the board): a reference older than this
    # many years is flagged; a guideline (its kind) sooner.
    "EVIDENCE": {
        "MAX_AGE_YEARS": env.int("EVIDENCE_MAX_AGE_YEARS", default=10),
        "GUIDELINE_MAX_AGE_YEARS": env.int("EVIDENCE_GUIDELINE_MAX_AGE_YEARS", default=5),
    },
    # The highest Flesch-Kincaid grade wanted for each audience's text ("general": the body),
    # measured at submission; missing it is a warning for the board. Empty: no target.
    "READING_TARGETS": {
        audience: _grade_target(f"READING_GRADE_{audience.upper()}", default)
        for audience, default in (
            ("general", "10"),
            ("patient", "8"),
            ("caregiver", "10"),
            ("clinician", ""),
        )
    },
    # Days a reader's e-mail address is kept after their report is closed, then erased.
    "REPORT_EMAIL_RETENTION_DAYS": env.int("READER_REPORT_EMAIL_DAYS", default=90),
    "DISCLAIMER": env(
        "EDITORIAL_DISCLAIMER",
        default=(
            "This article is for general information and does not replace advice from a "
            "qualified health professional who knows your circumstances."
        ),
    ),
    # What each published article says about how it was drafted and who approved it, by
    # kind of drafting (the editorial policy page explains it). {approvers} are the board
    # members whose approvals counted, with their credentials; {publisher} is
    # PUBLISHER["NAME"]; {pipeline}, {model} and {version} describe a drafting pipeline.
    "DRAFTING_DISCLOSURE": {
        "human": (
            "Written by people. Reviewed and approved before publication by {approvers} "
            "of the Medical Advisory Board; {publisher} holds editorial responsibility for "
            "it."
        ),
        "ai_assisted": (
            "Written by people with the help of an AI tool. Reviewed and approved before "
            "publication by {approvers} of the Medical Advisory Board; {publisher} holds "
            "editorial responsibility for it."
        ),
        "ai_generated": (
            "Drafted by an AI system ({pipeline}, using {model} version {version}), then "
            "reviewed and approved before publication by {approvers} of the Medical "
            "Advisory Board; {publisher} holds editorial responsibility for it."
        ),
    },
}

# Where `audit_checkpoint --to` appends the signed checkpoints of the audit chain, read by
# each article's public review record to show the latest checkpoint that covers its events.
# Empty: the review record shows none.
AUDIT_CHECKPOINT_FILE = env("AUDIT_CHECKPOINT_FILE", default="")

# Days an API token works, from when it is issued (`manage.py api_token issue --days` may
# give a pipeline's token another lifetime).
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=30)

# The largest JSON body the API reads; Markdown (200 KB) and references (300) have their own
# limits, checked before anything else (413 either way).
API_MAX_BODY_BYTES = env.int("API_MAX_BODY_BYTES", default=2 * 1024 * 1024)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "editorial.api.authentication.ApiTokenAuthentication",
        "editorial.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["config.api.parsers.BoundedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "EXCEPTION_HANDLER": "editorial.api.errors.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "config.api.schema.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "config.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("API_THROTTLE_ANON", default="60/minute"),
        "user": env("API_THROTTLE_USER", default="1200/minute"),
        # Obtaining a token checks a password: slow down guessing.
        "token": env("API_THROTTLE_TOKEN", default="10/minute"),
        # Readers' reports, per client address, the form and the JSON API together.
        "reader_report": env("READER_REPORT_THROTTLE", default="5/hour"),
    },
    "STRICT_JSON": True,
    # Throttles key on the same client address as the sign-in lockout.
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Imprimatur API",
    "DESCRIPTION": (
        "Editorial review of medical articles: authors, reviewers, editors, board. "
        "Authenticate with `Authorization: Token <key>`: POST /api/v1/auth/token/ with your "
        "username, password and a name for the device or pipeline (editors, the board and "
        "superusers add `otp`, their authenticator's code) issues a new token that expires "
        "(API_TOKEN_DAYS); list and revoke yours at /api/v1/auth/tokens/. "
        "Every error has one shape: "
        '`{"error": {"code": ..., "message": ..., "fields": {...}}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RevisionStateEnum": "articles.models.RevisionState",
        "AssignmentStateEnum": "reviewers.models.AssignmentState",
        "AssignmentKindEnum": "reviewers.models.AssignmentKind",
        "ReReviewStateEnum": "reviewers.models.ReReviewState",
        "RecommendationEnum": "reviewers.models.Recommendation",
        "VoteDecisionEnum": "editorial.models.VoteDecision",
        "ReferenceKindEnum": "articles.models.ReferenceKind",
        "TokenStateEnum": "editorial.models.TokenState",
        "HistoryKindEnum": "articles.renderings.HISTORY_KINDS",
        "AudienceEnum": "articles.models.AUDIENCES",
    },
    "PREPROCESSING_HOOKS": ["articles.public.schema.public_endpoints"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "config.api.schema.nullable_references",
    ],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "line"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}

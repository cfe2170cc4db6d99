"""Settings shared by every environment. Environment-specific files override these."""

from pathlib import Path

from django.utils.csp import CSP

from config.env import BASE_DIR, env, mailers_from_url

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-dev-key-change-me-in-production-0123456789")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# danvan's apps come first: where two catalogues translate the same text, the app listed
# first wins, and "Status", "History" or "active" must read as danvan's own Vietnamese
# (danvan/core/tests/test_catalogues.py checks that no translation of ours is shadowed).
INSTALLED_APPS = [
    "danvan.core",
    "danvan.deadlines",
    "danvan.units",
    "danvan.audit",
    "danvan.notifications",
    "danvan.petitions",
    "danvan.consultations",
    "danvan.directives",
    "danvan.democracy",
    "danvan.emulation",
    "danvan.portal",
    "danvan.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "danvan.core.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "danvan.consultations.middleware.BallotReceiptMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "danvan.units.middleware.ActiveRoleMiddleware",
    # AxesMiddleware must be last: it turns lock-outs into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "danvan.units.context_processors.active_role",
                "danvan.notifications.context_processors.unread_count",
            ],
        },
    },
]

# Database: SQLite is the embedded default; set DATABASE_URL for PostgreSQL.
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'danvan.sqlite3'}"
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    (BASE_DIR / "var").mkdir(exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            # WAL + a busy timeout let the web process and the task worker share one file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": env.cache_url("CACHE_URL", default="locmemcache://danvan"),
}

# Background work: Django's Tasks API with the database backend (no extra server needed).
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "notifications"],
    }
}

AUTH_USER_MODEL = "units.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "units:login"
LOGIN_REDIRECT_URL = "core:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# Login rate limiting (django-axes): lock a username+IP pair after 5 failures for 15 minutes.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "units/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_HANDLER = env("AXES_HANDLER", default="axes.handlers.database.AxesDatabaseHandler")
AXES_CLIENT_IP_CALLABLE = "danvan.core.client_ip.client_ip"  # trusts only our own proxies

# Internationalisation: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
# Language names are shown in their own language (name_local), so they are not translated.
LANGUAGES = [
    ("vi", "Tiếng Việt"),
    ("en", "English"),
    # Right-to-left proof for the public portal: its own strings are translated (issue 7).
    ("ar", "العربية"),
]
# Each app keeps its own catalogue in danvan/<app>/locale (docs/decisions/0004-i18n.md).
LOCALE_PATHS: list[object] = []
FORMAT_MODULE_PATH = ["config.formats"]  # day-first date input for Vietnamese
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "danvan_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("DANVAN_STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True  # serve app static files without collectstatic in dev and tests
STATICFILES_DIRS = [BASE_DIR / "danvan" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(env.str("DANVAN_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"
# Citizens' attachments: outside every served folder, read only through views that check
# access (petitions intake). Never put this under STATIC_ROOT or MEDIA_ROOT.
DANVAN_PRIVATE_MEDIA_ROOT = Path(
    env.str("DANVAN_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "var" / "private"))
)

# Sealed denouncer identities (petitions): "key_id:base64key" entries (32 random bytes each),
# the current key FIRST; the first encrypts, every entry decrypts (rotation). No default here:
# local.py (DEBUG) and test.py derive a development key, production.py requires the variable.
DANVAN_SEALING_KEYS: list[str] = env.list("DANVAN_SEALING_KEYS", default=[])

# E-mail through Django 6.1's MAILERS; EMAIL_URL (smtp+tls://user:pass@host:587) picks the backend.
MAILERS = mailers_from_url(env.str("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="danvan <no-reply@danvan.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security baseline (production.py tightens transport settings).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Audit and privacy: never log request bodies; personal data stays out of logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

DANVAN = {
    # Days before a deadline at which the first warning goes out (configurable per deployment).
    "DEADLINE_WARNING_WORKING_DAYS": env.int("DANVAN_DEADLINE_WARNING_WORKING_DAYS", default=2),
    "SITE_NAME": env("DANVAN_SITE_NAME", default="danvan"),
    # Reverse proxies (addresses or networks) whose X-Forwarded-For / X-Real-IP are trusted.
    "TRUSTED_PROXIES": env.list("DANVAN_TRUSTED_PROXIES", default=[]),
    # Public address used for links in e-mails (https://danvan.example.vn); empty = no links.
    "SITE_URL": env("DANVAN_SITE_URL", default=""),
    # Petition attachments: size of each file and number of files per submission.
    "ATTACHMENT_MAX_BYTES": env.int("DANVAN_ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024),
    "ATTACHMENT_MAX_FILES": env.int("DANVAN_ATTACHMENT_MAX_FILES", default=5),
    # Public petition form and tracking page: requests per client address per window.
    "INTAKE_RATE_LIMIT": env.int("DANVAN_INTAKE_RATE_LIMIT", default=10),  # per hour
    "TRACKING_RATE_LIMIT": env.int("DANVAN_TRACKING_RATE_LIMIT", default=30),  # per 15 minutes
    # Denouncer follow-up look-ups per client address, and per code prefix, per 15 minutes.
    "FOLLOW_UP_RATE_LIMIT": env.int("DANVAN_FOLLOW_UP_RATE_LIMIT", default=10),
    "FOLLOW_UP_PREFIX_RATE_LIMIT": env.int("DANVAN_FOLLOW_UP_PREFIX_RATE_LIMIT", default=10),
    # Open311: the unit code that receives requests naming no place; POSTs per client per hour.
    "OPEN311_DEFAULT_UNIT": env("DANVAN_OPEN311_DEFAULT_UNIT", default=""),
    "OPEN311_RATE_LIMIT": env.int("DANVAN_OPEN311_RATE_LIMIT", default=20),
    # `manage.py worker` puts back tasks running longer than this (their worker is dead).
    "TASK_RECOVER_AFTER_SECONDS": env.int("DANVAN_TASK_RECOVER_AFTER_SECONDS", default=3600),
    # Consultations: threads per app-server process writing ballots by group commit (one
    # per process gathers the largest groups; two help a single-process server).
    "BALLOT_WRITERS": env.int("DANVAN_BALLOT_WRITERS", default=1),
    # Directives: Party committee terms (label, first day) [M]; Party documents are numbered
    # per type for the whole term (HD 36-HD/VPTW). The term of a date is the last one begun.
    "PARTY_TERMS": [("2020-2025", "2020-01-01"), ("2025-2030", "2025-07-01")],
    # Working days an urging letter (công văn đôn đốc) gives late units by default.
    "URGING_WORKING_DAYS": env.int("DANVAN_URGING_WORKING_DAYS", default=5),
}

"""Django settings for nuskha, read from the environment.

Zero-config locally (SQLite and files under NUSKHA_DATA_DIR, DEBUG on); strict in
production: with NUSKHA_DEBUG=false the project refuses to start until the secret key,
the data directory and the public base URL are set. Every variable is listed in
docs/reference/configuration.md, and tests/test_docs.py checks that list against this file.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_secret(name: str) -> str:
    """A secret from NAME, or from the file named by NAME_FILE (for Docker/systemd secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, "")


def local_secret_key(data_dir: Path) -> str:
    """A key generated once per data directory, so local sessions survive restarts."""
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


DEBUG = env_bool("NUSKHA_DEBUG", True)
DATA_DIR = Path(env("NUSKHA_DATA_DIR", "data")).resolve()
BASE_URL = env("NUSKHA_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
OAI_REPOSITORY_ID = env("NUSKHA_OAI_REPOSITORY_ID", "nuskha.localhost")
# Identify's adminEmail: the OAI-PMH schema wants a dot in the domain, so not @localhost.
OAI_ADMIN_EMAIL = env("NUSKHA_OAI_ADMIN_EMAIL", "catalogue@nuskha.localhost")

if DEBUG:
    SECRET_KEY = env_secret("NUSKHA_SECRET_KEY") or local_secret_key(DATA_DIR)
else:
    SECRET_KEY = env_secret("NUSKHA_SECRET_KEY")
    missing = [
        name
        for name in ("NUSKHA_SECRET_KEY", "NUSKHA_DATA_DIR", "NUSKHA_BASE_URL")
        if not (os.environ.get(name) or os.environ.get(f"{name}_FILE"))
    ]
    if missing:
        raise ImproperlyConfigured(
            "With NUSKHA_DEBUG=false these must be set: " + ", ".join(missing)
        )

ALLOWED_HOSTS = [h for h in env("NUSKHA_ALLOWED_HOSTS", "*").split(",") if h]
CSRF_TRUSTED_ORIGINS = [BASE_URL] if BASE_URL.startswith("http") else []

INSTALLED_APPS = [
    "nuskha.web.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "simple_history",
    "nuskha.catalogue",
    "nuskha.search",
    "nuskha.jobs",
    "nuskha.oai",
    "nuskha.images",
    "nuskha.ocr",
    "nuskha.cooperation",
    "nuskha.web",
    "nuskha.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "nuskha.web.middleware.LanguageFromQueryMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "nuskha.access.middleware.PartnerKeyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "nuskha.urls"
WSGI_APPLICATION = "nuskha.wsgi.application"

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
            ],
        },
    },
]

# SQLite in WAL mode lets the web server read while a worker writes; IMMEDIATE
# transactions take the write lock up front, so two writers queue instead of
# failing with "database is locked" halfway through.
SQLITE_OPTIONS = {
    # A 64 MiB page cache and memory-mapped reads: the full-text index and the entry
    # table are read at random, a few pages per hit (docs/performance.md).
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
        "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
    ),
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
}
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'nuskha.sqlite3'}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A full-text match's bitmap must stay exact: PostgreSQL 15's GIN scan loses rows
    # when a prefix (word*) match ANDed with another term goes lossy at the default 4 MB
    # (a million records: 63,484 found of 66,592; docs/performance.md). 64 MB keeps it
    # exact to about a million heap pages, and makes such scans faster too.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c work_mem=64MB"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Connections are kept (CONN_MAX_AGE 60, as for PostgreSQL): opening one runs the
    # PRAGMAs above and closing the last one checkpoints the WAL, about 3 ms of CPU on
    # every request otherwise (a third of a cold IIIF tile; docs/performance.md).
    DATABASES["default"]["OPTIONS"] = SQLITE_OPTIONS

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("fa", _("Persian")),
    ("kk", _("Kazakh")),
    ("ru", _("Russian")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "nuskha_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS: list[Any] = [BASE_DIR / "static"]  # site-wide; apps keep theirs in <app>/static
# The page viewer: Mirador's single-file build, installed from npm by `make setup`.
MIRADOR_DIST = BASE_DIR.parent / "node_modules" / "mirador" / "dist"
if MIRADOR_DIST.is_dir():
    STATICFILES_DIRS.append(("mirador", MIRADOR_DIST))
STATIC_ROOT = DATA_DIR / "static"  # filled by `nuskha collectstatic`; whitenoise serves it
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve app static files even before collectstatic
MEDIA_ROOT = DATA_DIR / "media"

LOGIN_URL = "admin:login"

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# nuskha.jobs: a worker that has not reported for this long is taken as dead,
# and its job is retried (see nuskha/jobs/recovery.py).
NUSKHA_JOB_LEASE_SECONDS = env_int("NUSKHA_JOB_LEASE_SECONDS", 120)
NUSKHA_JOB_RETRY_BASE_SECONDS = env_int("NUSKHA_JOB_RETRY_BASE_SECONDS", 30)

# nuskha.images: limits on what an ingest accepts. A page image of more pixels is refused
# from its header, before decoding (a decompression bomb); a zip may unpack to this much.
INGEST_MAX_PIXELS = env_int("NUSKHA_INGEST_MAX_PIXELS", 250_000_000)
INGEST_MAX_BYTES = env_int("NUSKHA_INGEST_MAX_BYTES", 50 * 1024**3)

SIMPLE_HISTORY_REVERT_DISABLED = True

# E-mail (the agreements' expiry reminders): printed to the console locally and in the
# demo, sent over SMTP in production. "console", "smtp" or a backend's dotted path.
EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = env("NUSKHA_EMAIL_BACKEND", "console" if DEBUG else "smtp")
EMAIL_BACKEND = EMAIL_BACKENDS.get(_email_backend, _email_backend)
EMAIL_HOST = env("NUSKHA_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("NUSKHA_EMAIL_PORT", 25)
EMAIL_HOST_USER = env("NUSKHA_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_secret("NUSKHA_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("NUSKHA_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("NUSKHA_EMAIL_USE_SSL", False)
# Without a timeout a silent mail server would hold the reminder job (and its database
# transaction, see cooperation/reminders.py) for ever.
EMAIL_TIMEOUT = env_int("NUSKHA_EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = env("NUSKHA_DEFAULT_FROM_EMAIL", "nuskha@nuskha.localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("NUSKHA_LOG_LEVEL", "WARNING")},
}

if not DEBUG:
    SESSION_COOKIE_SECURE = BASE_URL.startswith("https://")
    CSRF_COOKIE_SECURE = BASE_URL.startswith("https://")

"""Production: everything secret or environment-specific comes from the environment.

Serve with ``gunicorn cms_site.wsgi`` and ``DJANGO_SETTINGS_MODULE=cms_site.settings.production``.
"""

import os
import sysconfig
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import BASE_DIR, PROJECT_DIR, env_bool, env_list

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without one: "
        "export SECRET_KEY to a long random value (for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

# --- Where data lives ---------------------------------------------------------------------
# Never inside the installed package: with a regular (non-editable) install BASE_DIR is
# site-packages, and a reinstall or upgrade would delete every upload. VAR_DIR defaults to
# var/ under the working directory (the checkout, with `make` or an editable install);
# MEDIA_ROOT, STATIC_ROOT and the SQLite file default below it.
VAR_DIR = Path(os.environ.get("VAR_DIR") or Path.cwd() / "var").resolve()
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media").resolve()
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or VAR_DIR / "static").resolve()
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"] = dj_database_url.parse(  # noqa: F405
        f"sqlite:///{VAR_DIR / 'db.sqlite3'}", conn_health_checks=True
    )
# Set when the operator chose the locations (or object storage holds the media): the deploy
# check warns otherwise (cms_site.checks).
STORAGE_LOCATIONS_EXPLICIT = bool(
    os.environ.get("VAR_DIR") or (os.environ.get("MEDIA_ROOT") and os.environ.get("STATIC_ROOT"))
)


def _installed_code_dirs() -> list[Path]:
    """Folders a reinstall replaces: the interpreter's package folders and, when this code is
    not a checkout (no pyproject.toml beside it), the folder it was installed into."""
    dirs = {Path(sysconfig.get_paths()[key]).resolve() for key in ("purelib", "platlib")}
    if not (BASE_DIR / "pyproject.toml").exists():
        dirs.add(PROJECT_DIR.parent.resolve())
    return sorted(dirs)


def _refuse_data_inside_installed_code() -> None:
    locations = {"MEDIA_ROOT": MEDIA_ROOT, "STATIC_ROOT": STATIC_ROOT}
    database = DATABASES["default"]  # noqa: F405
    if "sqlite" in database["ENGINE"]:
        locations["the SQLite database"] = Path(database["NAME"]).resolve()
    for name, location in locations.items():
        for code_dir in _installed_code_dirs():
            if location == code_dir or code_dir in location.parents:
                raise ImproperlyConfigured(
                    f"{name} would be {location}, inside the installed code ({code_dir}): a "
                    "reinstall or upgrade would delete it. Set VAR_DIR (or MEDIA_ROOT, "
                    "STATIC_ROOT and DATABASE_URL) to a folder of its own, e.g. "
                    "VAR_DIR=/srv/equity-cms/var, or run from such a working directory."
                )


_refuse_data_inside_installed_code()
if "sqlite" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    # SQLite creates the file, not its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Persistent connections: a new database connection per request is pure overhead.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405

# Static files are served by whitenoise with hashed, compressed names, straight after
# SecurityMiddleware so that static responses skip the rest of the stack.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    **STORAGES,  # noqa: F405 - the media storage: files, or object storage (base settings)
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS everywhere. SECURE_SSL_REDIRECT can be turned off when a proxy terminates TLS and
# redirects itself (it then sets X-Forwarded-Proto, trusted below).
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

# Anonymous visitors get whole cached responses (see cms_site.anonymous_cache). With REDIS_URL
# a publish invalidates every worker at once; without it, other workers lag at most 10 s.
ANONYMOUS_CACHE = {"ENABLED": env_bool("ANONYMOUS_CACHE", True)}
SITE_LOOKUP_CACHE = env_bool("SITE_LOOKUP_CACHE", True)
EQUITY_CONTENT_CACHE = {"ENABLED": env_bool("CONTENT_CACHE", True)}

# Background work (publish webhooks, Wagtail's own tasks) on a database queue: run
# `python manage.py db_worker` next to gunicorn. TASKS_BACKEND=immediate runs it inline.
if os.environ.get("TASKS_BACKEND", "database") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
LOGGING["root"]["level"] = LOGGING["loggers"]["django"]["level"] = LOG_LEVEL  # noqa: F405

"""Production: everything secret or environment-specific comes from the environment.

Serve with ``gunicorn cms_site.wsgi`` and ``DJANGO_SETTINGS_MODULE=cms_site.settings.production``.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without one: "
        "export SECRET_KEY to a long random value (for example the output of "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1")

# Persistent connections: a new database connection per request is pure overhead.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "60"))  # noqa: F405

# Static files are served by whitenoise with hashed, compressed names, straight after
# SecurityMiddleware so that static responses skip the rest of the stack.
MIDDLEWARE = [*MIDDLEWARE]  # noqa: F405
MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
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

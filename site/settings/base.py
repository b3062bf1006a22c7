"""Settings shared by every environment.

Everything environment-specific is read from the environment, so the same code runs on a
laptop (embedded SQLite under ``var/``), in CI (PostgreSQL through ``DATABASE_URL``) and in
production.

This module holds what the whole project rests on (installed apps, middleware, templates, the
database, caches, time zone, tasks); each other concern has its own module, imported here:
``env`` (paths and reading the environment), ``languages``, ``storage`` (static files and
media, S3), ``security`` (headers, the Content-Security-Policy, throttles, request limits),
``wagtail`` (site name, public address, search, documents, images, API), ``mail``, ``logs``
and ``headless`` (CORS, HTTP caching, purging, front-end preview, webhooks).
"""

import os

import dj_database_url

from .env import BASE_DIR, PROJECT_DIR, VAR_DIR, env_bool, env_list  # noqa: F401 (for the others)
from .headless import *  # noqa: F403
from .languages import *  # noqa: F403
from .logs import *  # noqa: F403
from .mail import *  # noqa: F403
from .security import *  # noqa: F403
from .storage import *  # noqa: F403
from .wagtail import *  # noqa: F403

DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project itself: its templates and static files, and the wiring of project-wide
    # consumers of the publication pipeline (cms_site.apps).
    "cms_site",
    # Before equity: the publication pipeline replaces its purge-on-publish handlers.
    "wagtail.contrib.frontend_cache",
    "home",
    "equity",
    "newsroom",
    "wagtail_modeladmin",
    "wagtail_headless_preview",
    "corsheaders",
    "django_tasks_db",
    # Translations: "Translate" on pages copies them into another locale (Wagtail's own
    # simple_translation); Settings → Locales manages the languages content is written in.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.api.v2",
    "wagtail.api.v3",
    # django-ninja ships Swagger UI in its static files: listed here, /api/v3/docs/ serves it
    # from the site's own static files (not a CDN), so the docs work offline and under the CSP.
    "ninja",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on everything but the admin (cms_site.security).
    "cms_site.security.ContentSecurityPolicyMiddleware",
    # CORS for /api/ only, from CORS_ALLOWED_ORIGINS (answers preflights before anything else).
    "corsheaders.middleware.CorsMiddleware",
    # ETag / Last-Modified / 304 and Cache-Control per surface (outside the response cache,
    # so cached responses are still answered 304).
    "cms_site.http_caching.HTTPCachingMiddleware",
    # Whole responses for anonymous GETs; off unless ANONYMOUS_CACHE["ENABLED"] (production).
    "cms_site.anonymous_cache.AnonymousResponseCacheMiddleware",
    # Wagtail's Site lookup from the cache instead of a query; on when SITE_LOOKUP_CACHE.
    "cms_site.anonymous_cache.CachedSiteLookupMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a request is the one its address names (/es/…), else LANGUAGE_CODE.
    "cms_site.i18n.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # 413 for oversized request bodies from Content-Length, before CSRF or a view reads them.
    "cms_site.middleware.RequestBodyLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms_site.middleware.NullByteGuardMiddleware",
    "cms_site.middleware.APIPaginationGuardMiddleware",
    # 405 for PUT/DELETE/TRACE/PROPFIND/… on pages, feeds and search (the APIs answer their own).
    "cms_site.middleware.PageMethodGuardMiddleware",
    # The route of a page address for anonymous readers, kept until the next publication.
    "cms_site.middleware.StoredRouteMiddleware",
]

ROOT_URLCONF = "cms_site.urls"
WSGI_APPLICATION = "cms_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # site/ is the installed app cms_site, listed first: its templates override others.
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "cms_site.context_processors.site_menu",
            ],
        },
    },
]

# The embedded default is a SQLite file under var/; DATABASE_URL points anywhere else
# (postgres://user@host:5432/name for PostgreSQL).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# SQLite for concurrent use (an editor's autosave and preview, the task worker, cron): WAL
# lets readers run beside the one writer; an IMMEDIATE transaction takes the write lock when
# it begins, so a second writer waits (up to ``timeout`` seconds) instead of failing at once
# with "database is locked" when a read transaction tries to become a write; NORMAL
# synchronous is safe with WAL and avoids an fsync per commit.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    "transaction_mode": "IMMEDIATE",
    "timeout": int(os.environ.get("SQLITE_TIMEOUT", "20")),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Stated rather than inherited: sessions must not depend on the cache (see CACHES).
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Redis when REDIS_URL is set, an in-process cache otherwise. A Redis outage (stopped, slow,
# or full with noeviction) degrades every cache use to "no cache" with a logged warning
# instead of failing requests (cms_site.cache.ResilientRedisCache). Sessions are stored in
# the database (Django's default engine), so logins survive a Redis outage.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "cms_site.cache.ResilientRedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "equity-cms"),
            "OPTIONS": {
                # Seconds to wait for Redis before answering without it, and to stay
                # without it after a failure.
                "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "0.5")),
                "RETRY_AFTER": float(os.environ.get("REDIS_RETRY_AFTER", "5")),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous response cache (cms_site.anonymous_cache): whole responses to anonymous
# GETs, invalidated on every publish. Production turns it on; ANONYMOUS_CACHE=0 turns it off.
ANONYMOUS_CACHE = {"ENABLED": env_bool("ANONYMOUS_CACHE", False)}
SITE_LOOKUP_CACHE = env_bool("SITE_LOOKUP_CACHE", False)
# Aggregates over every published page (a newsroom's tag and year choices and counts, the
# latest releases, the menu), kept until the next publication (equity.headless.content_cache).
EQUITY_CONTENT_CACHE = {"ENABLED": env_bool("CONTENT_CACHE", False)}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

TIME_ZONE = os.environ.get("TIME_ZONE", "America/Los_Angeles")
USE_I18N = True
USE_TZ = True

# Wagtail background work (reference index, renditions, cache purges) runs through
# django-tasks. Immediate by default; production can switch to a queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# The plugin's page-tree rules that only the project can state.
EQUITY_LANDING_PAGE_PARENT_TYPES = ["home.HomePage"]
EQUITY_CONTENT_PAGE_PARENT_TYPES = ["home.HomePage"]
NEWSROOM_PAGE_PARENT_TYPES = ["home.HomePage"]

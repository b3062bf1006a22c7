"""Settings shared by every environment.

Everything environment-specific is read from the environment, so the same code runs on a
laptop (embedded SQLite under ``var/``), in CI (PostgreSQL through ``DATABASE_URL``) and in
production.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import get_language_info

PROJECT_DIR = Path(__file__).resolve().parent.parent  # the `site/` folder
BASE_DIR = PROJECT_DIR.parent  # the repository
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean from the environment: 1/true/yes/on are true, anything else false."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list from the environment, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "equity",
    "newsroom",
    "wagtail_modeladmin",
    "wagtail_headless_preview",
    "corsheaders",
    "django_tasks_db",
    "wagtail.contrib.frontend_cache",
    # Translations: "Translate" on pages copies them into another locale (Wagtail's own
    # simple_translation); Settings → Locales manages the languages content is written in.
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.api.v2",
    "wagtail.api.v3",
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
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms_site.middleware.NullByteGuardMiddleware",
    "cms_site.middleware.APIPaginationGuardMiddleware",
    # 405 for PUT/DELETE/TRACE/PROPFIND/… on pages, feeds and search (the APIs answer their own).
    "cms_site.middleware.PageMethodGuardMiddleware",
]

ROOT_URLCONF = "cms_site.urls"
WSGI_APPLICATION = "cms_site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
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
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis when REDIS_URL is set, an in-process cache otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "equity-cms"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The anonymous response cache (cms_site.anonymous_cache): whole responses to anonymous
# GETs, invalidated on every publish. Production turns it on; ANONYMOUS_CACHE=0 turns it off.
ANONYMOUS_CACHE = {"ENABLED": env_bool("ANONYMOUS_CACHE", False)}
SITE_LOOKUP_CACHE = env_bool("SITE_LOOKUP_CACHE", False)
# Aggregates over every published page (a newsroom's tag and year choices and counts, the
# latest releases, the menu), kept until the next publication (equity.content_cache).
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

# --- Languages -------------------------------------------------------------------------------
# Content is written in CONTENT_LANGUAGES (comma-separated Django language codes; the first is
# the default, the language of the unprefixed addresses); every other language is served
# under its prefix: /es/…  A new language also needs its Locale (Settings → Locales, or
# `manage.py migrate`, which adds a Locale for every configured language).
CONTENT_LANGUAGES = env_list("CONTENT_LANGUAGES", "en,es")
LANGUAGE_CODE = CONTENT_LANGUAGES[0]
# Each language is named in itself in the language switcher ("Español", not "Spanish").
LANGUAGES = [
    (
        code,
        get_language_info(code)["name_local"][:1].upper()
        + get_language_info(code)["name_local"][1:],
    )
    for code in CONTENT_LANGUAGES
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's own templates (site/templates); each app ships its own locale/ folder.
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Which languages the Wagtail admin itself may be shown in stays Wagtail's default (all).

STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail background work (reference index, renditions, cache purges) runs through
# django-tasks. Immediate by default; production can switch to a queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than files (a page form with a long StreamField stays well under this);
# uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# --- Security ------------------------------------------------------------------------------
# The public pages have no inline script or style: this policy holds for them. The admin and
# the interactive API docs (inline scripts, framed previews) are exempt. Embeds of videos
# are framed from the providers listed in frame-src.
CONTENT_SECURITY_POLICY = os.environ.get(
    "CONTENT_SECURITY_POLICY",
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-src 'self' https://www.youtube.com https://www.youtube-nocookie.com "
    "https://player.vimeo.com; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; "
    "object-src 'none'",
)
CONTENT_SECURITY_POLICY_EXEMPT_PATHS = ["/admin/", "/django-admin/", "/api/v3/docs"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Admin login: after FAILURES failed attempts for one username from one address within
# WINDOW seconds, the login form answers 429 until the window has passed.
LOGIN_THROTTLE = {"FAILURES": 5, "WINDOW": 15 * 60}

WAGTAIL_SITE_NAME = "Advancing Equity"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms_site.search"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]

# Apps read rich text as display HTML: internal links and embeds resolved, never the
# database format's <a linktype="page" id="3">. `?rich_text_format=markdown` still works.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# --- Headless delivery (API for apps) -------------------------------------------------
# CORS: only the API, only from these origins (comma-separated, e.g. https://city.example.org).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "if-none-match"]
CORS_EXPOSE_HEADERS = ["etag", "last-modified"]

# Cache-Control max-age (seconds) per surface; logged-in users and previews are never cached.
CACHE_MAX_AGE_PAGES = int(os.environ.get("CACHE_MAX_AGE_PAGES", "300"))
CACHE_MAX_AGE_API = int(os.environ.get("CACHE_MAX_AGE_API", "60"))
CACHE_MAX_AGE_FEEDS = int(os.environ.get("CACHE_MAX_AGE_FEEDS", "900"))

# Front-end cache purging (Varnish or any proxy that accepts PURGE): off unless configured.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }

# Headless preview: editors see drafts in the apps' own front end at this address.
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": os.environ.get("HEADLESS_PREVIEW_CLIENT_URL", "{SITE_ROOT_URL}")},
    "SERVE_BASE_URL": None,
    "REDIRECT_ON_PREVIEW": False,
    "ENFORCE_TRAILING_SLASH": True,
}
# The admin offers a "Front end" preview mode only when there is a front end to show.
HEADLESS_PREVIEW_ENABLED = bool(os.environ.get("HEADLESS_PREVIEW_CLIENT_URL"))
# Seconds a preview token stays valid.
HEADLESS_PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("HEADLESS_PREVIEW_TOKEN_MAX_AGE", "3600"))

# Publish webhooks: retry delays (seconds) and the request timeout.
WEBHOOK_RETRY_DELAYS = [10, 60, 300, 1800]
WEBHOOK_TIMEOUT = int(os.environ.get("WEBHOOK_TIMEOUT", "10"))

# The plugin's page-tree rules that only the project can state.
EQUITY_LANDING_PAGE_PARENT_TYPES = ["home.HomePage"]
NEWSROOM_PAGE_PARENT_TYPES = ["home.HomePage"]

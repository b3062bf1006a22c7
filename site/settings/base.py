"""Settings shared by every environment.

Everything environment-specific is read from the environment, so the same code runs on a
laptop (embedded SQLite under ``var/``), in CI (PostgreSQL through ``DATABASE_URL``) and in
production.
"""

import os
from pathlib import Path

import dj_database_url
import dj_email_url
from django.utils.log import DEFAULT_LOGGING
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

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Media on S3-compatible object storage (django-storages) --------------------------------
# With AWS_STORAGE_BUCKET_NAME set, uploads (images, renditions, documents) live in object
# storage instead of MEDIA_ROOT, so every app server sees the same files. Images and
# renditions go to that bucket and are read by visitors straight from it (it must allow
# anonymous reads); documents go to AWS_PRIVATE_STORAGE_BUCKET_NAME, which must not, and are
# served through Django, which checks collection privacy first (cms_site.storage).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_PRIVATE_STORAGE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "us-east-1")
    # The public address of the media bucket (a CDN in front of it), e.g. media.example.org.
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    # Path-style addresses (endpoint/bucket/key) work with every S3-compatible server.
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE", "path")
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    STORAGES["default"] = {"BACKEND": "cms_site.storage.MediaStorage"}
    # Documents stream through Django's serve view: it checks collection privacy, and the
    # private bucket's address never reaches a visitor.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

# Wagtail background work (reference index, renditions, cache purges) runs through
# django-tasks. Immediate by default; production can switch to a queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Request bodies other than files (a page form with a long StreamField stays well under this);
# uploaded files above FILE_UPLOAD_MAX_MEMORY_SIZE are streamed to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Whole request bodies (bytes, from Content-Length, refused with 413 before they are read):
# anyone may send up to ANONYMOUS (forms, page passwords, API writes with a token); only a
# signed-in user up to SIGNED_IN (the admin's document and image uploads plus form fields).
REQUEST_BODY_LIMITS = {
    "ANONYMOUS": int(
        os.environ.get("REQUEST_BODY_LIMIT_ANONYMOUS", str(DATA_UPLOAD_MAX_MEMORY_SIZE))
    ),
    "SIGNED_IN": int(os.environ.get("REQUEST_BODY_LIMIT_SIGNED_IN", str(25 * 1024 * 1024))),
}

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
if AWS_STORAGE_BUCKET_NAME and "CONTENT_SECURITY_POLICY" not in os.environ:
    # Images and renditions are read from the media bucket's origin.
    from urllib.parse import urlsplit

    _media = urlsplit(
        f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else (AWS_S3_ENDPOINT_URL or f"https://s3.{AWS_S3_REGION_NAME}.amazonaws.com")
    )
    CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace(
        "img-src 'self' data:", f"img-src 'self' data: {_media.scheme}://{_media.netloc}"
    )
CONTENT_SECURITY_POLICY_EXEMPT_PATHS = ["/admin/", "/django-admin/"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Admin login: after FAILURES failed attempts for one username from one address within
# WINDOW seconds, the login form answers 429 until the window has passed.
LOGIN_THROTTLE = {"FAILURES": 5, "WINDOW": 15 * 60}
# Page passwords (Wagtail's password-protected pages): per view restriction and address.
PAGE_PASSWORD_THROTTLE = {"FAILURES": 10, "WINDOW": 15 * 60}
# Addresses or networks of the reverse proxies in front of gunicorn (comma-separated, e.g.
# 127.0.0.1,10.0.0.0/8). From them, the client address is read from X-Forwarded-For; from
# anyone else X-Forwarded-For is ignored. Empty: REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Section groups that publish their own pages without a Moderator's review (setup_roles):
# a comma-separated list of "Equity editors" and/or "Communications"; empty = review all.
ROLES_PUBLISH_DIRECTLY = env_list("ROLES_PUBLISH_DIRECTLY", "")

WAGTAIL_SITE_NAME = "Advancing Equity"
# The one public address of the site (scheme, host, port), e.g. https://cms.example.org: the
# admin's emails and the API's absolute URLs use it, and `manage.py configure_site` gives the
# Wagtail Site its host name and port from it. WAGTAILADMIN_BASE_URL / WAGTAILAPI_BASE_URL
# still override each one.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "").rstrip("/")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", PUBLIC_BASE_URL or "http://127.0.0.1:8000"
)
# Wagtail's database backend: PostgreSQL full-text search (ranked) on PostgreSQL, FTS5 on
# SQLite. A search server instead: SEARCH_URLS=https://search.example.org:9200 and
# SEARCH_BACKEND=wagtail.search.backends.opensearch3 (or elasticsearch8, ...), then
# `manage.py update_index` (the client library, e.g. opensearch-py, installed beside).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms_site.search"}}
# Documents are always served through /documents/<id>/<name>, which checks the collection's
# view restrictions and that something public uses the document; never from MEDIA_URL.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Set to an internal nginx location aliased to MEDIA_ROOT (e.g. "/protected-media/") to let
# nginx send the media files cms_site.media has allowed (X-Accel-Redirect).
MEDIA_X_ACCEL_REDIRECT = os.environ.get("MEDIA_X_ACCEL_REDIRECT", "")
if os.environ.get("SEARCH_URLS"):
    WAGTAILSEARCH_BACKENDS["default"] = {
        "BACKEND": os.environ.get("SEARCH_BACKEND", "wagtail.search.backends.opensearch3"),
        "URLS": env_list("SEARCH_URLS"),
        "INDEX": os.environ.get("SEARCH_INDEX", "equity-cms"),
        "TIMEOUT": 5,
    }
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Pixels (width x height x frames) an upload may have: a 40-megapixel photo. Each pixel costs
# about 4 bytes of memory whenever a rendition is made (Wagtail's default is 128 million).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# Uploads must decode completely (a truncated PNG is a form error, not a later 500).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms_site.images.DecodedImageForm"

# Apps read rich text as display HTML: internal links and embeds resolved, never the
# database format's <a linktype="page" id="3">. `?rich_text_format=markdown` still works.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"
WAGTAILAPI_BASE_URL = os.environ.get("WAGTAILAPI_BASE_URL", WAGTAILADMIN_BASE_URL)
WAGTAILAPI_LIMIT_MAX = 100

# One console handler, on the root logger. Django's default configuration also gives the
# `django` logger a console handler (when DEBUG) and lets it propagate to the root, which
# printed every `django.*` line twice; here `django` has no handler of its own and only
# propagates. Naming `django` resets its children, so `django.server` (runserver's request
# lines) is restated as Django's default has it.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "WARNING")
# --- Email -----------------------------------------------------------------------------------
# EMAIL_URL configures the backend in one value (dj-email-url), e.g.
# submission://user:password@mail.example.org:587 or console:// ; unset, Django's defaults apply
# (SMTP on localhost:25), which `check --deploy` warns about.
EMAIL_URL = os.environ.get("EMAIL_URL", "")
if EMAIL_URL:
    _email = dj_email_url.parse(EMAIL_URL)
    if not _email.get("EMAIL_BACKEND"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"EMAIL_URL has an unknown scheme ({EMAIL_URL.split(':', 1)[0]}): use smtp://, "
            "submission:// (STARTTLS on 587), console:// or another dj-email-url scheme."
        )
    globals().update(_email)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "webmaster@localhost")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"django.server": DEFAULT_LOGGING["formatters"]["django.server"]},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": DEFAULT_LOGGING["handlers"]["django.server"],
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        "django.server": DEFAULT_LOGGING["loggers"]["django.server"],
    },
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
# WEBHOOK_TIMEOUT bounds a delivery's whole request (connect, send, read), not each read.
WEBHOOK_TIMEOUT = int(os.environ.get("WEBHOOK_TIMEOUT", "10"))
# Webhooks go to public addresses only; these networks (CIDR, comma-separated) are allowed too.
WEBHOOK_ALLOWED_NETWORKS = env_list("WEBHOOK_ALLOWED_NETWORKS")

# The plugin's page-tree rules that only the project can state.
EQUITY_LANDING_PAGE_PARENT_TYPES = ["home.HomePage"]
EQUITY_CONTENT_PAGE_PARENT_TYPES = ["home.HomePage"]
NEWSROOM_PAGE_PARENT_TYPES = ["home.HomePage"]

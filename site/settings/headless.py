"""Headless delivery: CORS for the API, HTTP caching per surface, front-end cache purging,
the front-end preview, and publish webhooks."""

import os

from .env import env_list

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

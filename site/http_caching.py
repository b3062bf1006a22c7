"""HTTP caching of the public surfaces: validators, freshness and front-end cache purging.

``HTTPCachingMiddleware`` gives every anonymous, successful GET of page HTML, the APIs (v2 and
v3) and the feeds:

- an ``ETag`` (a hash of the body) and a ``Last-Modified`` — when the publication pipeline
  last recorded a change of public content (``equity.headless.publication``), read from the
  database, so every process agrees — and answers a conditional GET (``If-None-Match`` /
  ``If-Modified-Since``) with ``304 Not Modified`` through Django's own
  ``get_conditional_response``;
- ``Cache-Control: public, max-age=N`` with N per surface from settings (environment):
  ``CACHE_MAX_AGE_PAGES``, ``CACHE_MAX_AGE_API``, ``CACHE_MAX_AGE_FEEDS``.

A response for a signed-in user, an API-token request, one that sets a cookie or one its view
marked private (``never_cache``: the preview API) is ``Cache-Control: private, no-store``
with no validators: never stored by anything shared.

``purge_frontend_cache`` is the pipeline's front-end cache consumer: after each committed
change it purges, through Wagtail's backends (``WAGTAILFRONTENDCACHE``, configured by
``FRONTEND_CACHE_PURGE_URL``), every address the change affects: each page with its
``get_cached_paths()``, its ancestors' (listings, feeds, home, sitemap) and its API details
and listings. Wagtail's own purge-on-publish handlers are disconnected by the pipeline, so
each address is purged once.
"""

import hashlib
import logging

from django.conf import settings
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from equity.headless.publication import request_content_version

logger = logging.getLogger(__name__)

SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")
PRIVATE = "private, no-store"
# Documents the code defines, not the content: an ETag, but no date of the last publish.
CONTENT_INDEPENDENT_PATHS = ("/api/v3/openapi.json", "/api/v3/docs")


def surface(request, response) -> str | None:
    path = request.path
    content_type = response.get("Content-Type", "")
    if path.startswith("/api/"):
        return "api"
    if "rss" in content_type or "atom" in content_type or "/feed/" in path:
        return "feeds"
    if content_type.startswith("text/html") or path == "/sitemap.xml":
        return "pages"
    return None


def is_private(request, response) -> bool:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return True
    if request.headers.get("Authorization") or response.cookies:
        return True
    cache_control = response.get("Cache-Control", "")
    return "private" in cache_control or "no-store" in cache_control


class HTTPCachingMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method not in ("GET", "HEAD") or request.path.startswith(SKIPPED_PREFIXES):
            return response
        kind = surface(request, response)
        if kind is None or response.streaming:
            return response
        if is_private(request, response):
            response["Cache-Control"] = PRIVATE
            for header in ("ETag", "Last-Modified", "Expires"):
                if header in response:
                    del response[header]
            return response
        if response.status_code != 200:
            return response
        max_age = getattr(settings, f"CACHE_MAX_AGE_{kind.upper()}", 0)
        response["Cache-Control"] = f"public, max-age={max_age}"
        if kind == "api":
            patch_vary_headers(response, ["Authorization", "Origin"])
        digest = hashlib.sha256(response.content).hexdigest()[:32]
        etag = f'"{digest}"'
        response["ETag"] = etag
        last_modified = None
        if not request.path.startswith(CONTENT_INDEPENDENT_PATHS):
            changed_at = request_content_version(request)[1]
            last_modified = int(changed_at.timestamp()) if changed_at is not None else None
        if last_modified is not None:
            response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


# --- Front-end cache purging ---------------------------------------------------------------


def purge_frontend_cache(sender, change, **kwargs) -> None:
    """Publication pipeline consumer: purge every address ``change`` affects (sorted, once
    each), when a front-end cache is configured. Wagtail enqueues the purge as a task, so
    the editor's request does not wait for the cache."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None) or not change.addresses:
        return
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        purge_urls_from_cache(sorted(change.addresses))
    except Exception:  # purging must never break a publish
        logger.exception("Front-end cache purge failed")

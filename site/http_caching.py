"""HTTP caching of the public surfaces: validators, freshness and front-end cache purging.

``HTTPCachingMiddleware`` gives every anonymous, successful GET of page HTML, the APIs (v2 and
v3) and the feeds:

- an ``ETag`` (a hash of the body) and a ``Last-Modified`` (the last content change anywhere
  on the site, see ``content_changed_at``), and answers a conditional GET
  (``If-None-Match`` / ``If-Modified-Since``) with ``304 Not Modified``;
- ``Cache-Control: public, max-age=N`` with N per surface from settings (environment):
  ``CACHE_MAX_AGE_PAGES``, ``CACHE_MAX_AGE_API``, ``CACHE_MAX_AGE_FEEDS``.

A response for a signed-in user, an API-token request, a preview, or one that sets a cookie is
``Cache-Control: private, no-store`` with no validators: never stored by anything shared.

``purge_for_page`` extends Wagtail's front-end cache purge (``wagtail.contrib.frontend_cache``,
configured by ``FRONTEND_CACHE_PURGE_URL``): on publish, unpublish or delete it purges not only
the page's URL but its API detail URLs (v2, v3), the listings and feeds that include it (the
parent page, the newsroom's feeds and the API listings) and the home page.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from wagtail.signals import page_published, page_unpublished

from equity.content_cache import saves_only_a_draft

logger = logging.getLogger(__name__)

CONTENT_CHANGED_KEY = "http-caching:content-changed-at"
SKIPPED_PREFIXES = ("/admin/", "/documents/", "/static/", "/media/")
PREVIEW_PREFIX = "/api/v3/preview/"
PRIVATE = "private, no-store"
# Saving these says nothing about what visitors see.
IGNORED_MODELS = {
    "sessions.session",
    "equity.webhookdelivery",
    "wagtailcore.referenceindex",
    "wagtailcore.pagelogentry",
    "wagtailcore.modellogentry",
    "wagtailcore.revision",
    "wagtailcore.apitoken",
    "wagtailcore.pagesubscription",
    "wagtailcore.taskstate",
    "wagtailimages.rendition",
    "wagtailusers.userprofile",
    "wagtailadmin.editingsession",
    "django_tasks_database.dbtaskresult",
    "auth.user",
    "admin.logentry",
}


def content_changed_at() -> int:
    """Seconds since the epoch of the last content change (publish, unpublish, delete, edit
    of a resource, a contact, a setting…). Shared by every worker through the cache (Redis in
    production); a cold cache starts the clock now, which is always safe."""
    value = cache.get(CONTENT_CHANGED_KEY)
    if value is None:
        value = int(timezone.now().timestamp())
        cache.add(CONTENT_CHANGED_KEY, value, timeout=None)
        value = cache.get(CONTENT_CHANGED_KEY, value)
    return value


def mark_content_changed(**kwargs) -> None:
    sender = kwargs.get("sender")
    if sender is not None and sender._meta.label_lower in IGNORED_MODELS:
        return
    if saves_only_a_draft(kwargs.get("update_fields")):
        return  # a draft of a live page: what visitors see has not changed
    # One second later than any previous value: If-Modified-Since has whole seconds.
    now = int(timezone.now().timestamp())
    previous = cache.get(CONTENT_CHANGED_KEY) or 0
    cache.set(CONTENT_CHANGED_KEY, max(now, previous + 1), timeout=None)


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
        if request.path.startswith(PREVIEW_PREFIX):
            response["Cache-Control"] = PRIVATE  # drafts: never stored anywhere
            return response
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
        last_modified = content_changed_at()
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


# --- Front-end cache purging ---------------------------------------------------------------


def _absolute(path: str, page=None) -> str:
    if page is not None:
        root = page.get_site().root_url if page.get_site() else None
        if root:
            return f"{root.rstrip('/')}{path}"
    return f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}{path}"


def _reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def urls_for_page(page) -> list[str]:
    """Every cached address that shows ``page``: itself, its API detail and the listings and
    feeds that include it."""
    page = page.specific_deferred if hasattr(page, "specific_deferred") else page
    urls = []
    full_url = page.get_full_url()
    if full_url:
        urls.append(full_url)
    paths = [
        _reverse("wagtailapi_v2:pages:detail", page.pk),
        _reverse("wagtailapi_v3:detail_page", page.pk),
        _reverse("wagtailapi_v2:pages:listing"),
        _reverse("wagtailapi_v3:list_pages"),
    ]
    if page._meta.label == "newsroom.NewsArticlePage":
        paths += [
            _reverse("wagtailapi_v2:releases:detail", page.pk),
            _reverse("wagtailapi_v2:releases:listing"),
        ]
    urls += [_absolute(path, page) for path in paths if path]
    parent = page.get_parent()
    if parent is not None and parent.depth > 1:
        parent = parent.specific
        if parent.get_full_url():
            urls.append(parent.get_full_url())
        for kind in ("rss", "atom"):
            if hasattr(parent, "feed_url"):
                urls.append(parent.feed_url(kind, full=True))
    site = page.get_site()
    if site is not None:
        urls.append(site.root_url.rstrip("/") + "/")
    return list(dict.fromkeys(urls))


def purge_for_page(page) -> list[str]:
    """Purge every address that shows ``page`` (a no-op unless a front-end cache is set)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return []
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    try:
        urls = urls_for_page(page)
        purge_urls_from_cache(urls)
    except Exception:  # purging must never break a publish
        logger.exception("Front-end cache purge failed for page %s", page.pk)
        return []
    return urls


def _purge_after_commit(sender=None, instance=None, **kwargs):
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        try:
            urls = urls_for_page(instance)
        except Exception:
            logger.exception("Could not list the cached addresses of page %s", instance.pk)
            return

        def purge():
            from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

            try:
                purge_urls_from_cache(urls)
            except Exception:
                logger.exception("Front-end cache purge failed")

        transaction.on_commit(purge)


def connect_signals() -> None:
    from wagtail.models import Page

    post_save.connect(mark_content_changed, dispatch_uid="http-caching-save")
    post_delete.connect(mark_content_changed, dispatch_uid="http-caching-delete")
    page_published.connect(mark_content_changed, dispatch_uid="http-caching-published")
    page_unpublished.connect(mark_content_changed, dispatch_uid="http-caching-unpublished")
    for signal, uid in ((page_published, "pub"), (page_unpublished, "unpub")):
        signal.connect(_purge_after_commit, dispatch_uid=f"http-caching-purge-{uid}")
    # Before the row goes: the page's addresses are still known.
    pre_delete.connect(_purge_after_commit, sender=Page, dispatch_uid="http-caching-purge-del")

"""A whole-response cache for anonymous visitors: pages, feeds and both APIs.

``AnonymousResponseCacheMiddleware`` stores the complete response (status, headers, body)
to an anonymous ``GET`` and serves it again to the next anonymous ``GET`` of the same
address, without touching the database. It is project wiring, switched on by the
``ANONYMOUS_CACHE`` setting (on in production, off in tests)::

    ANONYMOUS_CACHE = {"ENABLED": True, "ALIAS": "default", "TIMEOUT": 600, "LOCAL_TIMEOUT": 10}

What is cached
    ``GET`` requests without a session, CSRF or messages cookie and without an
    ``Authorization`` header, outside the admin, documents, static/media files and search;
    only ``200`` responses that are not streamed, set no cookie, are not a preview and are
    not marked ``Cache-Control: private``, ``no-store`` or ``no-cache``, and that do not
    ``Vary: *``. Anyone logged in, previewing or editing carries a session cookie, so their
    requests always reach the views.

The key
    The scheme, host, full path with query string, the ``Accept`` header (the APIs
    negotiate on it) and a *generation*.

Invalidation
    The generation is a value kept in the cache. Every publish, unpublish, move or delete
    of a page, every privacy change (a page or collection view restriction added, edited
    or removed), and every save or delete of content pages show (library resources and
    topics, tags, media contacts, site settings, sites, redirects, images, documents),
    replaces it, so every earlier entry becomes unreachable at once. With a shared cache
    (``REDIS_URL``) this holds for every worker and process, including
    ``publish_scheduled`` run from cron. With the default process-local cache, other
    workers cannot see the new generation: their entries are kept at most
    ``LOCAL_TIMEOUT`` seconds (10 by default), so they fall behind by at most that long.

Headers set by the view or by middleware inside this one (``ETag``, ``Last-Modified``,
``Cache-Control``, ``X-Frame-Options``, …) are stored with the body and served unchanged; a
hit answers ``If-None-Match``/``If-Modified-Since`` with 304 when the stored validators
match. ``X-Anonymous-Cache: hit|miss`` says what happened.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from equity.content_cache import Generation, saves_only_a_draft, timeout_for

DEFAULTS = {
    "ENABLED": False,
    "ALIAS": "default",
    "TIMEOUT": 600,
    # Process-local caches cannot be invalidated from other processes: keep entries briefly.
    "LOCAL_TIMEOUT": 10,
    "EXCLUDE_PREFIXES": (
        "/admin/",
        "/django-admin/",
        "/documents/",
        "/static/",
        "/media/",
        "/search/",
        "/bench/",
    ),
}
GENERATION_KEY = "anonymous-cache:generation"
BYPASS_COOKIES = ("sessionid", "csrftoken", "messages")
UNCACHEABLE_CACHE_CONTROL = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Anonymous-Cache"


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "ANONYMOUS_CACHE", {})}


def _cache(conf=None):
    return caches[(conf or config())["ALIAS"]]


# Replaced on every content change: entries stored under an earlier value are unreachable.
RESPONSES = Generation(GENERATION_KEY)


def current_generation(cache) -> str:
    return RESPONSES.current(cache)


def invalidate() -> None:
    """Make every cached response unreachable (they then expire in the cache)."""
    RESPONSES.replace_now_and_on_commit(_cache())


def _bypass_cookies() -> tuple[str, ...]:
    return (
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        getattr(settings, "MESSAGE_COOKIE_NAME", "messages"),
        *BYPASS_COOKIES,
    )


def request_is_cacheable(request, conf: dict) -> bool:
    if request.method != "GET":
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    if any(name in request.COOKIES for name in _bypass_cookies()):
        return False
    return not request.path.startswith(tuple(conf["EXCLUDE_PREFIXES"]))


def response_is_cacheable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    if response.cookies or getattr(request, "is_preview", False):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(directive in cache_control for directive in UNCACHEABLE_CACHE_CONTROL):
        return False
    return response.get("Vary", "").strip() != "*"


def cache_key(request, generation: str) -> str:
    address = "\n".join(
        (
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            request.META.get("HTTP_ACCEPT", ""),
        )
    )
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"anonymous-cache:{generation}:{digest}"


class AnonymousResponseCacheMiddleware:
    """Serve anonymous GETs from the cache; see the module's documentation."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        conf = config()
        if not conf["ENABLED"] or not request_is_cacheable(request, conf):
            return self.get_response(request)
        cache = _cache(conf)
        try:
            key = cache_key(request, current_generation(cache))
        except DisallowedHost:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return self.conditional(request, cached)
        response = self.get_response(request)
        if response_is_cacheable(request, response):
            response[STATUS_HEADER] = "miss"
            cache.set(key, response, timeout_for(cache, conf))
        return response

    @staticmethod
    def conditional(request, response):
        """304 when the client already holds the stored version (same validators)."""
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag is None and last_modified is None:
            return response
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


# --- Invalidation -----------------------------------------------------------------------------


def _content_types() -> tuple[type, ...]:
    """Models whose saved or deleted rows can change what an anonymous visitor sees."""
    from taggit.models import Tag
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.contrib.settings.models import BaseSiteSetting
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import BaseViewRestriction, Page, Site

    from equity.models import Resource, Topic
    from newsroom.models import MediaContact

    return (
        Page,
        # Privacy: a page or collection made private (or public) without a publication.
        BaseViewRestriction,
        Tag,
        Resource,
        Topic,
        MediaContact,
        BaseSiteSetting,
        Site,
        Redirect,
        get_image_model(),
        get_document_model(),
    )


_CONTENT_TYPES: tuple[type, ...] = ()


def _on_content_write(sender, instance, update_fields=None, **kwargs):
    # An editor saving a draft changes nothing the public sees: keep the cache (under
    # steady editing it was otherwise emptied every few seconds).
    if isinstance(instance, _CONTENT_TYPES) and not saves_only_a_draft(update_fields):
        invalidate()


def _on_publication_change(sender, **kwargs):
    invalidate()


def connect_signals() -> None:
    """Connect the invalidation receivers (called from ``home``'s ``AppConfig.ready``)."""
    global _CONTENT_TYPES
    from wagtail.signals import page_published, page_unpublished, post_page_move

    _CONTENT_TYPES = _content_types()
    uid = "cms_site.anonymous_cache"
    post_save.connect(_on_content_write, dispatch_uid=f"{uid}.save")
    post_delete.connect(_on_content_write, dispatch_uid=f"{uid}.delete")
    m2m_changed.connect(_on_content_write, dispatch_uid=f"{uid}.m2m")
    page_published.connect(_on_publication_change, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(_on_publication_change, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(_on_publication_change, dispatch_uid=f"{uid}.moved")


# --- Site lookups ------------------------------------------------------------------------------


class CachedSiteLookupMiddleware:
    """Find the request's Wagtail ``Site`` (with its root page) in the cache instead of the
    database: Wagtail looks it up with one query on every request. Entries share the
    anonymous cache's generation, so any page, site or settings change replaces them, and
    live as long as its entries. On when ``SITE_LOOKUP_CACHE`` is true (production)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "SITE_LOOKUP_CACHE", False):
            self.attach_site(request)
        return self.get_response(request)

    @staticmethod
    def attach_site(request) -> None:
        from django.http.request import split_domain_port
        from wagtail.models import Site

        conf = config()
        cache = _cache(conf)
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        key = f"site-lookup:{current_generation(cache)}:{hostname}:{port}"
        site = cache.get(key)
        if site is None:
            site = Site._find_for_request(request)
            if site is None:
                return
            cache.set(key, site, timeout_for(cache, conf))
        request._wagtail_site = site

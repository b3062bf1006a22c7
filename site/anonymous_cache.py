"""A whole-response cache for anonymous visitors: pages, feeds and both APIs.

``AnonymousResponseCacheMiddleware`` stores the complete response (status, headers, body)
to an anonymous ``GET`` and serves it again to the next anonymous ``GET`` of the same
address, without rendering it again. It is project wiring, switched on by the
``ANONYMOUS_CACHE`` setting (on in production, off in tests)::

    ANONYMOUS_CACHE = {"ENABLED": True, "ALIAS": "default", "TIMEOUT": 600}

What is cached
    ``GET`` requests without a session, CSRF or messages cookie, without an
    ``Authorization`` header, without a ``token`` parameter (previews) and with no query
    parameter that no view reads (``QUERY_PARAMETERS``: ``?utm_source=`` is served, never
    stored), while the client has added fewer than ``STORES_PER_CLIENT_PER_MINUTE`` entries
    this minute — so the key space one client can create is bounded — outside the
    admin, documents, static/media files and search; only ``200`` responses that are not
    streamed, set no cookie, are not a preview and are not marked ``Cache-Control:
    private``, ``no-store`` or ``no-cache`` (views that must never be stored, such as the
    preview API, say so with ``never_cache``), and that do not ``Vary: *``. Anyone logged
    in, previewing or editing carries a session cookie, so their requests always reach the
    views.

The key
    The scheme, host, full path with query string, the ``Accept`` header (the APIs
    negotiate on it) and the *content version* of the publication pipeline
    (``equity.headless.publication.content_version``): every committed change of public
    content — a publish, unpublish, move, delete, privacy change, or an edit of a shared
    object pages show — writes a new version, so every earlier entry becomes unreachable at
    once, in every process. The version comes from the database (mirrored in a shared
    cache), so a publish from cron or another worker is never missed.

A hit answers ``If-None-Match``/``If-Modified-Since`` with 304 when the stored validators
match (``cms_site.http_caching`` adds them outside this cache). ``X-Anonymous-Cache:
hit|miss`` says what happened.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.utils.cache import get_conditional_response
from django.utils.http import parse_http_date_safe

from equity.headless.publication import request_content_version

DEFAULTS = {
    "ENABLED": False,
    "ALIAS": "default",
    "TIMEOUT": 600,
    # Query parameters some view reads: an address with any other parameter (?utm_source=,
    # ?x=N) is served but never stored, so nobody can fill the cache with made-up keys.
    "QUERY_PARAMETERS": frozenset(
        {
            # pages, feeds and search
            "page",
            "tag",
            "year",
            "q",
            "kind",
            "topic",
            "status",
            # both APIs
            "type",
            "fields",
            "limit",
            "offset",
            "order",
            "search",
            "search_operator",
            "html_path",
            "child_of",
            "descendant_of",
            "ancestor_of",
            "locale",
            "translation_of",
            "rich_text_format",
            "format",
            "id",
            "slug",
            "start",
            "end",
            "release_date",
            "show_in_menus",
            "topics",
            "tags",
            "date",
            "title",
        }
    ),
    # New entries one client address may add per minute; past it, its answers are not stored.
    "STORES_PER_CLIENT_PER_MINUTE": 120,
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
BYPASS_COOKIES = ("sessionid", "csrftoken", "messages")
UNCACHEABLE_CACHE_CONTROL = ("private", "no-store", "no-cache")
STATUS_HEADER = "X-Anonymous-Cache"


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "ANONYMOUS_CACHE", {})}


def _cache(conf=None):
    return caches[(conf or config())["ALIAS"]]


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
    if "token" in request.GET:
        return False  # a preview or any other credential in the address
    if any(name not in conf["QUERY_PARAMETERS"] for name in request.GET):
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


def within_budget(request, cache, conf) -> bool:
    """Whether this client may add one more entry this minute (``STORES_PER_CLIENT_PER_MINUTE``):
    one client cycling through page numbers or search terms cannot crowd out everyone's."""
    from .security import client_address

    limit = conf["STORES_PER_CLIENT_PER_MINUTE"]
    key = f"anonymous-cache:budget:{client_address(request)}:{int(time.time() // 60)}"
    try:
        cache.add(key, 0, 120)
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        return True


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
            key = cache_key(request, str(request_content_version(request)[0]))
        except DisallowedHost:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            cached[STATUS_HEADER] = "hit"
            return self.conditional(request, cached)
        response = self.get_response(request)
        if response_is_cacheable(request, response) and within_budget(request, cache, conf):
            response[STATUS_HEADER] = "miss"
            cache.set(key, response, conf["TIMEOUT"])
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


# --- Site lookups ------------------------------------------------------------------------------


class CachedSiteLookupMiddleware:
    """Find the request's Wagtail ``Site`` (with its root page) in the cache instead of the
    database: Wagtail looks it up with one query on every request. Entries are keyed on the
    content version, so any recorded change (a site edited included) replaces them. On when
    ``SITE_LOOKUP_CACHE`` is true (production)."""

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
        version = request_content_version(request)[0]
        key = f"site-lookup:{version}:{hostname}:{port}"
        site = cache.get(key)
        if site is None:
            site = Site._find_for_request(request)
            if site is None:
                return
            cache.set(key, site, conf["TIMEOUT"])
        request._wagtail_site = site

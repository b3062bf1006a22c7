"""Whole pages rendered once per publication for anonymous readers: the page store.

A public page's HTML (its layout, menu, language switcher, related items and body) only
changes when the publication pipeline (``equity.headless.publication``) records a change of
public content. ``serve_stored`` — an ``on_serve_page`` hook, so it runs after Wagtail's
routing and inside Wagtail's view-restriction check — keeps the response the page's
``serve`` returned in the representation store (``equity.headless.representations``) and
hands it back to the next anonymous reader of the same address, instead of running the
page's queries and templates again.

Keys and invalidation
    An entry's key names the page, its live revision, its ``url_path``, the *content
    version* read when the request started, the address (scheme, host, path, query string)
    and the language. Every change the pipeline records (a publish anywhere, a move, a
    privacy change, an edited resource, contact, setting…) writes a new content version, so
    the whole page — menu and listings included — is rendered again after any change, in
    every process. Nothing expires on a timer (``REPRESENTATION_TIMEOUT`` only bounds
    memory). Unlike the whole-response cache the entry is found after routing: an address
    that only differs in a parameter no page reads (``?utm_source=``) is rendered, never
    stored.

Who reads and writes
    Only what may read the representation store (``representations.eligible``: anonymous
    ``GET`` without a session cookie, an ``Authorization`` header, a ``token`` or a
    preview), and only ``GET``. Pages with a view restriction on themselves or an ancestor,
    press releases whose embargo is still in force, and responses that are not a plain
    ``200`` (redirects, cookies, ``Cache-Control: private``/``no-store``/``no-cache``) are
    never stored. Query strings are limited to the filters pages read (``QUERY_PARAMETERS``),
    with short slug-like values, so nobody can fill the store with made-up addresses.

Addresses
    Once stored, a page is found by its address too: ``address_key`` names the content
    version, the site's root URL, the path, the stored query string and the language — all a
    stored page's key depends on besides the page, which the content version stands for —
    and ``StoredRouteMiddleware`` answers it before Wagtail routes the request, in one read
    (``serve_address``), keeping each page ``serve_stored`` read or stored under its address
    (``keep_address``). Skipping Wagtail's ``serve`` view skips its hooks, so this only
    happens while the only page-serving hooks are the ones the store is written for
    (``KNOWN_HOOKS``): Wagtail's request-method and view-restriction checks (a restricted
    page is never stored; a new restriction is a recorded change) and ``serve_stored``. A
    project that adds its own hook keeps every request going through Wagtail's view.

Routes
    Before a page can be served Wagtail walks the tree from the site's root, two queries per
    level (``/news/<slug>/``: seven). ``remember_route`` keeps, for the same eligible
    readers, which page an address led to (its id and type), under the site, the language,
    the path and the content version — a move, a new slug, a publish or unpublish anywhere
    writes a new one; ``attach_route`` hands it to Wagtail's ``route_for_request`` as the
    request's route, with the page read in one query (and only if it is still live). Only
    plain routes are kept (a page itself, not a sub-route of a routable page); Wagtail's
    view-restriction check and every ``before_serve_page`` hook still run on such requests.
"""

from __future__ import annotations

import hashlib
import re

from django.core.cache import caches
from django.http import HttpResponse
from django.utils import translation

from . import representations as store
from .content_cache import config
from .publication import request_content_version

# The listing filters pages read (the newsroom, the library, the roadmap). A free-text search
# (``?q=``) or any other parameter is served without the store.
QUERY_PARAMETERS = frozenset({"page", "tag", "year", "kind", "topic", "status"})
QUERY_VALUE = re.compile(r"^[\w-]{1,64}$")
UNCACHEABLE_CACHE_CONTROL = ("private", "no-store", "no-cache")
# Headers a page's own ``serve`` may set that the stored response keeps (the middleware in
# front adds the rest per request: CSP, ETag, Content-Language…).
KEPT_HEADERS = ("Content-Type", "Content-Disposition", "Link", "X-Robots-Tag")
# The page-serving hooks a stored address may skip (``module.name``): Wagtail's own checks of
# the request method and of view restrictions, and the page store itself.
KNOWN_HOOKS = {
    "before_serve_page": {"wagtail.wagtail_hooks.check_request_method"},
    "on_serve_page": {
        "wagtail.wagtail_hooks.check_view_restrictions",
        f"{__name__}.serve_stored",
    },
}


def _query(request) -> list | None:
    """The sorted query string, or ``None`` if it holds a parameter or value not stored."""
    items = sorted(request.GET.lists())
    for name, values in items:
        if name not in QUERY_PARAMETERS or len(values) != 1:
            return None
        if not QUERY_VALUE.match(values[0]):
            return None
    return items


def page_key(page, request) -> str | None:
    """The key of ``page`` as served to ``request``, or ``None`` when it is never stored."""
    if request.method != "GET" or not store.eligible(request):
        return None
    revision = getattr(page, "live_revision_id", None)
    if not page.live or not revision or getattr(page, "embargo_in_force", False):
        return None
    query = _query(request)
    if query is None:
        return None
    return store.entry_key(
        "page", type(page)._meta.label, page.pk, revision, page.url_path,
        request_content_version(request)[0], request.build_absolute_uri("/"),
        request.path, query, translation.get_language(),
    )  # fmt: skip


def storable(response) -> bool:
    """Whether a rendered ``response`` may be stored: a plain ``200``, no cookies, not
    ``private``/``no-store``/``no-cache``."""
    if response.status_code != 200 or getattr(response, "streaming", False):
        return False
    if response.cookies:
        return False
    cache_control = response.get("Cache-Control", "").lower()
    return not any(directive in cache_control for directive in UNCACHEABLE_CACHE_CONTROL)


def stored_response(value) -> HttpResponse:
    """A new response from a stored ``{"body", "headers"}``."""
    response = HttpResponse(value["body"])
    for name, header in value["headers"].items():
        response[name] = header
    return response


def serve_stored(next_serve):
    """``on_serve_page`` hook: serve the stored response of an eligible page, or serve the
    page and store what it answered (see the module)."""

    def serve(page, request, args, kwargs):
        key = page_key(page, request)
        if key is None:
            return next_serve(page, request, args, kwargs)
        batch = store.Batch(request, [key])
        value = batch.get(key)
        if value is not None:
            request._stored_page = value
            return stored_response(value)
        response = next_serve(page, request, args, kwargs)
        if hasattr(response, "render") and not getattr(response, "is_rendered", True):
            response.render()
        if storable(response) and not store.is_restricted(page, store.restricted_paths()):
            headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
            value = {"body": response.content, "headers": headers}
            batch.put(key, value, [*store.dependencies(page)])
            batch.save()
            request._stored_page = value
        return response

    return serve


# --- Addresses ------------------------------------------------------------------------------


def _hooks_known() -> bool:
    from wagtail import hooks

    return all(
        {f"{fn.__module__}.{fn.__name__}" for fn in hooks.get_hooks(name)} <= known
        for name, known in KNOWN_HOOKS.items()
    )


def address_key(request) -> str | None:
    """The key of the page stored for ``request``'s address, or ``None`` when the address
    store is not used (see the module)."""
    if request.method != "GET" or not store.eligible(request) or not _hooks_known():
        return None
    query = _query(request)
    if query is None:
        return None
    return store.entry_key(
        "address", "page", 0, request_content_version(request)[0],
        request.build_absolute_uri("/"), request.path, query, translation.get_language(),
    )  # fmt: skip


def serve_address(request) -> HttpResponse | None:
    """The page stored for ``request``'s address (see the module), or ``None``."""
    key = address_key(request)
    request._stored_address_key = key
    value = store.Batch(request, [key]).get(key) if key else None
    if value is None:
        return None
    request._stored_address_key = None  # already kept
    return stored_response(value)


def keep_address(request) -> None:
    """Keep the page ``serve_stored`` read or stored for this request under its address."""
    key = getattr(request, "_stored_address_key", None)
    value = getattr(request, "_stored_page", None)
    if key and value is not None:
        batch = store.Batch(request, [])
        batch.put(key, value, [])
        batch.save()


# --- Routes ---------------------------------------------------------------------------------


def route_key(request, path: str) -> str | None:
    """The key of the route ``path`` takes for ``request``, or ``None`` when never kept."""
    from wagtail.models import Site

    if request.method != "GET" or not store.eligible(request):
        return None
    site = Site.find_for_request(request)  # kept on the request: no second query
    if site is None:
        return None
    address = hashlib.sha256(path.encode()).hexdigest()[:32]
    version = request_content_version(request)[0]
    return f"equity:route:{version}:{site.pk}:{translation.get_language()}:{address}"


def attach_route(request, path: str) -> None:
    """Give Wagtail the stored route of ``path`` (see the module), if there is one."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.url_routing import RouteResult

    key = route_key(request, path)
    entry = caches[config()["ALIAS"]].get(key) if key else None
    if entry is None:
        return
    page_id, content_type_id, sub_path = entry
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    page = model.objects.live().filter(pk=page_id).first() if model else None
    if page is None:
        return
    if sub_path is None:
        result = RouteResult(page)
    elif isinstance(page, RoutablePageMixin):
        # As RoutablePageMixin.route does, from the part of the path below the page.
        match = page.resolve_subpage(sub_path)
        request.routable_resolver_match = match
        result = RouteResult(page, args=tuple(match))
    else:
        return
    request._stored_route = True
    request._wagtail_route_for_request = result


def _sub_path(request, path: str, page) -> str | None:
    """The part of ``path`` a routable ``page`` resolved itself (its sub-route)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    components = [part for part in path.split("/") if part]
    # Each tree level below the site's root (or its translation, at the same depth) took one.
    rest = components[page.depth - site.root_page.depth :]
    return "/" + "".join(f"{part}/" for part in rest)


def remember_route(request, path: str, response) -> None:
    """Keep the route Wagtail found for ``path`` (see the module): a page itself, or a
    routable page's sub-route (resolved again from the path, without queries)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    if getattr(request, "_stored_route", False) or response.status_code != 200:
        return
    result = getattr(request, "_wagtail_route_for_request", None)
    if result is None or result.kwargs or not result.page.live:
        return
    page, sub_path = result.page, None
    if result.args:
        if not isinstance(page, RoutablePageMixin):
            return
        sub_path = _sub_path(request, path, page)
        if tuple(page.resolve_subpage(sub_path)) != tuple(result.args):
            return  # not the route this path resolves to from its page: not kept
    key = route_key(request, path)
    if key:
        value = (page.pk, page.content_type_id, sub_path)
        caches[config()["ALIAS"]].set(key, value, config()["TIMEOUT"])

"""Request guards: what the database cannot take or the site does not serve is a 4xx."""

import json

from django.conf import settings
from django.http import HttpResponse
from wagtail.views import serve as wagtail_serve

from equity.headless import stored_pages

# Larger than any real page offset, small enough for every database's integer type.
MAX_API_INTEGER = 2**31 - 1
PAGINATION_PARAMETERS = ("offset", "limit")


def bad_request(request, message: str) -> HttpResponse:
    """A 400 in the shape of the API asked: v3 problem documents (as its OpenAPI says), v2
    ``{"message": ...}``, plain text elsewhere."""
    return error_response(request, message, 400, "Bad Request")


def error_response(request, message: str, status: int, title: str) -> HttpResponse:
    """A 4xx in the shape of the API asked (see ``bad_request``)."""
    if request.path.startswith("/api/v3/"):
        problem = {"title": title, "status": status, "detail": message}
        return HttpResponse(
            json.dumps(problem), status=status, content_type="application/problem+json"
        )
    if request.path.startswith("/api/"):
        return HttpResponse(
            json.dumps({"message": message}), status=status, content_type="application/json"
        )
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


class RequestBodyLimitMiddleware:
    """Answer 413 to a request whose declared body is too large, before anything reads it.

    Django bounds form fields (``DATA_UPLOAD_MAX_MEMORY_SIZE``) but streams uploaded files to
    a temporary file without a total limit, and the CSRF check parses a multipart body before
    refusing it: an anonymous POST of 2 GB was written to disk before its 403. This check
    reads only ``Content-Length``: above ``REQUEST_BODY_LIMITS["ANONYMOUS"]`` bytes only a
    signed-in user (the admin's uploads) may send, up to ``REQUEST_BODY_LIMITS["SIGNED_IN"]``.
    A body without ``Content-Length`` is never read by Django (WSGI), so it needs no check
    here; the web server in front bounds the bytes it accepts at all (see the README).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limits = getattr(settings, "REQUEST_BODY_LIMITS", {})
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            return bad_request(request, "Content-Length is not a number.")
        anonymous_limit = limits.get("ANONYMOUS", settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if length > anonymous_limit:
            signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
            limit = limits.get("SIGNED_IN", anonymous_limit) if signed_in else anonymous_limit
            if length > limit:
                return error_response(
                    request,
                    f"The request body is larger than {limit} bytes.",
                    413,
                    "Content Too Large",
                )
        return self.get_response(request)


class APIPaginationGuardMiddleware:
    """Answer 400 to API requests whose offset or limit no database can hold.

    Both Wagtail APIs validate that ``offset``/``limit`` are non-negative integers but pass
    any size through to the database, where ``?offset=99999999999999999999`` overflows
    SQLite's and PostgreSQL's integers and becomes a 500. One check here covers v2 and v3.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            for name in PAGINATION_PARAMETERS:
                value = request.GET.get(name, "")
                if value.isdigit() and int(value) > MAX_API_INTEGER:
                    return bad_request(request, f"{name} must be at most {MAX_API_INTEGER}")
        return self.get_response(request)


class NullByteGuardMiddleware:
    """Answer 400 to any request whose query string holds a NUL character.

    No value of ours contains one, and PostgreSQL refuses NUL in every string, so a filter
    such as ``/news/?tag=%00`` or ``/api/v2/resources/?topic=%00`` became a 500 there. One
    check before any view covers pages, feeds, search and both APIs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(
            "\x00" in key or any("\x00" in value for value in values)
            for key, values in request.GET.lists()
        ):
            return bad_request(request, "The query string contains a NUL character.")
        return self.get_response(request)


# Pages, feeds and search are read (GET/HEAD) and, for Wagtail form pages and password
# prompts, posted to (POST). The admin and the APIs answer their own methods.
PAGE_METHODS = ("GET", "HEAD", "POST")
OWN_METHOD_HANDLING = ("/admin/", "/api/", "/django-admin/")


class PageMethodGuardMiddleware:
    """Answer 405 to PUT, DELETE, PATCH, TRACE, PROPFIND and other methods on public pages.

    Wagtail's ``Page.serve`` renders the page for any method, so ``DELETE /news/`` answered
    200 with the page; a method the site does not implement is a 405 with an ``Allow`` header.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in PAGE_METHODS and not request.path.startswith(OWN_METHOD_HANDLING):
            response = HttpResponse(
                "Method not allowed.", status=405, content_type="text/plain; charset=utf-8"
            )
            response["Allow"] = ", ".join(PAGE_METHODS)
            return response
        return self.get_response(request)


class StoredRouteMiddleware:
    """For Wagtail's page view and anonymous readers (``equity.headless.stored_pages``): the
    page stored for an address, answered before Wagtail routes the request; else the route
    the address took, so serving the page does not walk the page tree again. Both are kept
    until the next publication. Off with the content cache (``EQUITY_CONTENT_CACHE``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path = getattr(request, "_stored_route_path", None)
        if path is not None:
            stored_pages.remember_route(request, path, response)
            stored_pages.keep_address(request)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or not stored_pages.store.enabled():
            return None
        stored = stored_pages.serve_address(request)
        if stored is not None:
            return stored
        path = view_kwargs.get("path", view_args[0] if view_args else "")
        request._stored_route_path = path
        stored_pages.attach_route(request, path)
        return None

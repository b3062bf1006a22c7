"""Request guards: what the database cannot take or the site does not serve is a 4xx."""

import json

from django.http import HttpResponse

# Larger than any real page offset, small enough for every database's integer type.
MAX_API_INTEGER = 2**31 - 1
PAGINATION_PARAMETERS = ("offset", "limit")


def bad_request(request, message: str) -> HttpResponse:
    """A 400 in the shape of the API asked: v3 problem documents (as its OpenAPI says), v2
    ``{"message": ...}``, plain text elsewhere."""
    if request.path.startswith("/api/v3/"):
        problem = {"title": "Bad Request", "status": 400, "detail": message}
        return HttpResponse(
            json.dumps(problem), status=400, content_type="application/problem+json"
        )
    if request.path.startswith("/api/"):
        return HttpResponse(
            json.dumps({"message": message}), status=400, content_type="application/json"
        )
    return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")


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

"""Request guards for the API."""

import json

from django.http import HttpResponse

# Larger than any real page offset, small enough for every database's integer type.
MAX_API_INTEGER = 2**31 - 1
PAGINATION_PARAMETERS = ("offset", "limit")


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
                    message = f"{name} must be at most {MAX_API_INTEGER}"
                    if request.path.startswith("/api/v3/"):
                        # v3 answers errors as RFC 7807 problem documents, as its OpenAPI says.
                        problem = {"title": "Bad Request", "status": 400, "detail": message}
                        return HttpResponse(
                            json.dumps(problem), status=400, content_type="application/problem+json"
                        )
                    return HttpResponse(
                        json.dumps({"message": message}),
                        status=400,
                        content_type="application/json",
                    )
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

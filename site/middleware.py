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
                    return HttpResponse(
                        json.dumps({"message": f"{name} must be at most {MAX_API_INTEGER}"}),
                        status=400,
                        content_type="application/json",
                    )
        return self.get_response(request)

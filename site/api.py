"""The API router: Wagtail's v2 (Django REST framework) and v3 (django-ninja) APIs.

v2 is registered under the ``wagtailapi_v2`` namespace at ``/api/v2/``; v3 is Wagtail 8's
API, with its OpenAPI document at ``/api/v3/openapi.json``. Our page types join both
through their ``api_fields``; nothing here needs to know them.
"""

import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from equity.api import ResourcesAPIViewSet
from equity.api import router as resources_router_v3
from equity.headless.media import public_media
from newsroom.api import ReleasesAPIViewSet
from newsroom.models import NewsArticlePage, page_rows, with_release_data

from .preview_api import router as preview_router


class PrefetchingPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's ``/api/v2/pages/``, with the related rows of a listed page type fetched in
    a fixed number of queries: ``?type=newsroom.NewsArticlePage&fields=*`` otherwise costs
    four queries per release (locale, tags, contacts, related pages)."""

    prefetchers = {NewsArticlePage: with_release_data}

    def get_queryset(self):
        queryset = super().get_queryset()
        prefetch = self.prefetchers.get(queryset.model)
        return prefetch(queryset) if prefetch is not None else queryset

    def paginate_queryset(self, queryset):
        """A deep ``offset`` skips bare keys first, then fetches the page's rows."""
        page = super().paginate_queryset(queryset)
        if self.request.GET.get("offset", "0") not in ("", "0") and hasattr(page, "query"):
            return page_rows(page)
        return page


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """Only images something public uses (equity.headless.media): an embargoed release's
    chart, or an upload nothing public uses yet, is neither listed nor found."""

    def get_queryset(self):
        return public_media(super().get_queryset())


class PublicDocumentsAPIViewSet(DocumentsAPIViewSet):
    """Only documents something public uses (equity.headless.media)."""

    def get_queryset(self):
        return public_media(super().get_queryset())


api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", PrefetchingPagesAPIViewSet)
api_v2.register_endpoint("images", PublicImagesAPIViewSet)
api_v2.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_v2.register_endpoint("resources", ResourcesAPIViewSet)
api_v2.register_endpoint("releases", ReleasesAPIViewSet)

api_v3.add_router("/resources/", resources_router_v3)
api_v3.add_router("/preview/", preview_router)


_v3_validation_handler = api_v3._exception_handlers[NinjaValidationError]


def _bad_query_is_a_bad_request(request, exc):
    """A read whose query string is wrong is a 400 Bad Request, as in v2.

    Wagtail's v3 answers every validation failure with 422, which suits a write whose body
    is well-formed but unacceptable. A GET has no body: a wrong parameter there is simply a
    bad request, and apps handle both APIs' errors alike when the status is the same.
    """
    response = _v3_validation_handler(request, exc)
    if request.method not in ("GET", "HEAD") or response.status_code != 422:
        return response
    problem = {**json.loads(response.content), "title": "Bad Request", "status": 400}
    return HttpResponse(json.dumps(problem), status=400, content_type=response["Content-Type"])


for _exception in (NinjaValidationError, PydanticValidationError, DjangoValidationError):
    api_v3.add_exception_handler(_exception, _bad_query_is_a_bad_request)


_v3_openapi_schema = api_v3.get_openapi_schema
PROBLEM_STATUSES = {
    "400": "Bad Request: a query parameter is invalid",
    "404": "Not Found: no such object, or none visible to you",
}
# RFC 7807 problem document, as Wagtail's v3 answers errors.
PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {"type": "array"},
    },
}


def _valid_openapi_schema(**kwargs):
    """Wagtail's v3 document, made valid OpenAPI 3.1 (``openapi-spec-validator`` passes it).

    Wagtail publishes anonymous access as an ``http`` security scheme without a ``scheme``,
    which the specification forbids; OpenAPI spells "no credentials needed" as an empty
    security requirement ``{}``, so public reads say exactly that. Reads with parameters
    document their 400 answer.
    """
    schema = _v3_openapi_schema(**kwargs)
    schemes = schema.get("components", {}).get("securitySchemes", {})
    anonymous = [name for name, scheme in schemes.items() if "scheme" not in scheme]
    for name in anonymous:
        del schemes[name]
    for operations in schema.get("paths", {}).values():
        for method, operation in operations.items():
            if method == "get" and operation.get("parameters"):
                # A bad query string is a 400, an unknown object (or site) a 404: both
                # problem documents (see above). Say so.
                for status, description in PROBLEM_STATUSES.items():
                    operation.setdefault("responses", {}).setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
                        },
                    )
            security = operation.get("security") if isinstance(operation, dict) else None
            if security:
                operation["security"] = [
                    {} if set(requirement) & set(anonymous) else requirement
                    for requirement in security
                ]
                if {} not in operation["security"]:
                    # A token is required: without one (or with a bad one) the answer is 401.
                    operation.setdefault("responses", {}).setdefault(
                        "401",
                        {
                            "description": "Unauthorized: an API token is required",
                            "content": {"application/problem+json": {"schema": PROBLEM_SCHEMA}},
                        },
                    )
    return schema


api_v3.get_openapi_schema = _valid_openapi_schema


def api_not_found(request):
    """Any other address under /api/: a 404 in the API's own error format."""
    if request.path.startswith("/api/v3/"):
        problem = {"title": "Not Found", "status": 404, "detail": "No such API endpoint."}
        return HttpResponse(
            json.dumps(problem), status=404, content_type="application/problem+json"
        )
    return HttpResponse(
        json.dumps({"message": "No such API endpoint."}),
        status=404,
        content_type="application/json",
    )


__all__ = ["api_not_found", "api_v2", "api_v3"]

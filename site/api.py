"""The API router: Wagtail's v2 (Django REST framework) and v3 (django-ninja) APIs.

v2 is registered under the ``wagtailapi_v2`` namespace at ``/api/v2/``; v3 is Wagtail 8's
API, with its OpenAPI document at ``/api/v3/openapi.json``. Our page types join both
through their ``api_fields``; nothing here needs to know them.
"""

import copy
import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpResponse
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as api_v3
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from equity.api import ContentLanguagePageSerializer, ResourcesAPIViewSet
from equity.api import router as resources_router_v3
from equity.api_fields import TRANSLATION_DETAIL_ONLY_FIELDS
from equity.api_params import StrictAPIViewSetMixin, strict_backends
from equity.headless.media import public_media
from equity.headless.stored_responses import StoredResponsesMixin, stored_v3_responses
from equity.headless.stored_surfaces import StoredRepresentationsMixin, stored_v3_detail
from equity.webhook_payloads import openapi_webhooks
from newsroom.api import ReleasesAPIViewSet
from newsroom.api import router as releases_router_v3
from newsroom.models import NewsArticlePage, page_rows, with_release_data

from .api_links import install as install_absolute_rich_text_links
from .api_strict import is_response_error, server_fault, strict_query_parameters
from .navigation_api import router as navigation_router
from .page_lookup_api import install as install_page_lookup
from .preview_api import router as preview_router


class PrefetchingPagesAPIViewSet(
    StoredResponsesMixin, StoredRepresentationsMixin, StrictAPIViewSetMixin, PagesAPIViewSet
):
    """Wagtail's ``/api/v2/pages/``, with the related rows of a listed page type fetched in
    a fixed number of queries: ``?type=newsroom.NewsArticlePage&fields=*`` otherwise costs
    four queries per release (locale, tags, contacts, related pages). Every query parameter
    is checked first (``equity.api_params``): a bad value is a 400."""

    filter_backends = strict_backends(PagesAPIViewSet.filter_backends)
    # Chosen library resources in each page's own language.
    base_serializer_class = ContentLanguagePageSerializer
    prefetchers = {NewsArticlePage: with_release_data}
    # Translations and their parity cost queries per page: detail views only (list pages of
    # one locale with ?locale=es, or one page's translations with ?translation_of=<id>).
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, *TRANSLATION_DETAIL_ONLY_FIELDS]

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


class PublicImagesAPIViewSet(StrictAPIViewSetMixin, ImagesAPIViewSet):
    """Wagtail's ``/api/v2/images/``, strict (a bad query parameter is a 400), listing only
    images something public uses (equity.headless.media): an embargoed release's chart, or an upload
    nothing public uses yet, is neither listed nor found."""

    filter_backends = strict_backends(ImagesAPIViewSet.filter_backends)

    def get_queryset(self):
        return public_media(super().get_queryset())


class PublicDocumentsAPIViewSet(StrictAPIViewSetMixin, DocumentsAPIViewSet):
    """Wagtail's ``/api/v2/documents/``, strict, listing only documents something public
    uses (equity.headless.media)."""

    filter_backends = strict_backends(DocumentsAPIViewSet.filter_backends)

    def get_queryset(self):
        return public_media(super().get_queryset())


api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", PrefetchingPagesAPIViewSet)
api_v2.register_endpoint("images", PublicImagesAPIViewSet)
api_v2.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_v2.register_endpoint("resources", ResourcesAPIViewSet)
api_v2.register_endpoint("releases", ReleasesAPIViewSet)

# Rich text's internal and document links are absolute in both APIs (cms_site.api_links).
install_absolute_rich_text_links()
# ``/api/v3/pages/find/`` answers the page itself (cms_site.page_lookup_api), not a redirect.
install_page_lookup()
api_v3.add_router("/resources/", resources_router_v3)
api_v3.add_router("/releases/", releases_router_v3)
api_v3.add_router("/preview/", preview_router)
api_v3.add_router("/navigation/", navigation_router)
# Every operation checks its query string first (cms_site.api_strict): unknown names and bad
# values are a 400, as in v2.
api_v3.add_decorator(strict_query_parameters, mode="view")
# The page detail of a live, public page is kept per revision (equity.headless.representations).
api_v3.add_decorator(stored_v3_detail, mode="view")
# The page listing's and detail's answers are kept per content version
# (equity.headless.stored_responses).
api_v3.add_decorator(stored_v3_responses, mode="view")


_v3_validation_handler = api_v3._exception_handlers[NinjaValidationError]


def _bad_query_is_a_bad_request(request, exc):
    """A read whose query string is wrong is a 400 Bad Request, as in v2.

    Wagtail's v3 answers every validation failure with 422, which suits a write whose body
    is well-formed but unacceptable. A GET has no body: a wrong parameter there is simply a
    bad request, and apps handle both APIs' errors alike when the status is the same.
    """
    if isinstance(exc, PydanticValidationError) and is_response_error(exc):
        # The response failed its own schema: our fault, not the caller's.
        return server_fault(request, exc)
    response = _v3_validation_handler(request, exc)
    if request.method not in ("GET", "HEAD") or response.status_code != 422:
        return response
    problem = {**json.loads(response.content), "title": "Bad Request", "status": 400}
    return HttpResponse(json.dumps(problem), status=400, content_type=response["Content-Type"])


for _exception in (NinjaValidationError, PydanticValidationError, DjangoValidationError):
    api_v3.add_exception_handler(_exception, _bad_query_is_a_bad_request)
# Anything else is a server fault: a generic 500 problem document (Wagtail's own handler
# re-raises it, so Django would answer with its HTML error page).
api_v3.add_exception_handler(Exception, server_fault)


_v3_openapi_schema = api_v3.get_openapi_schema
PROBLEM_STATUSES = {
    "400": "Bad Request: a query parameter is invalid or unknown",
    "404": "Not Found: no such object, or none visible to you",
}
PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
# RFC 7807 problem document, as Wagtail's v3 answers errors, typed to the last item so that
# generated clients keep every error response (an untyped ``errors`` array made
# openapi-python-client drop them).
PROBLEM_COMPONENTS = {
    "ProblemError": {
        "type": "object",
        "description": "One validation error: what (msg), where (loc), which kind (type).",
        "required": ["msg"],
        "properties": {
            "type": {"type": "string"},
            "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
            "msg": {"type": "string"},
        },
        "additionalProperties": True,
    },
    "Problem": {
        "type": "object",
        "description": "An error (RFC 7807 problem document).",
        "required": ["title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemError"}},
        },
    },
}


def _problem_response(description: str) -> dict:
    return {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM_REF}},
    }


def _untestable(operation: dict) -> bool:
    """An operation with a path parameter that can take no value (Wagtail lists snippet
    types in an enum; with no snippet model exposed it is empty): no request can reach it."""
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        if parameter.get("in") == "path" and (
            schema.get("const") == "" or schema.get("enum") == []
        ):
            return True
    return False


# The finished documents, by the arguments django-ninja asks with (path prefix and path
# parameters). Building one walks every operation's pydantic models: about 0.4 s of CPU on
# this project, on every request for /api/v3/openapi.json and every export. The document is
# made of code (routers, models, block definitions) and settings only, never of content, so
# it is built once per process and forgotten when a setting changes (tests override them).
_openapi_documents: dict[str, dict] = {}


@receiver(setting_changed)
def _forget_openapi_documents(**kwargs) -> None:
    _openapi_documents.clear()


def _openapi_document(**kwargs) -> dict:
    """The v3 OpenAPI document (a dict, the caller's own copy), built once per process; see
    ``_valid_openapi_schema`` for what is changed from Wagtail's."""
    key = json.dumps(kwargs, sort_keys=True, default=str)
    document = _openapi_documents.get(key)
    if document is None:
        document = _openapi_documents[key] = _valid_openapi_schema(**kwargs)
    # Callers may change what they get (the export command, tests): never the kept one.
    return copy.deepcopy(document)


def _valid_openapi_schema(**kwargs):
    """Wagtail's v3 document, made valid OpenAPI 3.1 (``openapi-spec-validator`` passes it).

    Wagtail publishes anonymous access as an ``http`` security scheme without a ``scheme``,
    which the specification forbids; OpenAPI spells "no credentials needed" as an empty
    security requirement ``{}``, so public reads say exactly that. Reads with parameters
    document their 400 answer; every error response is a typed ``Problem`` document.
    The publish webhooks are documented as OpenAPI 3.1 ``webhooks``
    (``equity.webhook_payloads``). Operations no request can reach (snippet operations while
    no snippet model is exposed: their ``type`` enum is empty) are left out.
    """
    schema = _v3_openapi_schema(**kwargs)
    schema.setdefault("components", {}).setdefault("schemas", {}).update(PROBLEM_COMPONENTS)
    # What the publish webhooks POST to receivers, from the definitions the sender uses.
    webhooks, webhook_schemas = openapi_webhooks()
    schema["webhooks"] = webhooks
    schema["components"]["schemas"].update(webhook_schemas)
    paths = schema.get("paths", {})
    for path, operations in list(paths.items()):
        for method, operation in list(operations.items()):
            if isinstance(operation, dict) and _untestable(operation):
                del operations[method]
        if not operations:
            del paths[path]
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
                        status, _problem_response(description)
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
                        "401", _problem_response("Unauthorized: an API token is required")
                    )
            # An optional body Wagtail documents as allOf[$ref] plus a default object: each
            # property has its own default already, and generators (openapi-python-client)
            # skip the whole operation over an object default. Keep the plain reference.
            for media in operation.get("requestBody", {}).get("content", {}).values():
                body = media.get("schema", {})
                if "default" in body and len(body.get("allOf", [])) == 1:
                    media["schema"] = body["allOf"][0]
            # Every error answer is a problem document: say so, typed, wherever it is listed.
            for status, response in operation.get("responses", {}).items():
                if str(status)[:1] in "45" and isinstance(response, dict):
                    response["content"] = {"application/problem+json": {"schema": PROBLEM_REF}}
    return schema


api_v3.get_openapi_schema = _openapi_document


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

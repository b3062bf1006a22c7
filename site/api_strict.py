"""API v3 made strict about its query string, and honest about whose fault an error is.

- **Strict parameters** (:func:`strict_query_parameters`, installed on every operation): a
  query parameter the operation does not declare (``?bogus=1``, ``?fields=`` anywhere in v3,
  ``?topics=`` on resources, ``?rich_text_format=`` on a list) is a 400, as in v2. Lists that
  filter by model fields (pages, images, documents, redirects) also accept those fields'
  names, with values checked by ``equity.api_params.filter_value``; ``order`` only names
  fields with one plain value per item. The same rules as v2, from the same module.
- **Strict write bodies** (:func:`check_body`, the same decorator): a create or update
  (``POST``/``PATCH``) naming a field its type's write schema does not have — misspelt,
  unknown, or read-only (``release_status``, ``contacts``) — is a 400 naming the writable
  fields, and nothing is saved. Pydantic would otherwise drop such a key silently, and the
  app would believe its change was made. Which fields are writable is each model's
  ``api_fields`` (``APIField(name, writable=True)``), validated by the admin's own form.
- **Server faults are 5xx** (:func:`server_fault`): a response that fails its own schema
  or any unexpected exception is a generic ``500`` problem document, logged with its
  traceback; the caller never sees internal messages or paths. Only request validation
  (the query string, the body) is a 400 (reads) or 422 (writes).
"""

import json
import logging
from functools import wraps
from typing import Annotated, Union, get_args, get_origin

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from pydantic import BaseModel, Tag
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.validators import APIFieldValidator
from wagtail.contrib.redirects.models import Redirect
from wagtail.coreutils import resolve_model_string
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from equity.api_params import (
    BadParameter,
    check_orderable,
    check_raw_parameters,
    check_search_operator,
    decorated_operation,
    filter_value,
)

logger = logging.getLogger(__name__)


# List operations that filter by model fields: how to find the model of this request
# (from the request and the path parameters) and its base fields, as Wagtail's routers
# name them.
def _page_model(request: HttpRequest, path: dict) -> type[Model]:
    types = request.GET.getlist("type")
    if len(types) == 1:
        try:
            return resolve_model_string(types[0])
        except (LookupError, ValueError):
            pass  # an unknown type is refused by the operation itself
    return Page


def _snippet_model(request: HttpRequest, path: dict) -> type[Model] | None:
    try:
        return resolve_model_string(path.get("type", ""))
    except (LookupError, ValueError):
        return None  # an unknown snippet type is refused by the operation itself


FIELD_FILTERING_LISTS = {
    "pages_list": (_page_model, lambda model: BASE_PAGE_READ_FIELDS),
    "images_list": (lambda *_: get_image_model(), lambda model: ["id", "title", "width", "height"]),
    "documents_list": (lambda *_: get_document_model(), lambda model: ["id", "title"]),
    "redirects_list": (
        lambda *_: Redirect,
        lambda model: ["id", "old_path", "site", "is_permanent"],
    ),
    "snippets_list": (_snippet_model, lambda model: [model._meta.pk.name]),
}


def _field_filters(
    operation_id: str, request: HttpRequest, path: dict
) -> tuple[type[Model] | None, set[str]]:
    get_model, base_fields = FIELD_FILTERING_LISTS[operation_id]
    model = get_model(request, path)
    if model is None:
        return None, set()
    validator = APIFieldValidator(
        model=model, fields=[], base_fields=list(base_fields(model)), db_fields_only=True
    )
    # Wagtail lists "pk" too but cannot filter by that name (a KeyError): "id" is the filter.
    return model, set(validator.allowed_fields) - {"pk"}


def declared_query_names(operation) -> set[str]:
    """The query parameter names an operation declares (its signature, flattened)."""
    return {
        name
        for model in operation.signature.models
        if model.__ninja_param_source__ == "query"
        for name in model.__ninja_flatten_map__
    }


def check_query(operation, request: HttpRequest, path: dict | None = None) -> None:
    """Raise :class:`BadParameter` for anything in the query string the operation cannot use.
    ``path``: the operation's path parameters as matched (e.g. a snippet ``type``)."""
    check_raw_parameters(request.GET)
    declared = declared_query_names(operation)
    model, fields = None, set()
    if operation.operation_id in FIELD_FILTERING_LISTS:
        model, fields = _field_filters(operation.operation_id, request, path or {})
    unknown = sorted(set(request.GET) - declared - fields)
    if unknown:
        raise BadParameter(
            f"unknown query parameter(s): {', '.join(unknown)}; this endpoint takes: "
            f"{', '.join(sorted(declared | fields))}"
        )
    for name in fields - declared:
        if name not in request.GET:
            continue
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:  # an attname ("site_id"): the foreign key it belongs to
            field = next((f for f in model._meta.concrete_fields if f.attname == name), None)
        for value in request.GET.getlist(name):
            filter_value(field, name, value)
    if "search_operator" in declared:
        check_search_operator(request.GET.get("search_operator"))
    if model is not None and "order" in declared:
        for value in request.GET.getlist("order"):
            for item in value.split(","):
                name = item.removeprefix("-")
                if item != "random" and name in fields:
                    check_orderable(model, name)


def _write_schema(operation, request: HttpRequest, path: dict, data: dict) -> type | None:
    """The schema a write body is validated against: the operation's own, or for a body
    that is a union of per-type schemas (pages), the one tagged with the body's
    ``meta.type`` or else the type of the object addressed (as Wagtail injects it)."""
    body = next((m for m in operation.signature.models if m.__ninja_param_source__ == "body"), None)
    if body is None or "data" not in body.model_fields:
        return None
    annotation = body.model_fields["data"].annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if get_origin(annotation) is not Union:
        return None
    meta = data.get("meta")
    meta_type = meta.get("type") if isinstance(meta, dict) else None
    if not meta_type and hasattr(body, "get_meta_type"):
        meta_type = body.get_meta_type(request, operation.api, path)
    for option in get_args(annotation):
        if get_origin(option) is Annotated:
            schema, *tags = get_args(option)
            if any(isinstance(tag, Tag) and tag.tag == meta_type for tag in tags):
                return schema
    return None  # an unknown type is refused by the operation itself


def check_body(operation, request: HttpRequest, path: dict | None = None) -> None:
    """Raise :class:`BadParameter` when a JSON write body names a field that cannot be
    written. A body that is not a JSON object is left to the operation (its own 4xx)."""
    if request.method not in ("POST", "PATCH", "PUT") or request.content_type != (
        "application/json"
    ):
        return
    try:
        data = json.loads(request.body or b"null")
    except ValueError:
        return
    if not isinstance(data, dict):
        return
    schema = _write_schema(operation, request, path or {}, data)
    if schema is None:
        return
    writable = set(schema.model_fields)
    unknown = sorted(set(data) - writable)
    if unknown:
        raise BadParameter(
            f"field(s) that cannot be written here: {', '.join(unknown)}; writable fields: "
            f"{', '.join(sorted(writable))}"
        )


def strict_query_parameters(run):
    """Ninja "view" decorator: check the query string before the operation parses it."""
    operation = decorated_operation(run)

    @wraps(run)
    def checked(request, *args, **kwargs):
        try:
            check_query(operation, request, kwargs)
        except BadParameter as error:
            status = 400 if request.method in ("GET", "HEAD") else 422
            return problem_response(
                status=status,
                detail=str(error),
                errors=[{"type": "invalid_query", "loc": ["query"], "msg": str(error)}],
            )
        try:
            check_body(operation, request, kwargs)
        except BadParameter as error:
            return problem_response(
                status=400,
                detail=str(error),
                errors=[{"type": "unknown_field", "loc": ["body"], "msg": str(error)}],
            )
        return run(request, *args, **kwargs)

    return checked


def is_response_error(error: PydanticValidationError) -> bool:
    """True when the failed validation is of the response the API built (a server fault)."""
    return any(detail.get("loc", ())[:1] == ("response",) for detail in error.errors())


def server_fault(request: HttpRequest, exc: Exception) -> HttpResponse:
    """Any unexpected error: logged in full, answered with a generic 500 problem document."""
    logger.error("API v3 server error on %s %s", request.method, request.path, exc_info=exc)
    return problem_response(
        status=500, detail="The server could not produce this response; the error is logged."
    )


__all__ = [
    "check_body",
    "check_query",
    "is_response_error",
    "server_fault",
    "strict_query_parameters",
]

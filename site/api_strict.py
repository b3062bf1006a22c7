"""API v3 made strict about its query string, and honest about whose fault an error is.

- **Strict parameters** (:func:`strict_query_parameters`, installed on every operation): a
  query parameter the operation does not declare (``?bogus=1``, ``?fields=`` anywhere in v3,
  ``?topics=`` on resources, ``?rich_text_format=`` on a list) is a 400, as in v2. Lists that
  filter by model fields (pages, images, documents, redirects) also accept those fields'
  names, with values checked by ``equity.api_params.filter_value``; ``order`` only names
  fields with one plain value per item. The same rules as v2, from the same module.
- **Server faults are 5xx** (:func:`server_fault`): a response that fails its own schema
  or any unexpected exception is a generic ``500`` problem document, logged with its
  traceback; the caller never sees internal messages or paths. Only request validation
  (the query string, the body) is a 400 (reads) or 422 (writes).
"""

import logging
from functools import wraps

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
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
    filter_value,
)

logger = logging.getLogger(__name__)

# List operations that filter by model fields: (model for this request, base fields).
# Wagtail's routers name these base fields; they are stable parts of each resource.
FIELD_FILTERING_LISTS = {
    "pages_list": (None, BASE_PAGE_READ_FIELDS),
    "images_list": (get_image_model, ["id", "title", "width", "height"]),
    "documents_list": (get_document_model, ["id", "title"]),
    "redirects_list": (lambda: Redirect, ["id", "old_path", "site", "is_permanent"]),
}


def _page_model(request: HttpRequest) -> type[Model]:
    types = request.GET.getlist("type")
    if len(types) == 1:
        try:
            return resolve_model_string(types[0])
        except (LookupError, ValueError):
            pass  # an unknown type is refused by the operation itself
    return Page


def _field_filters(operation_id: str, request: HttpRequest) -> tuple[type[Model], set[str]]:
    get_model, base_fields = FIELD_FILTERING_LISTS[operation_id]
    model = _page_model(request) if get_model is None else get_model()
    validator = APIFieldValidator(
        model=model, fields=[], base_fields=list(base_fields), db_fields_only=True
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


def check_query(operation, request: HttpRequest) -> None:
    """Raise :class:`BadParameter` for anything in the query string the operation cannot use."""
    check_raw_parameters(request.GET)
    declared = declared_query_names(operation)
    model, fields = None, set()
    if operation.operation_id in FIELD_FILTERING_LISTS:
        model, fields = _field_filters(operation.operation_id, request)
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


def strict_query_parameters(run):
    """Ninja "view" decorator: check the query string before the operation parses it."""
    # The operation's own bound ``run``, under any decorator already applied (never_cache).
    target = run
    while not hasattr(target, "__self__") and hasattr(target, "__wrapped__"):
        target = target.__wrapped__
    operation = target.__self__

    @wraps(run)
    def checked(request, *args, **kwargs):
        try:
            check_query(operation, request)
        except BadParameter as error:
            status = 400 if request.method in ("GET", "HEAD") else 422
            return problem_response(
                status=status,
                detail=str(error),
                errors=[{"type": "invalid_query", "loc": ["query"], "msg": str(error)}],
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
    "check_query",
    "is_response_error",
    "server_fault",
    "strict_query_parameters",
]

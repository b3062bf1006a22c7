"""What a query parameter of either API may be: one set of rules for v2 and v3.

Both APIs filter lists by model fields (``?release_date=2024-05-01``), order them
(``?order=-release_date``) and take free text (``?search=``). A value that cannot be what the
field holds is the caller's mistake and must be a 400, never a 500 from deep in the database
layer: this module turns a raw string into the field's Python value or raises
:class:`BadParameter` with a message for the caller (never an internal detail).

- :func:`check_raw_parameters`: no NUL characters, no value longer than
  ``MAX_PARAMETER_LENGTH`` characters, ``fields`` nested at most ``MAX_FIELDS_NESTING`` deep.
- :func:`filter_value`: a filter value converted for its field (dates, date-times,
  integers within the database's range, foreign keys, booleans, choices).
- :func:`check_orderable`: only a field holding one scalar value per row can order a list
  (ordering by tags would list a row once per tag).

The v2 filter backends (``StrictFieldsFilter``, ``StrictOrderingFilter``,
``StrictSearchFilter``) and ``StrictAPIViewSetMixin`` apply these rules to Wagtail's v2
viewsets; the project applies the same functions to v3.
"""

from django.core.exceptions import (
    FieldDoesNotExist,
    FieldError,
    ObjectDoesNotExist,
    ValidationError,
)
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.http import Http404
from taggit.managers import TaggableManager
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError, parse_boolean
from wagtail.fields import StreamField

MAX_PARAMETER_LENGTH = 1000  # characters; longer values are refused, not searched for
MAX_FIELDS_NESTING = 8  # ``fields=a(b(c(...)))``: deeper than any model nests
SEARCH_OPERATORS = ("and", "or")


class BadParameter(ValueError):
    """A query parameter the caller got wrong; ``str()`` is the message for the caller."""


def check_raw_parameters(query) -> None:
    """Refuse values no endpoint can use. ``query``: a ``QueryDict``.

    Raises :class:`BadParameter` for a NUL character in a name or value, a value longer than
    ``MAX_PARAMETER_LENGTH`` characters, or ``fields`` nested deeper than
    ``MAX_FIELDS_NESTING`` parentheses.
    """
    for name, values in query.lists():
        for value in values:
            if "\x00" in name or "\x00" in value:
                raise BadParameter(f"{name!r}: null characters are not allowed")
            if len(value) > MAX_PARAMETER_LENGTH:
                raise BadParameter(
                    f"{name!r}: a value may be at most {MAX_PARAMETER_LENGTH} characters long"
                )
    for value in query.getlist("fields"):
        check_fields_nesting(value)


def check_fields_nesting(value: str) -> None:
    """``fields`` nests sub-fields in parentheses; Wagtail's parser recurses once per level."""
    depth = deepest = 0
    for character in value:
        if character == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif character == ")":
            depth -= 1
    if deepest > MAX_FIELDS_NESTING:
        raise BadParameter(f"fields may be nested at most {MAX_FIELDS_NESTING} levels deep")


def _integer_range(field: models.Field) -> tuple[int, int]:
    ranges = BaseDatabaseOperations.integer_field_ranges
    internal_type = field.get_internal_type()
    if internal_type == "AutoField":
        internal_type = "IntegerField"
    elif internal_type in ("BigAutoField", "SmallAutoField"):
        internal_type = internal_type.replace("Auto", "Integer")
    return ranges.get(internal_type, ranges["BigIntegerField"])


def filter_value(field, name: str, raw: str):
    """``raw`` as a value of ``field`` (the model field called ``name``), for an exact filter.

    Returns the Python value (a tag name is returned as given). Raises :class:`BadParameter`
    when the field cannot be filtered on (a many-to-many or reverse relation) or the value
    is not one the field can hold: not a date, an impossible date (``2026-02-30``), an
    integer outside the database column's range, not one of the field's choices.
    """
    if isinstance(field, TaggableManager):
        return raw
    if field is None or field.many_to_many or field.one_to_many or not field.concrete:
        raise BadParameter(f"cannot filter by {name!r} (it holds several values)")
    if isinstance(field, StreamField | models.JSONField):
        raise BadParameter(f"cannot filter by {name!r} (structured content)")
    target = field.target_field if isinstance(field, models.ForeignKey) else field
    if "\x00" in raw:
        raise BadParameter(f"{name!r}: null characters are not allowed")
    if isinstance(target, models.BooleanField):
        try:
            return parse_boolean(raw)
        except ValueError as error:
            raise BadParameter(f"{name!r} must be true or false (got {raw!r})") from error
    try:
        value = target.to_python(raw)
    except ValidationError as error:
        message = error.messages[0]
        raise BadParameter(f"{raw!r} is not a valid value for {name}: {message}") from None
    if isinstance(target, models.IntegerField | models.AutoField) and value is not None:
        low, high = _integer_range(target)
        if not low <= value <= high:
            raise BadParameter(f"{name} must be an integer from {low} to {high}")
    if field.choices and value not in {choice for choice, _ in field.flatchoices}:
        allowed = ", ".join(str(choice) for choice, _ in field.flatchoices)
        raise BadParameter(f"{name} must be one of: {allowed} (got {raw!r})")
    return value


def check_orderable(model, name: str) -> None:
    """Raise :class:`BadParameter` unless ``name`` is a field of ``model`` holding one
    scalar value per row (not a relation, not tags, not StreamField or JSON)."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        field = next((f for f in model._meta.concrete_fields if f.attname == name), None)
        if field is None:
            raise BadParameter(f"cannot order by {name!r} (unknown field)") from None
    if (
        not field.concrete
        or field.is_relation
        or isinstance(field, StreamField | models.JSONField | TaggableManager)
    ):
        raise BadParameter(
            f"cannot order by {name!r} (only fields with one plain value per item can order a list)"
        )


def check_search_operator(value: str | None) -> None:
    if value is not None and value not in SEARCH_OPERATORS:
        raise BadParameter(f"search_operator must be one of: {', '.join(SEARCH_OPERATORS)}")


class StrictFieldsFilter(FieldsFilter):
    """Wagtail's exact field filters (``?release_date=2024-05-01``), every value checked by
    :func:`filter_value` first: a malformed value is a 400, not a database error."""

    def filter_queryset(self, request, queryset, view):
        fields = set(view.get_available_fields(queryset.model, db_fields_only=True))
        fields.discard("locale")  # Wagtail's own LocaleFilter handles it
        for name, raw in request.GET.items():
            if name not in fields:
                continue
            try:
                field = queryset.model._meta.get_field(name)
            except FieldDoesNotExist:
                field = next(
                    (f for f in queryset.model._meta.concrete_fields if f.attname == name), None
                )
            try:
                filter_value(field, name, raw)
            except BadParameter as error:
                raise BadRequestError(str(error)) from None
        return super().filter_queryset(request, queryset, view)


class StrictOrderingFilter(OrderingFilter):
    """Wagtail's ``?order=``, limited to fields with one plain value per item (see
    :func:`check_orderable`); ``random`` is still allowed."""

    def filter_queryset(self, request, queryset, view):
        order = request.GET.get("order")
        if order and order != "random":
            allowed = view.get_available_fields(queryset.model, db_fields_only=True)
            for item in order.split(","):
                name = item.removeprefix("-")
                if name not in allowed:
                    raise BadRequestError(f"cannot order by {item!r} (unknown field)")
                try:
                    check_orderable(queryset.model, name)
                except BadParameter as error:
                    raise BadRequestError(str(error)) from None
        try:
            return super().filter_queryset(request, queryset, view)
        except FieldError as error:
            raise BadRequestError(f"cannot order by {order!r}") from error


class StrictSearchFilter(SearchFilter):
    """Wagtail's ``?search=`` with ``search_operator`` checked (``and`` or ``or``)."""

    def filter_queryset(self, request, queryset, view):
        try:
            check_search_operator(request.GET.get("search_operator"))
        except BadParameter as error:
            raise BadRequestError(str(error)) from None
        return super().filter_queryset(request, queryset, view)


STRICT_BACKENDS = {
    FieldsFilter: StrictFieldsFilter,
    OrderingFilter: StrictOrderingFilter,
    SearchFilter: StrictSearchFilter,
}


def strict_backends(backends: list) -> list:
    """``backends`` with Wagtail's field, ordering and search filters made strict."""
    return [STRICT_BACKENDS.get(backend, backend) for backend in backends]


def decorated_operation(run):
    """The django-ninja ``Operation`` whose ``run`` a view decorator
    (``api.add_decorator(decorator, mode="view")``) receives, under any decorator already
    applied (``never_cache``, another view decorator): its ``url_name``, parameters and body
    say what the decorator wraps."""
    target = run
    while not hasattr(target, "__self__") and hasattr(target, "__wrapped__"):
        target = target.__wrapped__
    return target.__self__


class StrictAPIViewSetMixin:
    """For a Wagtail v2 viewset: every query parameter is checked before use (see the module
    docstring), so any bad value is a 400 ``{"message": ...}``; put it first in the bases and
    set ``filter_backends = strict_backends([...])``.

    ``find/`` (``?html_path=`` for pages, ``?id=``) answers the object itself, exactly as its
    detail view does (200, the same fields and parameters), instead of Wagtail's redirect to
    that view; nothing found is a 404 ``{"message": ...}``.
    """

    def find_view(self, request):
        try:
            obj = self.find_object(self.get_queryset(), request)
        except ObjectDoesNotExist:
            obj = None
        if obj is None:
            raise Http404("not found")
        # From here on this request is the object's detail view (its serializer, its
        # detail-only fields, its filters), looked up by the primary key just found.
        self.action = "detail_view"
        self.kwargs[self.lookup_url_kwarg or self.lookup_field] = obj.pk
        return self.detail_view(request, pk=obj.pk)

    def check_query_parameters(self, queryset):
        try:
            check_raw_parameters(self.request.GET)
        except BadParameter as error:
            raise BadRequestError(str(error)) from None
        super().check_query_parameters(queryset)

    def find_object(self, queryset, request):
        # ``find/?id=`` looks the id up as given: "abc" or an overflowing number was a 500.
        try:
            check_raw_parameters(request.GET)
            if "id" in request.GET:
                filter_value(queryset.model._meta.pk, "id", request.GET["id"])
        except BadParameter as error:
            raise BadRequestError(str(error)) from None
        return super().find_object(queryset, request)

    def get_serializer_class(self):
        # The detail view parses ``fields`` without checking the query first.
        try:
            for value in self.request.GET.getlist("fields"):
                check_fields_nesting(value)
        except BadParameter as error:
            raise BadRequestError(str(error)) from None
        return super().get_serializer_class()


__all__ = [
    "BadParameter",
    "StrictAPIViewSetMixin",
    "StrictFieldsFilter",
    "StrictOrderingFilter",
    "StrictSearchFilter",
    "check_orderable",
    "check_raw_parameters",
    "check_search_operator",
    "decorated_operation",
    "filter_value",
    "strict_backends",
]

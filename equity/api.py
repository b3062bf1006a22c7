"""The resource library in both Wagtail APIs.

- v2: ``ResourcesAPIViewSet``, registered by the project as ``/api/v2/resources/`` (list,
  detail, ``?kind=``, ``?topic=``, ``?search=``, ``?order=``).
- v3: ``router``, mounted by the project at ``/api/v3/resources/``, typed in the OpenAPI
  document by ``ResourceSchema``.

Pages embed chosen resources as ``Resource.summary_for_api()``: the list's own fields, small.
"""

import datetime
from typing import Literal

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.search.backends import get_search_backend

from .models import Resource, Topic
from .models.library import ResourceKind

RESOURCE_FIELDS = [
    "title",
    "kind",
    "summary",
    "href",
    "date",
    "date_precision",
    "free_to_watch",
    "host_names",
    "topic_slugs",
    "reading_list_entries",
]


def filter_by_topic(queryset: QuerySet, slug: str) -> QuerySet:
    """Resources tagged with the topic ``slug``; an unknown topic gives an empty list."""
    tagged = Resource.topics.through.objects.filter(topic__slug=slug).values("resource_id")
    return queryset.filter(pk__in=tagged)


class ResourceKindTopicFilter:
    """``?kind=`` (one of the kinds, else 400) and ``?topic=`` (a topic slug)."""

    def filter_queryset(self, request, queryset, view):
        kind = request.GET.get("kind")
        if kind is not None:
            if kind not in ResourceKind.values:
                raise BadRequestError(
                    f"kind must be one of: {', '.join(ResourceKind.values)} (got '{kind}')"
                )
            queryset = queryset.filter(kind=kind)
        if topic := request.GET.get("topic"):
            queryset = filter_by_topic(queryset, topic)
        return queryset


class ResourcesAPIViewSet(BaseAPIViewSet):
    """``/api/v2/resources/``: the resource library."""

    model = Resource
    name = "resources"
    filter_backends = [ResourceKindTopicFilter, FieldsFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["kind", "topic"])
    body_fields = [*BaseAPIViewSet.body_fields, *RESOURCE_FIELDS]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "kind",
        "summary",
        "href",
        "date",
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "title", "kind"]

    def get_queryset(self):
        # A stable order (newest first, as on the library page), unless ?order= says otherwise.
        return Resource.objects.public().with_listing_data().order_by("-date", "title", "pk")


class ReadingListItemSchema(Schema):
    title: str
    url: str
    description: str


class ResourceSchema(Schema):
    """A library resource as apps receive it."""

    id: int
    title: str
    kind: Literal[tuple(ResourceKind.values)]  # type: ignore[valid-type]
    kind_label: str = Field(..., alias="get_kind_label")
    summary: str
    url: str = Field(..., alias="href")
    date: datetime.date | None
    date_precision: Literal["day", "month"] = Field(
        ..., description='"month": show only the month and year (a monthly issue).'
    )
    free_to_watch: bool
    hosts: list[str] = Field(..., alias="host_names")
    topics: list[str] = Field(..., alias="topic_slugs")
    reading_list: list[ReadingListItemSchema] = Field(..., alias="reading_list_entries")


class ResourceFilters(FilterSchema):
    kind: ResourceKind | None = None
    topic: str | None = Field(None, max_length=80)
    search: str | None = Field(None, max_length=200)

    def filter_kind(self, value) -> Q:
        return Q(kind=value) if value else Q()

    def filter_topic(self, value) -> Q:
        return Q()  # applied in list_resources: a subquery, not a plain lookup

    def filter_search(self, value) -> Q:
        return Q()  # applied in list_resources through Wagtail search


router = Router(tags=["resources"])


@router.get("/", response=list[ResourceSchema], summary="List library resources")
@paginate(WagtailLimitOffsetPagination)
def list_resources(request, filters: Query[ResourceFilters]):
    queryset = filters.filter(
        Resource.objects.public().with_listing_data().order_by("-date", "title", "pk")
    )
    if filters.topic:
        queryset = filter_by_topic(queryset, filters.topic)
    if filters.search:
        # Search results paginate in the search backend, like a queryset.
        return get_search_backend().search(filters.search, queryset)
    return queryset


@router.get("/{int:resource_id}/", response=ResourceSchema, summary="One library resource")
def resource_detail(request, resource_id: int):
    if resource_id > 2**31 - 1:
        raise HttpError(404, "No resource matches the given id.")
    return get_object_or_404(Resource.objects.public().with_listing_data(), pk=resource_id)


__all__ = ["ResourcesAPIViewSet", "Topic", "router"]

"""The resource library in both Wagtail APIs.

- v2: ``ResourcesAPIViewSet``, registered by the project as ``/api/v2/resources/`` (list,
  detail, ``?kind=``, ``?topic=``, ``?search=``, ``?order=``).
- v3: ``router``, mounted by the project at ``/api/v3/resources/``, typed in the OpenAPI
  document by ``ResourceSchema`` (``kind``, ``topic``, ``search``, ``order``).

Both versions name the fields alike (``url``, ``hosts``, ``topics``, ``reading_list``,
``kind_label``; see ``Resource.api_fields``). ``search`` and ``order`` combine when the
order is by ``title``, ``date``, ``kind`` or ``id`` (the fields the search index can order
by); v2 answers any other order while searching with a 400 saying so.

Pages embed chosen resources as ``Resource.summary_for_api()``: the list's own fields, small.
"""

import datetime
from typing import Literal

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.search.backends import get_search_backend

from .api_params import StrictAPIViewSetMixin, strict_backends
from .headless.stored_surfaces import StoredRepresentationsMixin
from .models import Resource, Topic
from .models.library import ResourceKind


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


class ResourcesAPIViewSet(StoredRepresentationsMixin, StrictAPIViewSetMixin, BaseAPIViewSet):
    """``/api/v2/resources/``: the resource library."""

    model = Resource
    name = "resources"
    filter_backends = strict_backends(
        [ResourceKindTopicFilter, FieldsFilter, OrderingFilter, SearchFilter]
    )
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["kind", "topic"])
    # The fields themselves are Resource.api_fields, named as in v3.
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "kind",
        "kind_label",
        "summary",
        "url",
        "date",
        "hosts",
        "topics",
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


# Orderings of the resource list: fields with one value per resource that the search index
# can also order by (Resource.search_fields), so ``search`` and ``order`` combine.
RESOURCE_ORDERINGS = ("-date", "date", "title", "-title", "kind", "-kind", "id", "-id")


class ResourceFilters(FilterSchema):
    kind: ResourceKind | None = None
    topic: str | None = Field(None, max_length=80)
    search: str | None = Field(None, max_length=200)
    year: int | None = Field(None, ge=1, le=9999, description="Resources dated that year.")
    date_from: datetime.date | None = Field(None, description="Dated on or after (inclusive).")
    date_to: datetime.date | None = Field(None, description="Dated on or before (inclusive).")
    order: Literal[RESOURCE_ORDERINGS] = Field(  # type: ignore[valid-type]
        "-date", description="Newest first by default; ties by title, then id."
    )

    def filter_order(self, value) -> Q:
        return Q()  # applied in list_resources

    def filter_year(self, value) -> Q:
        # A range rather than __year, whose bounds overflow for year 9999.
        if not value:
            return Q()
        return Q(date__gte=datetime.date(value, 1, 1), date__lte=datetime.date(value, 12, 31))

    def filter_date_from(self, value) -> Q:
        return Q(date__gte=value) if value else Q()

    def filter_date_to(self, value) -> Q:
        return Q(date__lte=value) if value else Q()

    def ordering(self) -> list[str]:
        if self.order.removeprefix("-") == "id":
            return [self.order]
        return [self.order, "title", "id"]

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
        Resource.objects.public().with_listing_data().order_by(*filters.ordering())
    )
    if filters.topic:
        queryset = filter_by_topic(queryset, filters.topic)
    if filters.search:
        # Search results paginate in the search backend, like a queryset; an explicit
        # order replaces relevance.
        return get_search_backend().search(
            filters.search, queryset, order_by_relevance="order" not in request.GET
        )
    return queryset


class TopicCountSchema(Schema):
    name: str
    slug: str
    count: int = Field(..., description="Resources with this topic.")


@router.get("/topics/", response=list[TopicCountSchema], summary="Topics in use, with counts")
def resource_topics(request):
    """Every topic of at least one resource, by name, with how many resources."""
    return (
        Topic.objects.annotate(count=Count("resources", distinct=True))
        .filter(count__gt=0)
        .order_by("name")
        .values("name", "slug", "count")
    )


@router.get("/{int:resource_id}/", response=ResourceSchema, summary="One library resource")
def resource_detail(request, resource_id: int):
    if resource_id > 2**31 - 1:
        raise HttpError(404, "No resource matches the given id.")
    return get_object_or_404(Resource.objects.public().with_listing_data(), pk=resource_id)


__all__ = ["ResourcesAPIViewSet", "Topic", "router"]

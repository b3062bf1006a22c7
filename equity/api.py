"""The resource library in both Wagtail APIs.

- v2: ``ResourcesAPIViewSet``, registered by the project as ``/api/v2/resources/`` (list,
  detail, ``?kind=``, ``?topic=``, ``?locale=``, ``?search=``, ``?order=``).
- v3: ``router``, mounted by the project at ``/api/v3/resources/``, typed in the OpenAPI
  document by ``ResourceSchema`` (list) and ``ResourceDetailSchema`` (detail; ``kind``,
  ``topic``, ``locale``, ``search``, ``order``).

Both versions name the fields alike (``url``, ``hosts``, ``topics``, ``reading_list``,
``kind_label``, ``locale``; detail views add ``translations`` and ``translation_status``, as
pages do; see ``Resource.api_fields``). Without ``?locale=`` a list has every language's
resources; ``?locale=es`` is what a Spanish reader sees (``Resource.objects.for_language``:
the Spanish resources and the default language's untranslated ones; each item says its own
``locale``). A language that is not configured is a 400. ``search`` and ``order`` combine when the
order is by ``title``, ``date``, ``kind`` or ``id`` (the fields the search index can order
by); v2 answers any other order while searching with a 400 saying so.

Pages embed chosen resources as ``Resource.summary_for_api()``: the list's own fields, small.
"""

import datetime
from typing import Literal

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.serializers import PageSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.search.backends import get_search_backend

from .api_fields import (
    TRANSLATION_DETAIL_ONLY_FIELDS,
    TranslationRefDict,
    TranslationStatusDict,
)
from .api_params import StrictAPIViewSetMixin, strict_backends
from .headless.stored_responses import StoredResponsesMixin
from .headless.stored_surfaces import StoredRepresentationsMixin
from .library_translation import content_language
from .models import Resource, Topic
from .models.library import ResourceKind
from .translation import translation_status, translations_map

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def filter_by_topic(queryset: QuerySet, slug: str) -> QuerySet:
    """Resources tagged with the topic ``slug`` (or a translation of it); an unknown topic
    gives an empty list."""
    return queryset.with_topic(slug)


class ResourceKindTopicFilter:
    """``?kind=`` (one of the kinds, else 400), ``?topic=`` (a topic slug) and ``?locale=``
    (a configured language code, else 400)."""

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
        locale = request.GET.get("locale")
        if locale is not None:
            if locale not in LANGUAGE_CODES:
                raise BadRequestError(
                    f"locale must be one of: {', '.join(LANGUAGE_CODES)} (got '{locale}')"
                )
            queryset = queryset.for_language(locale)
        return queryset


class ResourcesAPIViewSet(
    StoredResponsesMixin, StoredRepresentationsMixin, StrictAPIViewSetMixin, BaseAPIViewSet
):
    """``/api/v2/resources/``: the resource library."""

    model = Resource
    name = "resources"
    filter_backends = strict_backends(
        [ResourceKindTopicFilter, FieldsFilter, OrderingFilter, SearchFilter]
    )
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(
        ["kind", "topic", "locale"]
    )
    # The fields themselves are Resource.api_fields, named as in v3.
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        "title",
        "locale",
        "kind",
        "kind_label",
        "summary",
        "url",
        "date",
        "hosts",
        "topics",
    ]
    # Translations and their parity cost queries per resource: detail views only.
    detail_only_fields = [*BaseAPIViewSet.detail_only_fields, *TRANSLATION_DETAIL_ONLY_FIELDS]
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
    locale: Literal[LANGUAGE_CODES] = Field(  # type: ignore[valid-type]
        ..., alias="locale.language_code", description="The language it is written in."
    )
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


class ResourceDetailSchema(ResourceSchema):
    """One library resource, with its translations and their parity (as on pages)."""

    translations: dict[str, TranslationRefDict] = Field(
        ..., description="Its live translations: language code → {id, url}."
    )
    translation_status: TranslationStatusDict = Field(
        ..., description="Translation parity: up to date, stale (since, which fields), missing."
    )

    @staticmethod
    def resolve_translations(obj, context) -> dict:
        return translations_map(obj, context["request"])

    @staticmethod
    def resolve_translation_status(obj, context) -> dict:
        return translation_status(obj, context["request"])


# Orderings of the resource list: fields with one value per resource that the search index
# can also order by (Resource.search_fields), so ``search`` and ``order`` combine.
RESOURCE_ORDERINGS = ("-date", "date", "title", "-title", "kind", "-kind", "id", "-id")


class ResourceFilters(FilterSchema):
    kind: ResourceKind | None = None
    locale: Literal[LANGUAGE_CODES] | None = Field(  # type: ignore[valid-type]
        None,
        description="What a reader of this language sees: its resources, and the default "
        "language's resources not translated into it.",
    )
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

    def filter_locale(self, value) -> Q:
        return Q()  # applied in list_resources: the reader's view, not a plain lookup


router = Router(tags=["resources"])


@router.get("/", response=list[ResourceSchema], summary="List library resources")
@paginate(WagtailLimitOffsetPagination)
def list_resources(request, filters: Query[ResourceFilters]):
    queryset = filters.filter(
        Resource.objects.public().with_listing_data().order_by(*filters.ordering())
    )
    if filters.topic:
        queryset = filter_by_topic(queryset, filters.topic)
    if filters.locale:
        queryset = queryset.for_language(filters.locale)
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
def resource_topics(request, locale: Literal[LANGUAGE_CODES] | None = None):  # type: ignore[valid-type]
    """Every topic of at least one resource, by name, with how many resources; with
    ``locale``, the topics a reader of that language sees (``Topic.objects.for_language``)."""
    topics = Topic.objects.all() if locale is None else Topic.objects.for_language(locale)
    return (
        topics.annotate(count=Count("resources", distinct=True))
        .filter(count__gt=0)
        .order_by("name")
        .values("name", "slug", "count")
    )


@router.get("/{int:resource_id}/", response=ResourceDetailSchema, summary="One library resource")
def resource_detail(request, resource_id: int):
    if resource_id > 2**31 - 1:
        raise HttpError(404, "No resource matches the given id.")
    return get_object_or_404(Resource.objects.public().with_listing_data(), pk=resource_id)


class ContentLanguagePageSerializer(PageSerializer):
    """API v2's page serialiser, showing the resources a page chooses in the page's language."""

    def to_representation(self, instance):
        with content_language(instance.locale.language_code):
            return super().to_representation(instance)


__all__ = ["ContentLanguagePageSerializer", "ResourcesAPIViewSet", "Topic", "router"]

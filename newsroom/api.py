"""API endpoints for press releases: tag, year and date-range filters, newest first.

- v2: ``ReleasesAPIViewSet`` (below).
- v3: ``router``, a listing that drives a newsroom page in one request (each release's
  listing fields: summary, date, status, hero image, tags), and ``/tags/``, the tags in use
  with their counts. Mount it with ``api_v3.add_router("/releases/", router)``.

Wagtail's ``pages`` endpoint already lists releases (``?type=newsroom.NewsArticlePage``),
filters them by exact field values (``&tags=housing``) and orders them
(``&order=-release_date,-id``). This endpoint adds what it cannot do: date ranges, a tag
filter by name or slug, and the newsroom's own order by default (the HTML list's order).
Register it in the project's API router::

    from newsroom.api import ReleasesAPIViewSet
    api_v2.register_endpoint("releases", ReleasesAPIViewSet)
"""

import datetime
from typing import Literal

from django.db.models import Count, Q
from django.urls import reverse
from ninja import Field, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate
from rest_framework.filters import BaseFilterBackend
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.utils import get_full_url
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

from equity.api_fields import (
    TRANSLATION_DETAIL_ONLY_FIELDS,
    ImageRenditionDict,
    rendition_for_api,
)
from equity.api_params import StrictAPIViewSetMixin, strict_backends
from equity.headless.stored_responses import StoredResponsesMixin
from equity.headless.stored_surfaces import StoredRepresentationsMixin

from .api_fields import ReleaseStatusDict
from .models import RELEASE_ORDERING, NewsArticlePage, NewsArticleTag, release_queryset


def filter_releases(
    queryset,
    tags: list[str] = (),
    year: int | None = None,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
):
    """Releases with every one of ``tags`` (each a slug or a name, any case), released in
    ``year`` and between ``start`` and ``end`` (inclusive). Both APIs filter through here."""
    for tag in tags:
        tag = tag.strip()
        if tag:
            tagged = NewsArticlePage.objects.filter(Q(tags__slug=tag) | Q(tags__name__iexact=tag))
            queryset = queryset.filter(pk__in=tagged.values("pk"))
    if start is not None:
        queryset = queryset.filter(release_date__gte=start)
    if end is not None:
        queryset = queryset.filter(release_date__lte=end)
    if year is not None:
        # A range rather than __year, whose bounds overflow for year 9999.
        first, last = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
        queryset = queryset.filter(release_date__gte=first, release_date__lte=last)
    return queryset


def parse_date(name: str, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a date in the form YYYY-MM-DD") from error


class ReleaseFilter(BaseFilterBackend):
    """``?tag=`` (name or slug; repeat for all of several), ``?year=``,
    ``?release_date_from=`` and ``?release_date_to=`` (inclusive, YYYY-MM-DD)."""

    def filter_queryset(self, request, queryset, view):
        start = end = year = None
        if "release_date_from" in request.GET:
            start = parse_date("release_date_from", request.GET["release_date_from"])
        if "release_date_to" in request.GET:
            end = parse_date("release_date_to", request.GET["release_date_to"])
        if "year" in request.GET:
            year = request.GET["year"]
            if not (year.isdigit() and 1 <= int(year) <= 9999):
                raise BadRequestError("year must be a number from 1 to 9999")
            year = int(year)
        return filter_releases(queryset, request.GET.getlist("tag"), year, start, end)


class ReleasesAPIViewSet(
    StoredResponsesMixin, StoredRepresentationsMixin, StrictAPIViewSetMixin, PagesAPIViewSet
):
    """Live, public press releases, newest first (the newsroom page's order)."""

    model = NewsArticlePage
    name = "releases"
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, *TRANSLATION_DETAIL_ONLY_FIELDS]
    filter_backends = [ReleaseFilter, *strict_backends(PagesAPIViewSet.filter_backends)]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        ["tag", "year", "release_date_from", "release_date_to"]
    )

    def get_queryset(self):
        visible = self.get_base_queryset().values("pk")
        return (
            release_queryset(self.model, full=True)
            .filter(pk__in=visible)
            .order_by(*RELEASE_ORDERING)
        )


# ---------------------------------------------------------------------------------------- v3

HERO_IMAGE_SPEC = "fill-1200x630"  # as the release detail's hero_image
# Every ordering ends with the id, so pages of a list never overlap or skip.
RELEASE_ORDERINGS = {
    "-release_date": ("-release_date", "-id"),
    "release_date": ("release_date", "id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "id": ("id",),
    "-id": ("-id",),
}


class TagSchema(Schema):
    name: str
    slug: str


class TagCountSchema(TagSchema):
    count: int = Field(..., description="Live, public releases with this tag.")


class ReleaseListItemSchema(Schema):
    """What a newsroom list shows of a release, without a detail request per release."""

    id: int
    title: str
    slug: str
    html_url: str | None = Field(None, description="The release's page on the site.")
    detail_url: str = Field(..., description="Its full representation: /api/v3/pages/{id}/.")
    release_date: datetime.date
    summary: str
    status: ReleaseStatusDict
    embargo_until: datetime.datetime | None
    hero_image: ImageRenditionDict | None
    tags: list[TagSchema]

    @staticmethod
    def resolve_html_url(page, context) -> str | None:
        return page.get_full_url(context["request"])

    @staticmethod
    def resolve_detail_url(page, context) -> str:
        # The API's base URL (WAGTAILAPI_BASE_URL, from PUBLIC_BASE_URL), as Wagtail's own
        # detail_url: never the Host header this request happened to arrive with.
        path = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
        return get_full_url(context["request"], path)

    @staticmethod
    def resolve_status(page) -> dict:
        return {"code": page.release_status, "label": page.release_line}

    @staticmethod
    def resolve_hero_image(page) -> dict | None:
        image = page.hero_image
        alt = page.hero_image_alt or getattr(image, "description", "")
        return rendition_for_api(image, HERO_IMAGE_SPEC, alt)

    @staticmethod
    def resolve_tags(page) -> list[dict]:
        tags = sorted(page.tags.all(), key=lambda tag: tag.name.lower())
        return [{"name": tag.name, "slug": tag.slug} for tag in tags]


class ReleaseFilters(FilterSchema):
    tag: list[str] = Field([], description="A tag slug or name; repeat to require all of several.")
    year: int | None = Field(None, ge=1, le=9999)
    release_date_from: datetime.date | None = Field(None, description="Inclusive.")
    release_date_to: datetime.date | None = Field(None, description="Inclusive.")
    order: Literal[tuple(RELEASE_ORDERINGS)] = Field(  # type: ignore[valid-type]
        "-release_date", description="Newest first by default (the newsroom's order)."
    )

    def filter(self, queryset):
        queryset = filter_releases(
            queryset, self.tag, self.year, self.release_date_from, self.release_date_to
        )
        return queryset.order_by(*RELEASE_ORDERINGS[self.order])


def visible_releases(request):
    """Live, public releases of the request's site (as every other public list)."""
    visible = get_public_pages_queryset(request, NewsArticlePage).values("pk")
    return release_queryset(NewsArticlePage).filter(pk__in=visible)


router = Router(tags=["releases"])


@router.get("/", response=list[ReleaseListItemSchema], summary="List press releases")
@paginate(WagtailLimitOffsetPagination)
def list_releases(request, filters: Query[ReleaseFilters]):
    queryset = visible_releases(request).select_related("hero_image")
    return filters.filter(queryset.prefetch_related("hero_image__renditions"))


@router.get("/tags/", response=list[TagCountSchema], summary="Tags in use, with counts")
def release_tags(request):
    """Every tag of at least one live, public release, by name, with how many releases."""
    rows = (
        NewsArticleTag.objects.filter(content_object__in=visible_releases(request).values("pk"))
        .values("tag__name", "tag__slug")
        .annotate(count=Count("content_object", distinct=True))
        .order_by("tag__name")
    )
    return [{"name": r["tag__name"], "slug": r["tag__slug"], "count": r["count"]} for r in rows]

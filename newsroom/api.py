"""A v2 API endpoint for press releases: tag, year and date-range filters, newest first.

Wagtail's ``pages`` endpoint already lists releases (``?type=newsroom.NewsArticlePage``),
filters them by exact field values (``&tags=housing``) and orders them
(``&order=-release_date,-id``). This endpoint adds what it cannot do: date ranges, a tag
filter by name or slug, and the newsroom's own order by default (the HTML list's order).
Register it in the project's API router::

    from newsroom.api import ReleasesAPIViewSet
    api_v2.register_endpoint("releases", ReleasesAPIViewSet)
"""

import datetime

from django.db.models import Q
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet

from equity.api_fields import TRANSLATION_DETAIL_ONLY_FIELDS

from .models import RELEASE_ORDERING, NewsArticlePage, release_queryset


def parse_date(name: str, value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise BadRequestError(f"{name} must be a date in the form YYYY-MM-DD") from error


class ReleaseFilter(BaseFilterBackend):
    """``?tag=`` (name or slug; repeat for all of several), ``?year=``,
    ``?release_date_from=`` and ``?release_date_to=`` (inclusive, YYYY-MM-DD)."""

    def filter_queryset(self, request, queryset, view):
        for tag in request.GET.getlist("tag"):
            tag = tag.strip()
            if tag:
                tagged = NewsArticlePage.objects.filter(
                    Q(tags__slug=tag) | Q(tags__name__iexact=tag)
                )
                queryset = queryset.filter(pk__in=tagged.values("pk"))
        if "release_date_from" in request.GET:
            start = parse_date("release_date_from", request.GET["release_date_from"])
            queryset = queryset.filter(release_date__gte=start)
        if "release_date_to" in request.GET:
            end = parse_date("release_date_to", request.GET["release_date_to"])
            queryset = queryset.filter(release_date__lte=end)
        if "year" in request.GET:
            year = request.GET["year"]
            if not (year.isdigit() and 1 <= int(year) <= 9999):
                raise BadRequestError("year must be a number from 1 to 9999")
            queryset = queryset.filter(release_date__year=int(year))
        return queryset


class ReleasesAPIViewSet(PagesAPIViewSet):
    """Live, public press releases, newest first (the newsroom page's order)."""

    model = NewsArticlePage
    name = "releases"
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, *TRANSLATION_DETAIL_ONLY_FIELDS]
    filter_backends = [ReleaseFilter, *PagesAPIViewSet.filter_backends]
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

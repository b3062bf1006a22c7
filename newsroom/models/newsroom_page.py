"""The newsroom (``NewsroomPage``): the list of its releases, filterable by tag and year and
paginated, with RSS and Atom feeds."""

import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models.functions import Cast, Substr
from django.http import Http404
from django.shortcuts import redirect
from taggit.models import Tag
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from equity.api_fields import seo_api_fields, translation_api_fields
from equity.forms import SchedulePageForm
from equity.headless.content_cache import cached
from equity.models.mixins import LiveRevisionMixin, OnePerSiteMixin
from equity.preview import FrontEndPreviewMixin

from ..feeds import NewsroomAtomFeed, NewsroomRSSFeed
from .queries import page_rows, release_queryset

RELEASES_PER_PAGE = 10


def parse_positive_int(value: str | None) -> int | None:
    """``None`` for a missing value; raise 404 for anything that is not an integer."""
    if value is None or value == "":
        return None
    try:
        return int(value.strip())
    except ValueError as error:
        raise Http404("Not a number") from error


class NewsroomPageMixin(
    LiveRevisionMixin, FrontEndPreviewMixin, OnePerSiteMixin, RoutablePageMixin, models.Model
):
    """The list of releases, filterable by tag and year, with RSS and Atom feeds."""

    intro = RichTextField(
        blank=True, features=["bold", "italic", "link"], help_text="A sentence above the list."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", writable=True), *seo_api_fields(), *translation_api_fields()]

    parent_page_types = getattr(settings, "NEWSROOM_PAGE_PARENT_TYPES", None)
    subpage_types = ["newsroom.NewsArticlePage"]
    base_form_class = SchedulePageForm

    class Meta:
        abstract = True

    def releases(self, tag: str | None = None, year: int | None = None):
        queryset = release_queryset().child_of(self)
        if tag:
            queryset = queryset.filter(tags__slug=tag)
        if year:
            # Up to 31 December inclusive: the next 1 January does not exist for year 9999.
            queryset = queryset.filter(
                release_date__gte=datetime.date(year, 1, 1),
                release_date__lte=datetime.date(year, 12, 31),
            )
        return queryset

    def filter_url(self, tag: str | None = None, year: int | None = None, page: int = 1) -> str:
        """The one stable address of a filter combination: tag, then year, then page."""
        params = [("tag", tag), ("year", year), ("page", page if page > 1 else None)]
        query = urlencode([(key, value) for key, value in params if value])
        return f"{self.url}?{query}" if query else self.url

    def read_filters(self, request) -> tuple[str | None, int | None]:
        tag = (request.GET.get("tag") or "").strip() or None
        year = parse_positive_int(request.GET.get("year"))
        if year is not None and not 1 <= year <= 9999:
            raise Http404("No such year")
        return tag, year

    @path("")
    def index_route(self, request):
        tag, year = self.read_filters(request)
        requested = parse_positive_int(request.GET.get("page"))
        if requested == 1:
            # The first page has one address: the list's own, without ?page=1.
            return redirect(self.filter_url(tag, year))
        releases = self.releases(tag, year)
        paginator = Paginator(releases, RELEASES_PER_PAGE)
        # Counting every matching release is the costly part of a page; the count only
        # changes on publication, so it is kept until then.
        paginator.count = cached("newsroom-count", releases.count, self.pk, tag, year)
        try:
            page_obj = paginator.page(1 if requested is None else requested)
        except EmptyPage:
            # Zero, negative or past the last page: not found, as the library and search
            # answer (Django's paginated views do the same).
            raise Http404("There is no such page of releases.") from None
        valid = page_obj.number
        page_obj.object_list = page_rows(page_obj.object_list)
        return self.render(
            request,
            context_overrides={
                "releases": page_obj.object_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "selected_tag": tag,
                "selected_year": year,
                "tag_choices": self.tag_choices(),
                "year_choices": self.year_choices(),
                "previous_url": self.filter_url(tag, year, valid - 1)
                if page_obj.has_previous()
                else None,
                "next_url": self.filter_url(tag, year, valid + 1) if page_obj.has_next() else None,
                "rss_url": self.feed_url("rss", tag),
                "atom_url": self.feed_url("atom", tag),
            },
        )

    def get_cached_paths(self) -> list[str]:
        """The newsroom's own address and its feeds, relative to it: what a front-end cache
        purges when a release of it changes (Wagtail's ``get_cached_paths``)."""
        return ["/", *(self.reverse_subpage(f"{kind}_feed") for kind in ("rss", "atom"))]

    def feed_url(self, kind: str, tag: str | None = None, full: bool = False, request=None) -> str:
        base = self.get_full_url(request) if full else self.url
        url = base + self.reverse_subpage(f"{kind}_feed")
        return f"{url}?{urlencode({'tag': tag})}" if tag else url

    def tag_choices(self) -> list:
        """Tags used by at least one live, public release of this newsroom (kept until the
        next publication: the query reads every release)."""

        def compute():
            ids = self.releases().order_by().values("pk")
            return list(
                Tag.objects.filter(newsroom_newsarticletag_items__content_object__in=ids)
                .distinct()
                .order_by("name")
            )

        return cached("newsroom-tags", compute, self.pk)

    def year_choices(self) -> list[int]:
        """Years with at least one live, public release, newest first (kept until the next
        publication)."""

        def compute():
            # The year as the first four characters of the ISO date, computed by the
            # database itself (``.dates()`` runs a Python function per row on SQLite).
            year = Substr(Cast("release_date", output_field=models.CharField()), 1, 4)
            years = self.releases().order_by().annotate(year=year).values_list("year", flat=True)
            return sorted({int(value) for value in years.distinct()}, reverse=True)

        return cached("newsroom-years", compute, self.pk)

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        tag, _year = self.read_filters(request)
        return NewsroomRSSFeed(self, tag)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        tag, _year = self.read_filters(request)
        return NewsroomAtomFeed(self, tag)(request)


class NewsroomPage(NewsroomPageMixin, Page):
    """The newsroom: every press release, newest first."""

    template = "newsroom/newsroom_page.html"

    class Meta:
        verbose_name = "newsroom"

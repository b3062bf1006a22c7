"""The resource library's public page: every resource a reader of the page's language may
see (``Resource.objects.for_language``), filterable by kind and topic, searchable through
Wagtail search."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..api_fields import seo_api_fields, translation_api_fields
from ..forms import SchedulePageForm
from ..preview import FrontEndPreviewMixin
from ..rich_text import SHORT_RICH_TEXT_FEATURES
from .library import Resource, ResourceKind, Topic
from .mixins import LiveRevisionMixin


class ResourceLibraryPageMixin(LiveRevisionMixin, FrontEndPreviewMixin, models.Model):
    """The public library: every resource in the page's language (and the default language's
    untranslated ones), filterable by kind and topic, searchable."""

    intro = RichTextField(blank=True, features=SHORT_RICH_TEXT_FEATURES)
    per_page = models.PositiveSmallIntegerField(
        default=20, help_text="How many resources each page of the listing shows (5 to 100)."
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("per_page")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro", writable=True), *seo_api_fields(), *translation_api_fields()]

    parent_page_types = ["equity.EquityLandingPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    base_form_class = SchedulePageForm

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if not 5 <= (self.per_page or 0) <= 100:
            raise ValidationError({"per_page": "Show between 5 and 100 resources a page."})

    def serve(self, request, *args, **kwargs):
        """Each filter combination has one address: the filter form's raw submission
        (``?q=x&kind=&topic=``) redirects to the canonical ``?kind=…&q=…``."""
        if request.GET:
            filters = LibraryFilters.from_request(request)
            page_number = request.GET.get("page", "")
            canonical = filters.querystring(page=page_number)
            if canonical != request.GET.urlencode():
                return redirect(f"{self.get_url(request)}{'?' if canonical else ''}{canonical}")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = LibraryFilters.from_request(request)
        language = self.locale.language_code
        resources = filters.apply(Resource.objects.for_language(language))
        paginator = Paginator(resources, self.per_page or 20)
        try:
            listing = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            raise Http404("Page numbers are whole numbers.") from None
        except EmptyPage:
            raise Http404("There is no such page of resources.") from None
        # Fetch related rows for this page of results only.
        if filters.query:
            listing.object_list = list(listing.object_list)
            ids = [resource.pk for resource in listing.object_list]
            related = Resource.objects.public().with_listing_data().in_bulk(ids)
            listing.object_list = [related[pk] for pk in ids if pk in related]
        base = self.get_url(request) or ""
        context.update(
            filters=filters,
            resources=listing,
            previous_url=listing.has_previous()
            and f"{base}?{filters.querystring(page=listing.previous_page_number())}",
            next_url=listing.has_next()
            and f"{base}?{filters.querystring(page=listing.next_page_number())}",
            kinds=ResourceKind.choices,
            topics=Topic.objects.for_language(language),
        )
        return context


class LibraryFilters:
    """The library's filters, read from the query string and kept in every link."""

    def __init__(self, kind: str = "", topic: str = "", query: str = ""):
        self.kind = kind if kind in ResourceKind.values else ""
        self.topic = topic
        self.query = query.strip()[:200]

    @classmethod
    def from_request(cls, request) -> "LibraryFilters":
        return cls(
            kind=request.GET.get("kind", ""),
            topic=request.GET.get("topic", ""),
            query=request.GET.get("q", ""),
        )

    def apply(self, queryset):
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.topic:
            queryset = queryset.with_topic(self.topic)
        if self.query:
            # Wagtail search only filters on indexed fields: narrow by id, then search.
            return Resource.objects.public().filter(pk__in=queryset.values("pk")).search(self.query)
        return queryset.with_listing_data()

    def querystring(self, **overrides) -> str:
        """The canonical query string for these filters (and a page number), stable order."""
        values = {"kind": self.kind, "topic": self.topic, "q": self.query, **overrides}
        # Page 1 is the bare address, so each filter combination has one URL.
        if str(values.get("page")) == "1":
            values["page"] = None
        return urlencode({key: value for key, value in values.items() if value})

    @property
    def active(self) -> bool:
        return bool(self.kind or self.topic or self.query)


class ResourceLibraryPage(ResourceLibraryPageMixin, Page):
    """The resource library's public page."""

    template = "equity/resource_library_page.html"

    class Meta:
        verbose_name = "resource library page"

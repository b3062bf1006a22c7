"""The resource library: each webinar, publication, organisation, toolkit or report is edited
once here and referenced from pages (``ResourceChooserBlock``) instead of being retyped.

``ResourceLibraryPage`` is the library's public listing, filterable by kind and topic and
searchable through Wagtail search.
"""

from urllib.parse import urlencode

import swapper
from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from rest_framework import fields as api
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PublishingPanel,
)
from wagtail.api import APIField
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    Page,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from ..api_fields import seo_api_fields, translation_api_fields
from ..forms import ScheduleModelForm, SchedulePageForm
from ..preview import FrontEndPreviewMixin
from ..rich_text import SHORT_RICH_TEXT_FEATURES
from ..validators import validate_safe_url
from .mixins import LiveBaselineRevisionMixin, LiveRevisionMixin

swapper.set_app_prefix("wagtailcore", "wagtail")


class Topic(models.Model):
    """A theme a resource is about (racial equity, anti-hate, youth, …), used as a filter."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Used in filter addresses.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ResourceKind(models.TextChoices):
    WEBINAR = "webinar", "Webinar or video"
    PUBLICATION = "publication", "Publication"
    ORGANISATION = "organisation", "Organisation"
    TOOLKIT = "toolkit", "Toolkit or template"
    REPORT = "report", "Report"


class ResourceQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def public(self) -> "ResourceQuerySet":
        """What the public may see: published resources. A published resource's row holds
        its live version (a draft edit is only a revision until it is published); a
        resource never published, unpublished or expired is not ``live``."""
        return self.filter(live=True)

    def with_listing_data(self) -> "ResourceQuerySet":
        """Everything a listing shows, in a fixed number of queries however many resources."""
        return self.select_related("document").prefetch_related(
            "topics",
            Prefetch("hosts", queryset=ResourceHost.objects.order_by("sort_order")),
            Prefetch(
                "reading_list", queryset=ResourceReadingListItem.objects.order_by("sort_order")
            ),
        )


class Resource(
    LiveBaselineRevisionMixin,
    WorkflowMixin,
    DraftStateMixin,
    LockableMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One entry of the library, edited as a Wagtail snippet with drafts, revisions, preview,
    scheduling, locking and the review workflow (the public sees only the live version:
    ``Resource.objects.public()``)."""

    title = models.CharField(max_length=255)
    kind = models.CharField(max_length=20, choices=ResourceKind.choices, db_index=True)
    summary = models.TextField(help_text="Two or three sentences: what it is and who it helps.")
    url = models.URLField(
        "URL",
        blank=True,
        max_length=500,
        validators=[validate_safe_url],
        help_text="Where to watch, read or visit it (an http:// or https:// address).",
    )
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Or a file in the document library (a URL, a document or both).",
    )
    date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When it was first offered or published (optional).",
    )
    date_precision = models.CharField(
        "date shows",
        max_length=5,
        choices=[("day", "The day"), ("month", "The month only (a monthly issue)")],
        default="day",
    )
    free_to_watch = models.BooleanField(
        default=False, help_text="For webinars and videos: shown as a “Free to watch” badge."
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="resources")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResourceQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("url"), FieldPanel("document")], heading="Where to find it"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("date_precision")]),
        FieldPanel("free_to_watch"),
        InlinePanel("hosts", heading="Host organisations", label="Host organisation"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        InlinePanel(
            "reading_list",
            heading="Reading list",
            label="Reading list item",
            help_text="For organisations: their material worth reading first.",
        ),
        # Go-live and expiry dates, set from the status panel's "Set schedule" dialog.
        PublishingPanel(),
    ]
    base_form_class = ScheduleModelForm
    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        # Filter fields are also what a search result can be ordered by (API ``?order=``).
        index.FilterField("title"),
        # The kind's label too, so "webinar" or "toolkit" finds the resources of that kind.
        index.SearchField("get_kind_label"),
        index.FilterField("kind"),
        index.FilterField("id"),
        index.FilterField("date"),
        index.FilterField("live"),
    ]
    # The v2 API's fields, named as in v3's ResourceSchema (one name per concept):
    # ``url`` is where to send a reader (the URL, else the document), ``hosts`` and
    # ``topics`` are names and slugs, ``reading_list`` is {title, url, description}.
    api_fields = [
        APIField("title"),
        APIField("kind"),
        APIField("kind_label", serializer=api.CharField(source="get_kind_label", read_only=True)),
        APIField("summary"),
        APIField("url", serializer=api.CharField(source="href", read_only=True)),
        APIField("date"),
        APIField("date_precision"),
        APIField("free_to_watch"),
        APIField(
            "hosts",
            serializer=api.ListField(child=api.CharField(), source="host_names", read_only=True),
        ),
        APIField(
            "topics",
            serializer=api.ListField(child=api.CharField(), source="topic_slugs", read_only=True),
        ),
        APIField(
            "reading_list",
            serializer=api.ListField(
                child=api.DictField(), source="reading_list_entries", read_only=True
            ),
        ),
    ]

    class Meta:
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["kind", "date"])]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if not self.url and not self.document_id:
            raise ValidationError(
                {"url": "Give a URL or choose a document, so readers can reach the resource."}
            )

    @property
    def href(self) -> str:
        """The address to send a reader to: the URL, else the document's download address."""
        if self.url:
            return self.url
        return self.document.url if self.document is not None else ""

    @property
    def host_names(self) -> list[str]:
        return [host.name for host in self.hosts.all()]

    @property
    def topic_slugs(self) -> list[str]:
        return [topic.slug for topic in self.topics.all()]

    @property
    def reading_list_entries(self) -> list[dict]:
        return [
            {"title": item.title, "url": item.url, "description": item.description}
            for item in self.reading_list.all()
        ]

    def get_kind_label(self) -> str:
        return ResourceKind(self.kind).label if self.kind in ResourceKind.values else ""

    def get_preview_template(self, request, mode_name):
        return "equity/resource_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "resource": self}

    def summary_for_api(self) -> dict:
        """The small object pages embed when they reference this resource."""
        return {
            "id": self.pk,
            "title": self.title,
            "kind": self.kind,
            "url": self.href,
            "summary": self.summary,
        }


class ResourceHost(Orderable):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="hosts")
    name = models.CharField(max_length=200)

    panels = [FieldPanel("name")]

    def __str__(self) -> str:
        return self.name


class ResourceReadingListItem(Orderable):
    resource = ParentalKey(Resource, on_delete=models.CASCADE, related_name="reading_list")
    title = models.CharField(max_length=255)
    url = models.URLField("URL", max_length=500, validators=[validate_safe_url])
    description = models.CharField(max_length=400, help_text="One line on why it is worth reading.")

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("description")]

    def __str__(self) -> str:
        return self.title


class ResourceLibraryPageMixin(LiveRevisionMixin, FrontEndPreviewMixin, models.Model):
    """The public library: every resource, filterable by kind and topic, searchable."""

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
        resources = filters.apply(Resource.objects.public())
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
            topics=Topic.objects.all(),
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
            queryset = queryset.filter(
                pk__in=Resource.topics.through.objects.filter(topic__slug=self.topic).values(
                    "resource_id"
                )
            )
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

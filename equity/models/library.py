"""The resource library: each webinar, publication, organisation, toolkit or report is edited
once here and referenced from pages (``ResourceChooserBlock``) instead of being retyped.

Resources and topics are translatable (Wagtail's ``TranslatableMixin``): a Spanish resource
is the translation of an English one (same ``translation_key``). What a reader of a language
sees is ``Resource.objects.for_language(code)``: the resources written in it, and the default
language's resources that have no live translation in it (so a Spanish library is never
emptier than the English one). ``ResourceLibraryPage`` (``library_page``) is the public listing.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
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
from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    Orderable,
    PreviewableMixin,
    RevisionMixin,
    TranslatableMixin,
    WorkflowMixin,
)
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from ..api_fields import translation_api_fields
from ..forms import ScheduleModelForm
from ..validators import validate_safe_url
from .mixins import LiveBaselineRevisionMixin


def in_language(queryset: models.QuerySet, language_code: str) -> Q:
    """``Q`` for the rows of ``queryset``'s model a reader of ``language_code`` sees: those
    in that language, and the default language's rows without a translation in it among
    ``queryset`` (e.g. the live ones). As ``pk__in`` so Wagtail search can filter by it."""
    own = Q(locale__language_code=language_code)
    if language_code != settings.LANGUAGE_CODE:
        translated = queryset.filter(own).values("translation_key")
        own |= Q(locale__language_code=settings.LANGUAGE_CODE) & ~Q(translation_key__in=translated)
    return Q(pk__in=queryset.filter(own).values("pk"))


class TopicQuerySet(models.QuerySet):
    def for_language(self, language_code: str) -> "TopicQuerySet":
        """The topics a reader of ``language_code`` sees (see ``in_language``)."""
        return self.filter(in_language(Topic.objects.all(), language_code))

    def keys_for_slug(self, slug: str) -> "TopicQuerySet":
        """The ``translation_key`` of the topic(s) called ``slug`` in any language: a filter by
        topic matches every translation of it (a Spanish resource may still be tagged with
        an English topic that has no Spanish translation yet, or the other way round)."""
        return self.filter(slug=slug).values("translation_key")


class Topic(TranslatableMixin, models.Model):
    """A theme a resource is about (racial equity, anti-hate, youth, …), used as a filter.
    Names and slugs are unique within a language."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, help_text="Used in filter addresses.")

    objects = TopicQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="equity_topic_slug_per_locale"),
            models.UniqueConstraint(fields=["name", "locale"], name="equity_topic_name_per_locale"),
        ]

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

    def for_language(self, language_code: str) -> "ResourceQuerySet":
        """What a reader of ``language_code`` sees: the published resources in that language,
        and the default language's published resources without a published translation in
        it (see ``in_language``)."""
        public = Resource.objects.public()
        return self.filter(live=True).filter(in_language(public, language_code))

    def with_topic(self, slug: str) -> "ResourceQuerySet":
        """Resources tagged with the topic ``slug`` or any translation of it (an unknown slug
        gives an empty list)."""
        tagged = Resource.topics.through.objects.filter(
            topic__translation_key__in=Topic.objects.keys_for_slug(slug)
        ).values("resource_id")
        return self.filter(pk__in=tagged)

    def with_reader_versions(self, language_code: str | None = None) -> "ResourceQuerySet":
        """Each resource fetched with its live translation in the reader's language (one more
        query, only when a resource is in another language): what a page shows in place of a
        chosen resource (``equity.library_translation.reader_version``)."""
        from ..library_translation import ReaderVersionIterable

        clone = self._chain()
        clone._iterable_class = ReaderVersionIterable
        clone._reader_language = language_code
        return clone

    def _clone(self):
        clone = super()._clone()
        clone._reader_language = getattr(self, "_reader_language", None)
        return clone

    def with_listing_data(self) -> "ResourceQuerySet":
        """Everything a listing shows, in a fixed number of queries however many resources."""
        return self.select_related("document", "locale").prefetch_related(
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
    # After the draft and revision mixins, as in Wagtail's own Page and snippets.
    TranslatableMixin,
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
        index.FilterField("locale"),
    ]
    # The v2 API's fields, named as in v3's ResourceSchema (one name per concept):
    # ``url`` is where to send a reader (the URL, else the document), ``hosts`` and
    # ``topics`` are names and slugs, ``reading_list`` is {title, url, description}.
    api_fields = [
        APIField("title"),
        APIField("locale", serializer=api.CharField(source="locale.language_code", read_only=True)),
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
        # ``translations`` and ``translation_status``, as on pages (detail view only in v2).
        *translation_api_fields(),
    ]

    class Meta(TranslatableMixin.Meta):
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

"""Press releases (``NewsArticlePage``): dated, attributed, optionally embargoed, with their
tags, media contacts and related pages."""

import datetime

import swapper
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.text import format_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from equity.api_fields import ImageWithAltField, seo_api_fields, translation_api_fields
from equity.forms import SchedulePageForm
from equity.headless.links import is_public
from equity.models.mixins import HeroImageMixin, LiveRevisionMixin
from equity.preview import FrontEndPreviewMixin

from ..api_fields import (
    AboutField,
    ContactsField,
    EmbargoField,
    RelatedPagesField,
    ReleaseStatusField,
    TagsField,
)
from ..blocks import NewsArticleStreamBlock
from .contacts import MediaContact, public_contacts
from .site_settings import NewsroomSettings


class NewsArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.NewsArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class NewsArticleContact(Orderable):
    """A media contact on one release, in the editor's order."""

    page = ParentalKey(
        "newsroom.NewsArticlePage", on_delete=models.CASCADE, related_name="media_contacts"
    )
    contact = models.ForeignKey(
        MediaContact, on_delete=models.PROTECT, related_name="release_links"
    )

    panels = [FieldPanel("contact")]

    class Meta(Orderable.Meta):
        verbose_name = "media contact"

    def __str__(self) -> str:
        return f"“{self.page.title}” lists {self.contact}"


class NewsArticleRelatedPage(Orderable):
    """Another page of the site a journalist may want next."""

    page = ParentalKey(
        "newsroom.NewsArticlePage", on_delete=models.CASCADE, related_name="related_links"
    )
    related_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = "related page"


class ReleaseStatus(models.TextChoices):
    IMMEDIATE = "immediate", "For immediate release"
    EMBARGOED = "embargoed", "Embargoed"


class ReleaseForm(SchedulePageForm):
    """A release's admin form: the embargo field says which time zone its times are in (the
    one the admin shows and reads times in: the editor's, else the site's ``TIME_ZONE``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("embargo_until")
        if field is not None:
            zone = timezone.get_current_timezone_name()
            field.help_text = f"Times are in {zone}. {field.help_text}"


def today() -> datetime.date:
    return timezone.localdate()


class NewsArticlePageMixin(LiveRevisionMixin, FrontEndPreviewMixin, HeroImageMixin):
    """A press release: dated, attributed, with contacts at the top and "About" at the foot."""

    release_date = models.DateField(
        default=today, db_index=True, help_text="The date printed on the release."
    )
    byline = models.CharField(max_length=120, blank=True, help_text="Who wrote the release.")
    dateline = models.CharField(
        max_length=80, blank=True, help_text="Where the news comes from, e.g. “Sacramento”."
    )
    release_status = models.CharField(
        max_length=12, choices=ReleaseStatus.choices, default=ReleaseStatus.IMMEDIATE
    )
    embargo_until = models.DateTimeField(
        null=True,
        blank=True,
        help_text=format_lazy(
            "For an embargoed release: the date and time it may be reported, in {zone} (the "
            "site's time zone). The release is scheduled to go live then (never earlier), and "
            "its release date follows the embargo's day.",
            zone=settings.TIME_ZONE,
        ),
    )
    summary = models.TextField(
        max_length=600, help_text="One or two sentences for lists, feeds and search results."
    )
    body = StreamField(NewsArticleStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("release_date"), FieldPanel("dateline")]),
                FieldPanel("byline"),
                FieldRowPanel([FieldPanel("release_status"), FieldPanel("embargo_until")]),
            ],
            heading="Release",
        ),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading="Hero image"
        ),
        FieldPanel("tags"),
        FieldPanel("body"),
        InlinePanel("media_contacts", label="Media contacts", heading="Media contacts"),
        InlinePanel("related_links", label="Related pages", heading="Related pages"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("dateline"),
        index.SearchField("byline"),
        index.SearchField("body"),
        index.FilterField("release_date"),
    ]
    api_fields = [
        APIField("release_date", writable=True),
        APIField("release_status", serializer=ReleaseStatusField()),
        APIField("embargo_until", serializer=EmbargoField()),
        APIField("byline", writable=True),
        APIField("dateline", writable=True),
        APIField("summary", writable=True),
        APIField(
            "hero_image",
            serializer=ImageWithAltField("hero_image", "hero_image_alt", "fill-1200x630"),
        ),
        APIField("tags", serializer=TagsField()),
        APIField("body", writable=True),
        APIField("contacts", serializer=ContactsField(source="media_contacts")),
        APIField("related_pages", serializer=RelatedPagesField(source="related_links")),
        APIField("about", serializer=AboutField()),
        *seo_api_fields(),
        *translation_api_fields(),
    ]

    parent_page_types = ["newsroom.NewsroomPage"]
    subpage_types: list[str] = []
    base_form_class = ReleaseForm

    class Meta:
        abstract = True

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:  # the hero image's; reported with the release's own
            errors = error.update_error_dict(errors)
        if self.release_status == ReleaseStatus.EMBARGOED:
            if self.embargo_until is None:
                errors["embargo_until"] = "An embargoed release needs the date and time it lifts."
            else:
                # Whole seconds: the value survives revisions' JSON unchanged.
                self.embargo_until = self.embargo_until.replace(microsecond=0)
                if self.embargo_is_new_and_past():
                    errors["embargo_until"] = (
                        "This time has already passed: an embargo must lift in the future "
                        f"(times are in {timezone.get_current_timezone_name()}). For a "
                        "release that may be reported now, choose “For immediate release”."
                    )
                # The release is dated the day its embargo lifts, never earlier.
                lifts_on = timezone.localdate(self.embargo_until)
                if self.release_date is None or self.release_date < lifts_on:
                    self.release_date = lifts_on
            if self.embargo_until and (
                self.go_live_at is None or self.go_live_at < self.embargo_until
            ):
                # The embargo is the earliest moment the release may be live.
                self.go_live_at = self.embargo_until
        elif self.embargo_until is not None:
            errors["embargo_until"] = (
                "Only an embargoed release has an embargo time: clear it, or choose "
                "“Embargoed” as the release status."
            )
        if errors:
            raise ValidationError(errors)

    def embargo_is_new_and_past(self) -> bool:
        """An embargo time in the past that is not this release's used-up embargo: refused.

        A live release keeps the embargo it went live with (saving it again must not fail);
        any other past embargo would publish at once under a stale "Embargoed until" line."""
        if self.embargo_until is None or self.embargo_until > timezone.now():
            return False
        if self.pk is None or not self.live:
            return True
        stored = type(self).objects.filter(pk=self.pk).values_list("embargo_until", flat=True)
        used = stored.first()
        return used is None or used.replace(microsecond=0) != self.embargo_until.replace(
            microsecond=0
        )

    def about_paragraph(self, request=None) -> tuple[str, str]:
        """``(heading, text)``: the newsroom settings' "About" paragraph in this release's
        language, from the request's site (without a request: the release's own site, else
        the default site). ``text`` is rich text in the database format."""
        if request is not None:
            newsroom_settings = NewsroomSettings.for_request(request)
        else:
            site = self.get_site() or Site.objects.filter(is_default_site=True).first()
            newsroom_settings = NewsroomSettings.for_site(site)
        return newsroom_settings.about_for(self.locale)

    @property
    def is_embargoed(self) -> bool:
        return self.release_status == ReleaseStatus.EMBARGOED and self.embargo_until is not None

    @property
    def embargo_in_force(self) -> bool:
        """Embargoed and the embargo has not lifted yet (a draft or preview before it)."""
        return self.is_embargoed and self.embargo_until > timezone.now()

    @property
    def current_release_status(self) -> str:
        """``embargoed`` while the embargo is in force, ``immediate`` once it has lifted."""
        return ReleaseStatus.EMBARGOED if self.embargo_in_force else ReleaseStatus.IMMEDIATE

    @property
    def release_line(self) -> str:
        """What a journalist reads first: the embargo while it is in force, else "For
        immediate release" (also once an embargo has lifted and the release is live)."""
        if self.embargo_in_force:
            moment = timezone.localtime(self.embargo_until)
            return f"Embargoed until {format_date(moment, 'j F Y, g:i A T')}"
        return ReleaseStatus.IMMEDIATE.label

    @property
    def published_at(self) -> datetime.datetime:
        """The moment feeds announce: the embargo's end, else the release date's start."""
        if self.is_embargoed:
            return self.embargo_until
        start = datetime.datetime.combine(self.release_date, datetime.time.min)
        return timezone.make_aware(start)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["contacts"] = public_contacts(self.media_contacts.select_related("contact"))
        # Only pages the public may open (live, not restricted): never a draft's title.
        context["related_pages"] = [
            link.related_page
            for link in self.related_links.select_related("related_page")
            if is_public(link.related_page, request)
        ]
        context["release_tags"] = sorted(self.tags.all(), key=lambda tag: tag.name.lower())
        context["newsroom_settings"] = NewsroomSettings.for_request(request)
        context["about_heading"], context["about_text"] = self.about_paragraph(request)
        # The newsroom this release belongs to: its tag links and feeds.
        context["newsroom"] = self.get_parent()
        return context


class NewsArticlePage(NewsArticlePageMixin, Page):
    """A press release or statement."""

    tags = ClusterTaggableManager(through=NewsArticleTag, blank=True)

    template = "newsroom/news_article_page.html"
    # v2 endpoints beside ``pages`` that list releases (the publication pipeline purges them).
    api_endpoints = ("releases",)

    class Meta:
        verbose_name = "press release"

"""Page types of the Advancing Equity hub.

Each page type's behaviour lives in an abstract mixin (``EquityLandingPageMixin``) and the
concrete page class combines it with Wagtail's default ``Page``. This is the pattern Wagtail 8
documents for reusable apps: a project that swaps in its own base page model
(``WAGTAIL_PAGE_MODEL``) subclasses the mixin and its own base page instead.
"""

import swapper
from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api_fields import ImageWithAltField, seo_api_fields, translation_api_fields
from ..blocks import EquityLandingStreamBlock
from ..forms import SchedulePageForm
from ..preview import FrontEndPreviewMixin
from ..rich_text import SHORT_RICH_TEXT_FEATURES
from .mixins import HeroImageMixin, LiveRevisionMixin, OnePerSiteMixin

# Make swapper read WAGTAIL_PAGE_MODEL even if this app is listed above `wagtail`.
swapper.set_app_prefix("wagtailcore", "wagtail")


class EquityLandingPageMixin(
    LiveRevisionMixin, FrontEndPreviewMixin, OnePerSiteMixin, HeroImageMixin
):
    """The hub's front door, one per site: a hero, an optional intro and a body of sections."""

    hero_heading = models.CharField(
        max_length=160, help_text="The page's main heading (the only h1), e.g. “Advancing Equity”."
    )
    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="A short opening paragraph under the hero (optional).",
    )
    body = StreamField(EquityLandingStreamBlock(), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading="Hero",
        ),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [
        APIField("hero_heading", writable=True),
        APIField(
            "hero_image",
            serializer=ImageWithAltField("hero_image", "hero_image_alt", "fill-1600x600"),
        ),
        APIField("intro", writable=True),
        APIField("body", writable=True),
        *seo_api_fields(),
        *translation_api_fields(),
    ]

    # Where the page may go is the project's decision (e.g. ["home.HomePage"]); a reusable
    # app cannot name the project's home page type.
    parent_page_types = getattr(settings, "EQUITY_LANDING_PAGE_PARENT_TYPES", None)
    base_form_class = SchedulePageForm
    subpage_types = [
        "equity.EquityRoadmapPage",
        "equity.ResourceLibraryPage",
        "equity.EquityContentPage",
    ]

    class Meta:
        abstract = True


class EquityLandingPage(EquityLandingPageMixin, Page):
    """The Advancing Equity landing page (one per site)."""

    template = "equity/equity_landing_page.html"

    class Meta:
        verbose_name = "Advancing Equity landing page"

"""A general content page: an accessibility statement, an "about" page, a campaign page.

The hub's other page types are one per site; this is the page type an editor adds any number
of, under the site's home page or the hub, composed from the hub's blocks.
"""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..blocks import EquityLandingStreamBlock
from ..forms import SchedulePageForm
from ..preview import FrontEndPreviewMixin
from ..rich_text import SHORT_RICH_TEXT_FEATURES
from .mixins import LiveRevisionMixin


class EquityContentPageMixin(LiveRevisionMixin, FrontEndPreviewMixin, models.Model):
    """Title, a short intro and a body of the hub's sections; no limit on how many."""

    intro = RichTextField(
        blank=True,
        features=SHORT_RICH_TEXT_FEATURES,
        help_text="A short opening paragraph under the title (optional).",
    )
    body = StreamField(EquityLandingStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro", writable=True), APIField("body", writable=True)]

    # The hub always; the project adds its own home page type through
    # EQUITY_CONTENT_PAGE_PARENT_TYPES (a reusable app cannot name it).
    parent_page_types = [
        "equity.EquityLandingPage",
        *getattr(settings, "EQUITY_CONTENT_PAGE_PARENT_TYPES", []),
    ]
    subpage_types = ["equity.EquityContentPage"]
    base_form_class = SchedulePageForm

    class Meta:
        abstract = True


class EquityContentPage(EquityContentPageMixin, Page):
    """A general content page (any number, under the home page or the hub)."""

    template = "equity/equity_content_page.html"

    class Meta:
        verbose_name = "content page"

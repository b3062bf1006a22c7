"""The Equity Roadmap: priorities, the actions that deliver them, and progress computed from
the actions' statuses (never typed in)."""

import swapper
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from ..api_fields import ProgressField, seo_api_fields, translation_api_fields
from ..blocks import RoadmapStreamBlock
from ..forms import SchedulePageForm
from ..preview import FrontEndPreviewMixin
from ..rich_text import SHORT_RICH_TEXT_FEATURES
from ..roadmap import ACTION_STATUSES, progress_summary
from .mixins import LiveRevisionMixin

swapper.set_app_prefix("wagtailcore", "wagtail")

STATUS_VALUES = {status for status, _ in ACTION_STATUSES}


class EquityRoadmapPageMixin(LiveRevisionMixin, FrontEndPreviewMixin, models.Model):
    """A timeline of priorities and actions with their progress, filterable by status."""

    intro = RichTextField(blank=True, features=SHORT_RICH_TEXT_FEATURES)
    priorities = StreamField(RoadmapStreamBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("priorities")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("priorities"),
    ]
    api_fields = [
        APIField("intro", writable=True),
        APIField("priorities", writable=True),
        APIField("progress", serializer=ProgressField()),
        *seo_api_fields(),
        *translation_api_fields(),
    ]

    parent_page_types = ["equity.EquityLandingPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    base_form_class = SchedulePageForm

    class Meta:
        abstract = True

    @property
    def progress(self) -> dict:
        """Overall progress across every priority: complete, total, percent and by status."""
        return progress_summary(
            [
                action.get("status")
                for priority in self.priorities
                for action in priority.value.get("actions")
            ]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        status = request.GET.get("status", "")
        status = status if status in STATUS_VALUES else ""
        context["status_filter"] = status
        context["statuses"] = ACTION_STATUSES
        context["timeline"] = [
            {
                "priority": priority,
                "actions": [
                    action
                    for action in priority.value.get("actions")
                    if not status or action.get("status") == status
                ],
            }
            for priority in self.priorities
        ]
        return context


class EquityRoadmapPage(EquityRoadmapPageMixin, Page):
    """The Equity Roadmap page (a child of the landing page)."""

    template = "equity/equity_roadmap_page.html"

    class Meta:
        verbose_name = "equity roadmap page"

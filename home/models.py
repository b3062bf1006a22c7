"""The site root: a short welcome and the ways into the Advancing Equity hub."""

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from equity.api_fields import seo_api_fields
from equity.forms import SchedulePageForm
from equity.headless.content_cache import cached
from equity.models.mixins import LiveRevisionMixin
from newsroom.models import latest_releases


class HomePage(LiveRevisionMixin, Page):
    """The root page of a site. Lists the live sections below it (the hub, the newsroom)."""

    intro = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="A sentence or two under the site title.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    api_fields = [APIField("intro"), *seo_api_fields()]

    def get_cached_paths(self) -> list[str]:
        """The home page and the site's sitemap, which every publish changes (Wagtail's
        ``get_cached_paths``, read by the front-end cache purge)."""
        return ["/", "sitemap.xml"]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    base_form_class = SchedulePageForm

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = cached(
            "home-sections",
            lambda: list(self.get_children().live().public().in_menu().specific()),
            self.pk,
        )
        context["latest_releases"] = latest_releases(self, count=3)
        return context

"""The site root: a short welcome and the ways into the Advancing Equity hub."""

from django.conf import settings
from django.http import Http404
from django.utils.translation import get_language, override
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from equity.api_fields import seo_api_fields, translation_api_fields
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
    api_fields = [APIField("intro", writable=True), *seo_api_fields(), *translation_api_fields()]

    def get_cached_paths(self) -> list[str]:
        """The home page and the site's sitemap, which every publish changes (Wagtail's
        ``get_cached_paths``, read by the front-end cache purge)."""
        return ["/", "sitemap.xml"]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    base_form_class = SchedulePageForm

    class Meta:
        verbose_name = "home page"

    def route(self, request, path_components):
        """Route as Wagtail does; and for the API's lookup by path (``find/?html_path=``),
        which routes every path from the site's root page, a path whose first part is a
        language prefix (``/es/impulsar-la-equidad/``) continues in that language's home
        page. Page addresses never reach this: ``i18n_patterns`` takes the prefix off first
        and routes from the language's own home page, and only the default language's home
        page does this (so ``/es/es/…`` is not an address). A language without a live home
        page of its own has no addresses: ``/es/…`` is a 404, never the English page."""
        if get_language() != settings.LANGUAGE_CODE:
            # Wagtail routes /es/… from the site root's Spanish translation, or from the root
            # itself when there is none: then there is no Spanish site to show. (The site is
            # already cached on the request: no query.)
            site = Site.find_for_request(request)
            if site is not None and site.root_page_id == self.pk:
                raise Http404("This site has no home page in this language.")
        try:
            return super().route(request, path_components)
        except Http404:
            translation = self._translation_for_prefix(path_components)
            if translation is None:
                raise
            with override(translation.locale.language_code):
                return translation.specific.route(request, path_components[1:])

    def _translation_for_prefix(self, path_components):
        if not path_components or self.locale.language_code != settings.LANGUAGE_CODE:
            return None
        code = path_components[0]
        if code == settings.LANGUAGE_CODE or code not in dict(settings.LANGUAGES):
            return None
        return self.get_translations().filter(locale__language_code=code).live().first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = cached(
            "home-sections",
            lambda: list(self.get_children().live().public().in_menu().specific()),
            self.pk,
        )
        context["latest_releases"] = latest_releases(self, count=3)
        return context

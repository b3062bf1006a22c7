"""Template context the base layout needs on every page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from wagtail.models import Site

from equity.headless.content_cache import cached


def menu_pages(request) -> list:
    """The site's home page and its live, public, in-menu children, in the editors' order
    (the HTML menu and the API's navigation endpoint both show this list)."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    language = get_language()
    # The same on every page of the site in one language until the next publication.
    return cached("site-menu", lambda: _menu_in_language(site), site.pk, language)


def _menu_in_language(site):
    """The menu of the active language's home page (a translation of the site's root page,
    when it is live), else of the site's root page."""
    root = site.root_page
    if get_language() != settings.LANGUAGE_CODE:
        localized = root.localized
        root = localized if localized.live else root
    return [root, *root.get_children().live().public().in_menu()]


def site_menu(request):
    """The main navigation: the site's home page and its live, public, in-menu children.

    Lazy, so pages that never render the menu (API responses, 500 pages) pay nothing.
    """
    return {"site_menu": SimpleLazyObject(lambda: menu_pages(request))}

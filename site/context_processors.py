"""Template context the base layout needs on every page."""

from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from equity.headless.content_cache import cached


def menu_pages(request) -> list:
    """The site's home page and its live, public, in-menu children, in the editors' order
    (the HTML menu and the API's navigation endpoint both show this list)."""
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page
    # The same on every page of the site until the next publication.
    return cached(
        "site-menu", lambda: [root, *root.get_children().live().public().in_menu()], site.pk
    )


def site_menu(request):
    """The main navigation: the site's home page and its live, public, in-menu children.

    Lazy, so pages that never render the menu (API responses, 500 pages) pay nothing.
    """
    return {"site_menu": SimpleLazyObject(lambda: menu_pages(request))}

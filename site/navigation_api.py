"""``GET /api/v3/navigation/``: the site's main menu, as the HTML site shows it.

The items are ``cms_site.context_processors.menu_pages``: the site's home page, then its
live, public children marked "Show in menus", in the editors' order. Each item carries its
page's address on the site and its API detail address, so a front end draws the same menu
without walking the page tree.
"""

from django.urls import reverse
from ninja import Field, Router, Schema
from wagtail.api.utils import get_full_url
from wagtail.models import Site

from .context_processors import menu_pages

router = Router(tags=["navigation"])


class MenuItemSchema(Schema):
    id: int
    title: str
    url: str | None = Field(..., description="The page on the site (absolute).")
    detail_url: str = Field(..., description="The page in this API (absolute).")


class NavigationSchema(Schema):
    site_name: str
    items: list[MenuItemSchema] = Field(..., description="Home first, then the menu, in order.")


@router.get("/", response=NavigationSchema, summary="The site's main menu")
def navigation(request):
    site = Site.find_for_request(request)
    items = [
        {
            "id": page.pk,
            "title": page.title,
            "url": page.get_full_url(request),
            # The API's configured base URL, never the request's Host header.
            "detail_url": get_full_url(
                request, reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
            ),
        }
        for page in menu_pages(request)
    ]
    return {"site_name": site.site_name if site else "", "items": items}

"""``GET /api/v3/pages/find/?html_path=/news/cities-unite/``: the page at a site path, itself.

Wagtail's v3 ``find`` operation documents a page (200) but answers a redirect to
``/api/v3/pages/{id}/``, which a generated client does not follow and a browser front end pays
an extra round trip for. This module replaces that operation on Wagtail's pages router with
one that finds the page the same way (``html_path`` routed on the request's site or
``?site=``, or ``id``; only pages the caller may see) and answers it exactly as the detail
operation does: the same schema, ``version`` and ``rich_text_format``. Nothing found — an
unknown, draft-only or private path — is a 404 problem document.

:func:`install` must run before the v3 URLs are built (``cms_site.api`` calls it).
"""

from typing import Literal

from django.http import Http404, HttpRequest
from pydantic import PositiveInt
from wagtail.api.rich_text import RichTextOutputFormat
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.validators import SiteFilterValidator

DESCRIPTION = (
    "The page at a path of the site (``html_path``, e.g. ``/news/cities-unite/``, routed on "
    "the request's site or on ``site``), or with an ``id``: the page itself, exactly as "
    "``/api/v3/pages/{id}/`` answers it (no redirect). 404 when no page the caller may see "
    "is there."
)


def _find(request: HttpRequest, id: int | None, html_path: str | None, site: str | None):
    """Wagtail's own lookup (``find_page``), returning the page instead of redirecting."""
    pages = get_pages_queryset(request)
    if html_path:
        components = [component for component in html_path.split("/") if component]
        site_obj = SiteFilterValidator(site=site, request=request).site_obj
        if site_obj is not None:
            try:
                page, _, _ = site_obj.root_page.specific.route(request, components)
            except Http404:
                page = None
            if page is not None and pages.filter(pk=page.pk).exists():
                return page.pk
    if id and pages.filter(pk=id).exists():
        return id
    return None


def find_page(
    request: HttpRequest,
    id: PositiveInt | None = None,
    html_path: str | None = None,
    site: str | None = None,
    version: Literal["live", "draft"] | None = "live",
    rich_text_format: RichTextOutputFormat | None = None,
):
    page_id = _find(request, id, html_path, site)
    if page_id is None:
        raise Http404("No page matches the given query.")
    return wagtail_pages.get_page(
        request, page_id=page_id, version=version, rich_text_format=rich_text_format
    )


def install() -> None:
    """Put :func:`find_page` in place of Wagtail's ``pages_find`` operation (same address,
    URL name and operation id)."""
    router = wagtail_pages.router
    # Emptied in place, not removed: the address keeps its place before ``/{page_id}/``,
    # which would otherwise take ``find`` for a page id.
    router.path_operations["/find/"].operations.clear()
    router.get(
        "/find/",
        response=wagtail_pages.PageDetailSchema,
        url_name="find_page",
        summary="Find page",
        description=DESCRIPTION,
        operation_id="pages_find",
        auth=[BearerTokenAuth(), AllowAnonymous()],
    )(find_page)

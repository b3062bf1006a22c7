"""Which chosen pages the public may see through a link, and which pages an editor may choose.

A card, a related page or a call to action shows the page it points at (title, address,
description) only when an anonymous visitor could open that page: it is **live** and neither
it nor an ancestor has a **view restriction** (login, group or password) — the same rule as
Wagtail's ``PageQuerySet.live().public()``, which every public listing of the project uses.
An embargoed release is scheduled, not live, until its embargo lifts, so it is covered.

``is_public(page, request)`` answers for one page. The restricted paths are read once per
request (kept on ``request``), so a page of many links costs one query; without a request
each call costs one.

``choosable_pages(pages, user)`` narrows Wagtail's page chooser (the
``construct_page_chooser_queryset`` hook) to what the editor may already see: live pages and
the pages they may edit. An editor of one section cannot discover another section's drafts
(an embargoed release's title) by browsing the chooser.
"""

from wagtail.models import PageViewRestriction

REQUEST_ATTRIBUTE = "_equity_restricted_paths"


def restricted_paths(request=None) -> tuple[str, ...]:
    """Tree paths of every page with a view restriction (its subtree is not public)."""
    paths = getattr(request, REQUEST_ATTRIBUTE, None) if request is not None else None
    if paths is None:
        paths = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
        if request is not None:
            setattr(request, REQUEST_ATTRIBUTE, paths)
    return paths


def is_public(page, request=None) -> bool:
    """Whether an anonymous visitor could open ``page`` (``None`` is not public)."""
    if page is None or not page.live:
        return False
    return not page.path.startswith(restricted_paths(request))


def choosable_pages(pages, user):
    """``pages`` (a page queryset) narrowed to live pages and pages ``user`` may edit."""
    if user.is_superuser:
        return pages
    from wagtail.permission_policies.pages import PagePermissionPolicy

    editable = PagePermissionPolicy().instances_user_has_any_permission_for(
        user, ["change", "publish"]
    )
    return pages.filter(live=True) | pages.filter(pk__in=editable.values("pk"))

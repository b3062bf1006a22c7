"""Newsroom page types, media contacts and the newsroom's site setting, one module per
concern; this package re-exports them all.

- ``contacts``: ``MediaContact`` (a snippet with drafts) and its phone validation.
- ``site_settings``: ``NewsroomSettings``, the "About" paragraph per site and language.
- ``releases``: ``NewsArticlePage`` (a press release), its tags, contacts, related pages,
  release status and embargo.
- ``queries``: the release querysets every surface lists with (``release_queryset``,
  ``with_release_data``, ``page_rows``, ``latest_releases``).
- ``newsroom_page``: ``NewsroomPage``, the filterable, paginated list and its feeds.

As in ``equity``, each page type's behaviour lives in an abstract mixin and the concrete
class combines it with Wagtail's ``Page``. The project states where a newsroom may go with
``NEWSROOM_PAGE_PARENT_TYPES`` (e.g. ``["home.HomePage"]``).
"""

import swapper

# Make swapper read WAGTAIL_PAGE_MODEL even if this app is listed above `wagtail`.
swapper.set_app_prefix("wagtailcore", "wagtail")

from .contacts import (  # noqa: E402 (after the swapper prefix)
    MediaContact,
    phone_validator,
    public_contacts,
    validate_phone_digits,
)
from .newsroom_page import (  # noqa: E402
    RELEASES_PER_PAGE,
    NewsroomPage,
    NewsroomPageMixin,
    parse_positive_int,
)
from .queries import (  # noqa: E402
    RELEASE_ORDERING,
    latest_releases,
    page_rows,
    release_queryset,
    with_release_data,
)
from .releases import (  # noqa: E402
    NewsArticleContact,
    NewsArticlePage,
    NewsArticlePageMixin,
    NewsArticleRelatedPage,
    NewsArticleTag,
    ReleaseForm,
    ReleaseStatus,
    today,
)
from .site_settings import NewsroomAboutTranslation, NewsroomSettings  # noqa: E402

__all__ = [
    "RELEASES_PER_PAGE",
    "RELEASE_ORDERING",
    "MediaContact",
    "NewsArticleContact",
    "NewsArticlePage",
    "NewsArticlePageMixin",
    "NewsArticleRelatedPage",
    "NewsArticleTag",
    "NewsroomAboutTranslation",
    "NewsroomPage",
    "NewsroomPageMixin",
    "NewsroomSettings",
    "ReleaseForm",
    "ReleaseStatus",
    "latest_releases",
    "page_rows",
    "parse_positive_int",
    "phone_validator",
    "public_contacts",
    "release_queryset",
    "today",
    "validate_phone_digits",
    "with_release_data",
]

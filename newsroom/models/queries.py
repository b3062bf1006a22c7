"""The queries every surface lists releases with (pages, feeds, the APIs, the home page):
live and public, newest first, with what they show fetched in a fixed number of queries."""

from django.db.models import Prefetch

from equity.headless.content_cache import cached

from .releases import NewsArticleContact, NewsArticlePage, NewsArticleRelatedPage

# Newest first; the primary key breaks ties so every page of the list is stable.
RELEASE_ORDERING = ("-release_date", "-pk")


def release_queryset(model=None, *, full: bool = False):
    """Live, public releases, newest first, with what lists and feeds show prefetched
    (``full``: also contacts and related pages, as the API shows them)."""
    model = model or NewsArticlePage
    queryset = model.objects.live().public().order_by(*RELEASE_ORDERING)
    return with_release_data(queryset, full=full)


def with_release_data(queryset, *, full: bool = True):
    """``queryset`` of releases with what lists and feeds show (locale, tags) fetched in a
    fixed number of queries; ``full``: also contacts and related pages, as the API shows
    them. A project's generic pages API can apply it to ``?type=newsroom.NewsArticlePage``."""
    queryset = queryset.select_related("locale").prefetch_related("tags")
    if full:
        queryset = queryset.prefetch_related(
            Prefetch(
                "media_contacts",
                queryset=NewsArticleContact.objects.select_related("contact"),
            ),
            Prefetch(
                "related_links",
                queryset=NewsArticleRelatedPage.objects.select_related("related_page"),
            ),
        )
    return queryset


def page_rows(sliced):
    """The rows of one page of a sliced, ordered queryset, found with a narrow query first.

    ``ORDER BY`` and ``OFFSET`` make the database sort and walk every matching row: over
    bare primary keys that is cheap, over whole release rows (bodies included) it is not,
    on the first page too. So the page's keys come first, then its rows, in the same
    order, with the queryset's prefetches."""
    keys = list(sliced.values_list("pk", flat=True))
    query = sliced._chain()
    query.query.clear_limits()
    rows = {row.pk: row for row in query.filter(pk__in=keys)}
    return [rows[key] for key in keys if key in rows]


def latest_releases(root_page=None, count: int = 3) -> list:
    """The newest live, public releases (below ``root_page`` when given), for other pages;
    kept until the next publication (finding them sorts every release)."""

    def compute():
        queryset = release_queryset()
        if root_page is not None:
            queryset = queryset.descendant_of(root_page)
        return list(queryset[:count])

    return cached("latest-releases", compute, root_page.pk if root_page else None, count)

"""Each newsroom view runs a fixed number of SQL queries, whatever the number of releases."""

import pytest

from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

# One bound per view, the same at 10 and at 300 releases.
# Measured (SQLite and PostgreSQL alike): index 21, release 18, feeds 11, home 15, API 16.
# With translations on (WAGTAIL_I18N_ENABLED) Wagtail's routing looks up the active Locale
# (+1 on every page and feed); the language switcher and hreflang links read the page's
# live translations (+1, and +1 for view restrictions only when there are some) and its
# Locale (+1); the API's site scope also covers the translated trees (+1 to +3). Each view
# also reads the content version once (Last-Modified and cache keys: the publication
# pipeline's record, which a shared cache answers instead).
BUDGETS = {
    # A page of the list finds its keys with a narrow query, then its rows.
    "index": 21,
    "index_last_page": 21,
    "index_filtered": 21,
    "release": 18,
    "rss": 11,
    "atom": 11,
    "home": 15,
    "api_releases": 16,
    "api_v3_pages": 12,
    # The project's v2 pages endpoint prefetches a release's locale, tags, contacts and
    # related pages (cms_site.api.PrefetchingPagesAPIViewSet); a deep offset costs one more.
    "api_v2_pages": 13,
    "api_v2_pages_deep": 14,
}


def urls(newsroom, contacts_release) -> dict[str, str]:
    last_page = (NewsArticlePage.objects.live().count() + 9) // 10
    return {
        "index": newsroom.url,
        # With 10 releases the last page is the first, whose address has no ?page=.
        "index_last_page": f"{newsroom.url}?page={last_page}" if last_page > 1 else newsroom.url,
        "index_filtered": f"{newsroom.url}?tag=housing&year=2020",
        "release": contacts_release.url,
        "rss": newsroom.url + "feed/rss/",
        "atom": newsroom.url + "feed/atom/?tag=housing",
        "home": "/",
        "api_releases": "/api/v2/releases/?fields=*&limit=20",
        "api_v3_pages": "/api/v3/pages/?type=newsroom.NewsArticlePage&order=-release_date&limit=20",
        "api_v2_pages": "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&limit=10",
        "api_v2_pages_deep": "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&limit=10"
        f"&offset={max(0, last_page * 10 - 10)}",
    }


@pytest.mark.parametrize("count", [10, 300])
@pytest.mark.parametrize("view", list(BUDGETS))
def test_query_budget(
    client,
    newsroom,
    make_release,
    contacts,
    bulk_releases,
    count,
    view,
    django_assert_max_num_queries,
):
    release = make_release("Release with contacts", tags=("Housing",), contacts=contacts)
    bulk_releases(count - 1)
    assert NewsArticlePage.objects.live().count() == count
    url = urls(newsroom, release)[view]
    with django_assert_max_num_queries(BUDGETS[view]):
        response = client.get(url)
    assert response.status_code == 200

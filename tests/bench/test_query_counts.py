"""The endpoints the benchmark found growing with N now run a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_site.demo.generators import ensure_generated_releases

pytestmark = pytest.mark.django_db

API = "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*"


def counts(client, newsroom, releases: int) -> dict[str, int]:
    ensure_generated_releases(newsroom, releases)
    last = (releases + 9) // 10
    urls = {
        "v2_list": API,
        "v2_deep": f"{API}&offset={releases - 20}",
        "newsroom_last": f"{newsroom.url}?page={last}",
        "newsroom_second": f"{newsroom.url}?page=2",
    }
    result = {}
    for name, url in urls.items():
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        result[name] = len(queries)
    return result


def test_query_counts_do_not_grow_with_releases(client, newsroom):
    small = counts(client, newsroom, 40)
    large = counts(client, newsroom, 240)
    assert small == large
    # Not one query per listed release (20 items on the v2 page); the public pages once.
    assert large["v2_list"] <= 10, large


STORED_URLS = {"v2_list": API, "v2_releases": "/api/v2/releases/?fields=*"}


def stored_counts(client, newsroom, releases: int) -> dict[str, int]:
    ensure_generated_releases(newsroom, releases)
    result = {}
    for name, url in STORED_URLS.items():
        for deep in ("", f"&offset={releases - 20}"):
            client.get(url + deep)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url + deep).status_code == 200
            result[name + deep[:1]] = len(queries)
    return result


def test_stored_lists_read_only_keys(client, newsroom, settings):
    """With the representation store on, a list whose items are stored reads their keys
    (id, live revision, url_path) and nothing per item: no rows with bodies, no prefetches."""
    settings.EQUITY_CONTENT_CACHE = {"ENABLED": True}
    small = stored_counts(client, newsroom, 40)
    large = stored_counts(client, newsroom, 240)
    assert small == large
    # The content version, the public pages (view restrictions, the site's root page), the
    # count and the keys; the releases endpoint also asks for its own public releases.
    assert large["v2_list"] <= 6, large
    assert large["v2_releases"] <= 9, large

"""Page routes kept for anonymous readers until the next publication (equity.headless.stored_pages).

The second anonymous request for an address does not walk the page tree again; a new slug,
an unpublished page or a new view restriction is never routed from a kept route; a routable
page's sub-route (the newsroom's feed) is resolved again from the path; editors never read
or write routes. Each test runs with a process-local cache and with Redis.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from equity.headless import stored_pages

pytestmark = pytest.mark.django_db


@pytest.fixture
def walks(monkeypatch):
    """How many times Wagtail walked the tree from the site's root."""
    counts = {"route": 0}
    original = Page.route_for_request

    def counted(request, path):
        if not hasattr(request, "_wagtail_route_for_request"):
            counts["route"] += 1
        return original(request, path)

    monkeypatch.setattr(Page, "route_for_request", staticmethod(counted))
    return counts


@pytest.fixture
def remembered(monkeypatch):
    """The routes written, as (path, value)."""
    written = []
    original = stored_pages.remember_route

    def spy(request, path, response):
        before = len(written)
        original(request, path, response)
        key = stored_pages.route_key(request, path)
        value = caches["default"].get(key) if key else None
        if value is not None and len(written) == before:
            written.append((path, value))

    monkeypatch.setattr(stored_pages, "remember_route", spy)
    return written


def test_the_second_request_walks_no_tree(store, scene, client, walks, monkeypatch):
    release = scene[0]["release"]
    # Whole pages not stored: each response is rendered from the kept route.
    monkeypatch.setattr(stored_pages, "page_key", lambda page, request: None)
    newsroom = release.get_parent()
    for url in (release.url, f"{newsroom.url}feed/rss/", newsroom.url):
        with CaptureQueriesContext(connection) as walked:
            first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            second = client.get(url)
        assert first.status_code == second.status_code == 200, url
        assert first.content == second.content, url
        # The tree walk (two queries per level) became one query for the page.
        assert len(queries) <= len(walked) - 2, (url, [query["sql"] for query in queries])
    assert walks["route"] == 3, "a kept route walked the tree again"


def test_a_new_slug_an_unpublish_or_a_restriction_is_never_routed_stale(
    store, scene, client, django_capture_on_commit_callbacks
):
    release = scene[0]["release"]
    old_url = release.url
    for _ in range(2):
        assert client.get(old_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        revision = release.get_latest_revision_as_object()
        revision.slug = "renamed-news"
        revision.save_revision().publish()
    release.refresh_from_db()
    # The old address is no longer the page (Wagtail redirects it to the new one).
    old = client.get(old_url)
    assert old.status_code == 301 and old["Location"].endswith("/renamed-news/")
    for _ in range(2):
        assert client.get(release.url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
    content = client.get(release.url).content
    assert b"Big news" not in content and b"password" in content.lower()

    with django_capture_on_commit_callbacks(execute=True):
        release.unpublish()
    assert client.get(release.url).status_code == 404


def test_a_kept_route_never_serves_a_page_that_is_no_longer_live(store, scene, client):
    """Even without a new content version (a change the pipeline missed), the page read from
    a kept route must be live: an unpublished page is routed afresh, and is a 404. (A
    parameter no page reads keeps the request off the stored address, which, like the
    response cache, trusts the content version.)"""
    release = scene[0]["release"]
    for _ in range(2):
        assert client.get(release.url).status_code == 200
    Page.objects.filter(pk=release.pk).update(live=False)
    assert client.get(release.url + "?utm_source=newsletter").status_code == 404


def test_editors_never_read_or_write_routes(store, scene, client, walks, remembered):
    release = scene[0]["release"]
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    for _ in range(2):
        assert client.get(release.url).status_code == 200
    assert walks["route"] == 2 and remembered == []

"""HTTP caching: ETag, Last-Modified and 304 on page HTML, both APIs and feeds; max-age per
surface; never cached for signed-in users; a publish purges every address showing the page."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(home):
    from newsroom.models import NewsroomPage

    page = NewsroomPage(title="News", slug="news")
    home.add_child(instance=page)
    page.save_revision().publish()
    from newsroom.models import NewsArticlePage

    release = NewsArticlePage(title="First news", slug="first-news", summary="S")
    page.add_child(instance=release)
    release.save_revision().publish()
    return page


def surfaces(landing_page, newsroom):
    return [
        (landing_page.url, "CACHE_MAX_AGE_PAGES"),
        (f"/api/v2/pages/{landing_page.pk}/", "CACHE_MAX_AGE_API"),
        ("/api/v2/pages/?type=equity.EquityLandingPage", "CACHE_MAX_AGE_API"),
        (f"/api/v3/pages/{landing_page.pk}/", "CACHE_MAX_AGE_API"),
        ("/api/v3/resources/", "CACHE_MAX_AGE_API"),
        (newsroom.url + "feed/rss/", "CACHE_MAX_AGE_FEEDS"),
        (newsroom.url + "feed/atom/", "CACHE_MAX_AGE_FEEDS"),
    ]


@override_settings(CACHE_MAX_AGE_PAGES=111, CACHE_MAX_AGE_API=22, CACHE_MAX_AGE_FEEDS=3333)
def test_validators_and_conditional_gets_on_every_surface(client, landing_page, newsroom):
    for url, setting in surfaces(landing_page, newsroom):
        response = client.get(url)
        assert response.status_code == 200, url
        max_age = {"CACHE_MAX_AGE_PAGES": 111, "CACHE_MAX_AGE_API": 22}.get(setting, 3333)
        assert response["Cache-Control"] == f"public, max-age={max_age}", url
        etag, last_modified = response["ETag"], response["Last-Modified"]
        assert etag.startswith('"') and last_modified.endswith("GMT")
        again = client.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"", url
        assert again["ETag"] == etag
        since = client.get(url, headers={"If-Modified-Since": last_modified})
        assert since.status_code == 304, url
        stale = client.get(url, headers={"If-None-Match": '"something-else"'})
        assert stale.status_code == 200 and stale.content == response.content


def test_a_publish_changes_the_validators(client, landing_page):
    first = client.get(f"/api/v3/pages/{landing_page.pk}/")
    time.sleep(0.01)
    landing_page.hero_heading = "A new heading"
    landing_page.save_revision().publish()
    second = client.get(
        f"/api/v3/pages/{landing_page.pk}/",
        headers={"If-None-Match": first["ETag"], "If-Modified-Since": first["Last-Modified"]},
    )
    assert second.status_code == 200 and second.json()["hero_heading"] == "A new heading"
    assert second["ETag"] != first["ETag"]
    from django.utils.http import parse_http_date

    assert parse_http_date(second["Last-Modified"]) > parse_http_date(first["Last-Modified"])


def test_signed_in_users_are_never_cached(client, admin_user, landing_page):
    client.force_login(admin_user)
    for url in (landing_page.url, f"/api/v2/pages/{landing_page.pk}/"):
        response = client.get(url)
        assert response["Cache-Control"] == "private, no-store"
        assert "ETag" not in response
        assert client.get(url, headers={"If-None-Match": '"x"'}).status_code == 200


def test_token_requests_and_the_admin_are_never_cached(client, landing_page):
    response = client.get(
        f"/api/v3/pages/{landing_page.pk}/", headers={"Authorization": "Bearer nope"}
    )
    assert response["Cache-Control"] == "private, no-store"
    assert "public" not in client.get("/admin/login/").get("Cache-Control", "")


class PurgeReceiver:
    def __init__(self):
        self.purged: list[tuple[str, str]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):
                receiver.purged.append((self.headers["Host"], self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.location = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


def test_a_publish_purges_the_page_its_api_urls_listings_and_feeds(
    home, newsroom, django_capture_on_commit_callbacks
):
    from newsroom.models import NewsArticlePage

    receiver = PurgeReceiver()
    backend = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.location,
        }
    }
    try:
        with override_settings(WAGTAILFRONTENDCACHE=backend):
            release = NewsArticlePage(title="Big news", slug="big-news", summary="S")
            newsroom.add_child(instance=release)
            with django_capture_on_commit_callbacks(execute=True):
                release.save_revision().publish()
    finally:
        receiver.server.shutdown()
        receiver.server.server_close()
    paths = [path for _host, path in receiver.purged]
    assert len(paths) == len(set(paths)), "an address was purged twice"
    assert set(paths) == {
        "/news/big-news/",
        f"/api/v2/pages/{release.pk}/",
        f"/api/v3/pages/{release.pk}/",
        f"/api/v2/releases/{release.pk}/",
        "/api/v2/releases/",
        "/api/v2/pages/",
        "/api/v3/pages/",
        "/news/",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/",
        "/sitemap.xml",
    }, paths

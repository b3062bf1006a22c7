"""HTTP caching: ETag, Last-Modified and 304 on page HTML, both APIs and feeds; max-age per
surface; never cached for signed-in users; a publish purges every address showing the page."""

import os
import time

import pytest
from django.test import override_settings

from tests.conftest import ANOTHER_PROCESS_CAN_OPEN_THE_DATABASE
from tests.receivers import PurgeReceiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(newsroom):
    """The suite's newsroom, with one live release."""
    from newsroom.models import NewsArticlePage

    release = NewsArticlePage(title="First news", slug="first-news", summary="S")
    newsroom.add_child(instance=release)
    release.save_revision().publish()
    return newsroom


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


def test_a_publish_purges_the_page_its_api_urls_listings_and_feeds(
    home, newsroom, django_capture_on_commit_callbacks
):
    from newsroom.models import NewsArticlePage

    with PurgeReceiver() as receiver, override_settings(WAGTAILFRONTENDCACHE=receiver.settings()):
        release = NewsArticlePage(title="Big news", slug="big-news", summary="S")
        newsroom.add_child(instance=release)
        with django_capture_on_commit_callbacks(execute=True):
            release.save_revision().publish()
    paths = receiver.paths
    assert len(paths) == len(set(paths)), "an address was purged twice"
    assert set(paths) == {
        "/news/big-news/",
        f"/api/v2/pages/{release.pk}/",
        f"/api/v3/pages/{release.pk}/",
        f"/api/v2/releases/{release.pk}/",
        "/api/v2/releases/",
        "/api/v2/pages/",
        "/api/v3/pages/",
        # Lookups by path answer the page itself: purged with it (every query of the path).
        "/api/v2/pages/find/",
        "/api/v3/pages/find/",
        "/api/v2/releases/find/",
        "/news/",
        "/news/feed/rss/",
        "/news/feed/atom/",
        "/",
        "/sitemap.xml",
    }, paths


@ANOTHER_PROCESS_CAN_OPEN_THE_DATABASE
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_if_modified_since_after_a_publish_from_another_process(client, home):
    """Cron's ``publish_scheduled`` publishes a release in another process: this process,
    with its process-local cache and the anonymous cache on, answers ``If-Modified-Since``
    with the new feed (200), not 304."""
    import datetime
    import subprocess
    import sys
    from pathlib import Path

    from django.db import connection
    from django.utils import timezone
    from wagtail.models import Revision

    from newsroom.models import NewsArticlePage, NewsroomPage

    newsroom = NewsroomPage(title="News", slug="news")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    release = NewsArticlePage(title="Scheduled news", slug="scheduled", summary="S.", live=False)
    newsroom.add_child(instance=release)
    release.go_live_at = timezone.now() + datetime.timedelta(days=1)
    revision = release.save_revision()
    revision.publish()  # a future go-live: scheduled, not live
    # Due now: cron's next run publishes it.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.refresh_from_db()
    revision.content["go_live_at"] = past.isoformat()
    Revision.objects.filter(pk=revision.pk).update(
        approved_go_live_at=past, content=revision.content
    )
    with override_settings(
        ANONYMOUS_CACHE={"ENABLED": True}, EQUITY_CONTENT_CACHE={"ENABLED": True}
    ):
        feed = "/news/feed/rss/"
        first = client.get(feed)
        assert client.get(feed)["X-Anonymous-Cache"] == "hit"
        assert b"Scheduled news" not in first.content
        database = connection.settings_dict
        url = f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}"
        result = subprocess.run(
            [sys.executable, "manage.py", "publish_scheduled"],
            cwd=Path(__file__).resolve().parents[2],
            env={
                **os.environ,
                "DATABASE_URL": url,
                "DJANGO_SETTINGS_MODULE": "cms_site.settings.test",
            },
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        again = client.get(feed, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert b"Scheduled news" in again.content

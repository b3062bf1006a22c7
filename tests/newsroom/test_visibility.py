"""Drafts, embargoed, unpublished and view-restricted releases never leak anywhere."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

pytestmark = pytest.mark.django_db

RELEASES_API = "/api/v2/releases/"
V2_LIST = "/api/v2/pages/?type=newsroom.NewsArticlePage&limit=100"
V3_LIST = "/api/v3/pages/?type=newsroom.NewsArticlePage&limit=100"


def titles_everywhere(client, newsroom) -> dict[str, set[str]]:
    """Release titles each public channel shows."""
    found = {}
    index = client.get(newsroom.url).content.decode()
    found["index"] = index
    found["rss"] = client.get(newsroom.url + "feed/rss/").content.decode()
    found["atom"] = client.get(newsroom.url + "feed/atom/").content.decode()
    found["home"] = client.get("/").content.decode()
    found["sitemap"] = client.get("/sitemap.xml").content.decode()
    for name, url in [("v2", V2_LIST), ("v3", V3_LIST), ("releases", RELEASES_API)]:
        response = client.get(url)
        assert response.status_code == 200, response.content
        found[name] = " ".join(item["title"] for item in response.json()["items"])
    found["search"] = " ".join(p.title for p in Page.objects.live().public().search("Secret"))
    found["api_search"] = " ".join(
        item["title"] for item in client.get(RELEASES_API + "?search=Secret").json()["items"]
    )
    return found


def assert_hidden(client, newsroom, page) -> None:
    for channel, text in titles_everywhere(client, newsroom).items():
        assert page.title not in text, channel
        assert page.slug not in text, channel
    assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
    assert client.get(f"{RELEASES_API}{page.pk}/").status_code == 404


def test_a_live_release_is_everywhere(client, newsroom, make_release):
    page = make_release("Secret plans made public")
    for channel, text in titles_everywhere(client, newsroom).items():
        if channel != "sitemap":
            assert page.title in text, channel
    assert page.full_url in titles_everywhere(client, newsroom)["sitemap"]


def test_a_draft_is_hidden(client, newsroom, make_release):
    assert_hidden(client, newsroom, make_release("Secret draft", state="draft"))


def test_an_unpublished_release_is_hidden(client, newsroom, make_release):
    page = make_release("Secret withdrawn release")
    page.unpublish()
    assert_hidden(client, newsroom, page)
    assert client.get(page.url or "/news/secret-withdrawn-release/").status_code == 404


def test_a_view_restricted_release_is_hidden(client, newsroom, make_release):
    page = make_release("Secret restricted release")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="x")
    assert_hidden(client, newsroom, page)


def test_unpublished_changes_never_show(client, newsroom, make_release):
    page = make_release("Public title")
    page.title = "Secret new title"
    page.save_revision()
    for channel, text in titles_everywhere(client, newsroom).items():
        assert "Secret new title" not in text, channel
    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == "Public title"
    assert client.get(f"/api/v3/pages/{page.pk}/").json()["title"] == "Public title"


def test_an_embargoed_release_is_hidden_until_publish_scheduled_runs(
    client, newsroom, make_release, monkeypatch
):
    page = make_release("Secret embargoed release", state="embargoed")
    assert not page.live
    assert page.go_live_at == page.embargo_until
    assert page.latest_revision.approved_go_live_at == page.embargo_until
    assert_hidden(client, newsroom, page)

    call_command("publish_scheduled")  # too early: nothing happens
    page.refresh_from_db()
    assert not page.live

    later = page.embargo_until + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert page.first_published_at >= page.embargo_until
    monkeypatch.undo()
    channels = titles_everywhere(client, newsroom)
    assert page.title in channels["index"] and page.title in channels["releases"]
    assert page.title in channels["rss"] and page.title in channels["v3"]


def test_an_embargoed_release_cannot_go_live_before_its_embargo(newsroom, make_release):
    page = make_release("Embargoed", state="embargoed")
    page.go_live_at = timezone.now()  # an editor tries to bring it forward
    page.full_clean()
    assert page.go_live_at == page.embargo_until

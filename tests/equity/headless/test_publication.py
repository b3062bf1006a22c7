"""The publication pipeline: a change of a shared object reaches every page that shows it —
with the production caches on, each warmed address is served fresh on the next request, the
front-end cache gets exactly one PURGE per affected address, and receivers one webhook event
per affected page, saying why."""

import json
import os

import pytest
from django.test import override_settings

from equity.models import (
    PublicationRecord,
    WebhookDelivery,
    WebhookEndpoint,
)
from newsroom.models import (
    NewsArticlePage,
    NewsroomPage,
)
from tests.conftest import ANOTHER_PROCESS_CAN_OPEN_THE_DATABASE
from tests.receivers import PurgeReceiver, Receiver

pytestmark = pytest.mark.django_db

CACHE_STATUS = "X-Anonymous-Cache"


def addresses(pages: dict, name: str) -> set[str]:
    """Every address that shows a scene page, written out by hand."""
    pk = pages[name].pk
    api = {f"/api/v2/pages/{pk}/", f"/api/v3/pages/{pk}/", "/api/v2/pages/", "/api/v3/pages/"}
    api |= {"/api/v2/pages/find/", "/api/v3/pages/find/"}  # lookups by path answer the page
    own = {
        "landing": {"/advancing-equity/", "/", "/sitemap.xml"},
        "library": {"/advancing-equity/resources/", "/advancing-equity/", "/", "/sitemap.xml"},
        "release": {
            "/news/big-news/",
            "/news/",
            "/news/feed/rss/",
            "/news/feed/atom/",
            "/",
            "/sitemap.xml",
            f"/api/v2/releases/{pk}/",
            "/api/v2/releases/",
            "/api/v2/releases/find/",
        },
    }[name]
    return own | api


# kind: (change it, the pages that show it, its own API addresses, where the change is seen)
def rename_resource(resource):
    resource.title = "Renamed toolkit"
    resource.save_revision().publish()  # library records go live when published


def rename_topic(topic):
    topic.name = "Renamed topic"
    topic.save()


def rename_document(document):
    document.title = "Renamed file"
    document.save()


def describe_image(image):
    image.description = "Renamed chart"
    image.save()


def rename_contact(contact):
    contact.name = "Renamed contact"
    contact.save_revision().publish()  # media contacts go live when published


def rewrite_about(settings):
    settings.about_text = "<p>Renamed about.</p>"
    settings.save()


def rename_tag(tag):
    tag.name = "Renamed tag"
    tag.save()


KINDS = {
    "resource": (
        rename_resource,
        ("landing", "library"),
        lambda o: {
            "/api/v2/resources/",
            "/api/v3/resources/",
            f"/api/v2/resources/{o.pk}/",
            "/api/v2/resources/find/",
            f"/api/v3/resources/{o.pk}/",
        },
        ("/advancing-equity/", "/advancing-equity/resources/", "/api/v2/pages/{landing}/"),
    ),
    "topic": (
        rename_topic,
        # The library lists every topic (the landing page shows resources, not their topics).
        ("library",),
        lambda o: {"/api/v2/resources/", "/api/v3/resources/"},
        ("/advancing-equity/resources/",),
    ),
    "document": (
        rename_document,
        ("landing", "library"),
        lambda o: {"/api/v2/documents/", f"/api/v2/documents/{o.pk}/", "/api/v2/documents/find/"},
        ("/api/v2/documents/{document}/",),
    ),
    "image": (
        describe_image,
        ("landing", "release"),
        lambda o: {"/api/v2/images/", f"/api/v2/images/{o.pk}/", "/api/v2/images/find/"},
        ("/news/big-news/",),
    ),
    "contact": (rename_contact, ("release",), lambda o: set(), ("/news/big-news/",)),
    "settings": (rewrite_about, ("release",), lambda o: set(), ("/news/big-news/",)),
    "tag": (rename_tag, ("release",), lambda o: set(), ("/news/big-news/", "/news/")),
}


@pytest.mark.parametrize("kind", KINDS)
def test_a_shared_object_change_reaches_every_page_that_shows_it(
    kind, scene, client, production_caches, django_capture_on_commit_callbacks
):
    pages, objects = scene
    change, shown_on, own_api, seen_at = KINDS[kind]
    obj = objects[kind]
    ids = {name: page.pk for name, page in pages.items()} | {kind: obj.pk}
    seen_at = [url.format(**ids) for url in seen_at]
    warmed = sorted({*seen_at, *(f"/api/v2/pages/{pages[n].pk}/" for n in shown_on)})
    for url in warmed:  # each cached: the second request is a hit
        assert client.get(url).status_code == 200
        assert client.get(url)[CACHE_STATUS] == "hit", url
    WebhookEndpoint.objects.all().delete()
    with Receiver() as receiver, PurgeReceiver() as purge:
        WebhookEndpoint.objects.create(name="App", url=receiver.url, secret="s")
        with (
            override_settings(WAGTAILFRONTENDCACHE=purge.settings()),
            django_capture_on_commit_callbacks(execute=True),
        ):
            change(obj)
    for url in warmed:
        response = client.get(url)
        assert response[CACHE_STATUS] == "miss", f"{url} served stale after a {kind} change"
    for url in seen_at:
        assert b"Renamed" in client.get(url).content, f"the {kind} change is not on {url}"

    expected = set().union(*(addresses(pages, name) for name in shown_on)) | own_api(obj)
    assert sorted(purge.paths) == sorted(expected), "one PURGE per affected address, no more"

    reason = {"type": obj._meta.label, "id": obj.pk}
    updated = [
        json.loads(r["body"])
        for r in receiver.requests
        if json.loads(r["body"])["event"] == "page.updated"
    ]
    assert sorted(p["id"] for p in updated) == sorted(pages[n].pk for n in shown_on)
    assert all(p["reason"] == reason for p in updated)


def test_a_draft_changes_nothing(
    scene, client, production_caches, django_capture_on_commit_callbacks
):
    pages, _ = scene
    release = pages["release"]
    client.get(release.url)
    records = PublicationRecord.objects.count()
    with (
        PurgeReceiver() as purge,
        override_settings(WAGTAILFRONTENDCACHE=purge.settings()),
        django_capture_on_commit_callbacks(execute=True),
    ):
        release.title = "A draft title"
        release.save_revision()
    assert purge.paths == []
    assert PublicationRecord.objects.count() == records
    assert not WebhookDelivery.objects.filter(title="A draft title").exists()
    response = client.get(release.url)
    assert response[CACHE_STATUS] == "hit"
    assert b"A draft title" not in response.content


def test_webhooks_never_name_a_private_page(scene, django_capture_on_commit_callbacks):
    """A page behind a login is not the public's: neither its publish nor a change of what it
    shows is sent to receivers; making it private is sent as an unpublish."""
    from wagtail.models import PageViewRestriction

    pages, objects = scene
    release = pages["release"]
    WebhookEndpoint.objects.create(name="App", url="http://127.0.0.1:9/hook", secret="s")
    with django_capture_on_commit_callbacks(execute=False):
        PageViewRestriction.objects.create(page=release, restriction_type="login")
        release.title = "Private title"
        release.save_revision().publish()
        rename_contact(objects["contact"])
    events = list(WebhookDelivery.objects.values_list("event", "object_id", "title"))
    assert events == [("page.unpublished", str(release.pk), "Big news")]


KILLED_PUBLISHER = """
import django
django.setup()
from newsroom.models import NewsArticlePage
for page in NewsArticlePage.objects.filter(live=False).order_by("pk"):
    page.save_revision().publish()
"""


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@ANOTHER_PROCESS_CAN_OPEN_THE_DATABASE
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publish_killed_half_way_leaves_the_page_and_its_delivery_or_neither(home):
    """The webhook outbox commits with the publish: kill the publishing process at any
    moment, and every live release has its delivery row, every row its live release."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    newsroom = NewsroomPage(title="Newsroom", slug="news")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    for number in range(60):
        newsroom.add_child(
            instance=NewsArticlePage(
                title=f"Release {number}", slug=f"r{number}", summary="S.", live=False
            )
        )
    WebhookEndpoint.objects.create(name="App", url="http://127.0.0.1:9/hook", secret="s")
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_PUBLISHER],
        cwd=Path(__file__).resolve().parents[3],
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "DJANGO_SETTINGS_MODULE": "cms_site.settings.test",
        },
    )
    deadline = time.monotonic() + 120
    while WebhookDelivery.objects.count() < 5 and process.poll() is None:
        assert time.monotonic() < deadline, "the publisher made no progress"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    live = set(NewsArticlePage.objects.live().values_list("pk", flat=True))
    delivered = {int(pk) for pk in WebhookDelivery.objects.values_list("object_id", flat=True)}
    assert 5 <= len(live) < 60, "the kill should land half-way"
    assert live == delivered


def test_a_publish_and_its_outbox_commit_together(home):
    """A failure while the outbox is written (here: a receiver of ``content_changing`` that
    raises) undoes the publish itself: the page is not live, no delivery row is left."""
    from equity.headless.publication import content_changing

    newsroom = NewsroomPage(title="Newsroom", slug="news")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    release = NewsArticlePage(title="Atomic", slug="atomic", summary="S.", live=False)
    newsroom.add_child(instance=release)
    WebhookEndpoint.objects.create(name="App", url="http://127.0.0.1:9/hook", secret="s")

    def crash(sender, change, **kwargs):
        raise RuntimeError("the process dies here")

    content_changing.connect(crash, dispatch_uid="test.crash")
    try:
        with pytest.raises(RuntimeError):
            release.save_revision().publish()
    finally:
        content_changing.disconnect(dispatch_uid="test.crash")
    release.refresh_from_db()
    assert not release.live
    assert not WebhookDelivery.objects.filter(object_id=str(release.pk)).exists()


def test_a_privacy_change_purges_the_page_and_everything_that_lists_it(
    scene, django_capture_on_commit_callbacks
):
    """A release made private (and public again) purges exactly its addresses, like an
    unpublish: a CDN must not keep serving it for its max-age."""
    from wagtail.models import PageViewRestriction

    pages, _ = scene
    release = pages["release"]
    for change in ("restrict", "lift"):
        with (
            PurgeReceiver() as purge,
            override_settings(WAGTAILFRONTENDCACHE=purge.settings()),
            django_capture_on_commit_callbacks(execute=True),
        ):
            if change == "restrict":
                restriction = PageViewRestriction.objects.create(
                    page=release, restriction_type="login"
                )
            else:
                restriction.delete()
        assert sorted(purge.paths) == sorted(addresses(pages, "release")), change

"""Representations stored once per published revision (equity.headless.representations).

With the store on and the response cache off (so every request reaches the views), a
published change — of the page itself or of a library resource it shows — is never served
stale on any surface that uses the store; a draft, a preview, a signed-in editor and a
restricted page never read or write it; and the second request for a list serialises no
StreamField. Counts come from counters on the real serialisation and rendering functions.
Each test runs with a process-local cache and with Redis (the production caches).
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from wagtail.blocks import StreamBlock
from wagtail.blocks.base import BoundBlock
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

RELEASES = "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*"


@pytest.fixture
def counters(monkeypatch):
    """How many StreamField values were serialised for the API and blocks rendered as HTML."""
    counts = {"api": 0, "html": 0}
    serialise, render = StreamBlock.get_api_representation, BoundBlock.render_as_block

    def counted_serialise(self, *args, **kwargs):
        counts["api"] += 1
        return serialise(self, *args, **kwargs)

    def counted_render(self, *args, **kwargs):
        counts["html"] += 1
        return render(self, *args, **kwargs)

    monkeypatch.setattr(StreamBlock, "get_api_representation", counted_serialise)
    monkeypatch.setattr(BoundBlock, "render_as_block", counted_render)
    return counts


def stored_keys() -> list[str]:
    """The entries in a process-local store (not the generations)."""
    cache = caches["default"]
    keys = getattr(cache, "_cache", {}).keys()
    return [key for key in keys if "equity:repr:" in key and ":gen:" not in key]


def surfaces(pages) -> dict[str, str]:
    landing, release = pages["landing"], pages["release"]
    return {
        "release page": release.url,
        "landing page": landing.url,
        "v2 detail": f"/api/v2/pages/{release.pk}/",
        "v2 list": RELEASES,
        "v2 releases": "/api/v2/releases/?fields=*",
        "v3 detail": f"/api/v3/pages/{release.pk}/",
        "v2 landing": f"/api/v2/pages/{landing.pk}/",
        "v3 landing": f"/api/v3/pages/{landing.pk}/",
        "v3 markdown": f"/api/v3/pages/{release.pk}/?rich_text_format=markdown",
    }


def warm(client, urls):
    for url in urls:
        assert client.get(url).status_code == 200, url
        assert client.get(url).status_code == 200, url


def test_a_published_change_is_never_served_stale(
    store, scene, client, counters, django_capture_on_commit_callbacks
):
    pages, _ = scene
    release = pages["release"]
    urls = surfaces(pages)
    release_urls = [url for name, url in urls.items() if "landing" not in name]
    warm(client, release_urls)
    counters.update(api=0, html=0)
    for url in release_urls:  # all stored: nothing serialised or rendered again
        assert client.get(url).status_code == 200
    assert counters == {"api": 0, "html": 0}

    with django_capture_on_commit_callbacks(execute=True):
        revision = release.get_latest_revision_as_object()
        revision.body = [
            {"type": "paragraph", "value": "<p>A corrected paragraph.</p>"},
        ]
        revision.title = "Corrected news"
        revision.save_revision().publish()
    for name, url in urls.items():
        if "landing" in name:
            continue
        content = client.get(url).content
        assert b"A corrected paragraph" in content, f"{name} ({url}) served stale"
        assert b"Corrected news" in content, f"{name} ({url}) served a stale title"


def test_a_library_resource_published_reaches_the_pages_that_show_it(
    store, scene, client, django_capture_on_commit_callbacks
):
    pages, objects = scene
    urls = {name: url for name, url in surfaces(pages).items() if "landing" in name}
    warm(client, urls.values())
    for url in urls.values():
        assert b"Equity toolkit" in client.get(url).content, url
    resource = objects["resource"]
    with django_capture_on_commit_callbacks(execute=True):
        resource.title = "Renamed toolkit"
        resource.save_revision().publish()
    for name, url in urls.items():
        content = client.get(url).content
        assert b"Renamed toolkit" in content, f"{name} ({url}) served a stale resource"
        assert b"Equity toolkit" not in content, f"{name} ({url}) served a stale resource"


def test_the_second_request_for_a_list_serialises_no_streamfield(store, scene, client, counters):
    for url in (RELEASES, "/api/v2/releases/?fields=*"):
        counters.update(api=0)
        assert client.get(url).json()["items"]
        assert counters["api"] > 0, "the first request serialises the bodies"
        counters.update(api=0)
        assert client.get(url).json()["items"]
        assert counters["api"] == 0, f"{url}: a StreamField serialised again"


def test_a_draft_or_a_preview_never_reads_or_writes_the_store(
    store, scene, client, counters, django_capture_on_commit_callbacks
):
    pages, _ = scene
    release = pages["release"]
    # On the host Wagtail's preview request uses: the same key but for the preview.
    client.defaults["HTTP_HOST"] = "localhost"
    warm(client, [release.url])
    with django_capture_on_commit_callbacks(execute=True):
        draft = release.get_latest_revision_as_object()
        draft.body = [{"type": "paragraph", "value": "<p>A draft paragraph.</p>"}]
        draft.save_revision()
    # The preview renders the draft: never the stored live body, and it stores nothing.
    preview = draft.make_preview_request()
    assert b"A draft paragraph" in preview.content
    counters.update(html=0)
    response = client.get(release.url)
    assert b"A draft paragraph" not in response.content
    assert counters["html"] == 0, "the live body is still the stored one"


def test_a_signed_in_editor_never_reads_or_writes_the_store(store, scene, client, counters):
    pages, _ = scene
    release = pages["release"]
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    counters.update(api=0, html=0)
    for _ in range(2):
        assert client.get(release.url).status_code == 200
        assert client.get(RELEASES).status_code == 200
    assert counters["html"] >= 2 and counters["api"] >= 2, "an editor's requests never read"
    if store == "locmem":
        assert stored_keys() == [], "an editor's requests never write"


def test_a_restricted_page_is_never_stored(store, scene, client, counters):
    pages, _ = scene
    release = pages["release"]
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    # Anonymous visitors get the password form; one who knows the password has a session.
    assert b"Big news" not in client.get(release.url).content
    restriction = PageViewRestriction.objects.get(page=release)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert b"Big news" in client.get(release.url).content
    counters.update(html=0)
    for _ in range(2):
        assert client.get(release.url).status_code == 200
    assert counters["html"] >= 2
    if store == "locmem":
        assert not [key for key in stored_keys() if f":{release.pk}:" in key]
    # Nor in the API, for a visitor without the session.
    client.cookies.clear()
    assert client.get(f"/api/v2/pages/{release.pk}/").status_code == 404


def test_a_stored_library_resource_follows_its_publish_and_its_topics(
    store, scene, client, counters, django_capture_on_commit_callbacks
):
    _, objects = scene
    resource, topic = objects["resource"], objects["topic"]
    with django_capture_on_commit_callbacks(execute=True):
        resource.save_revision().publish()  # a live revision: its representations are stored
    urls = [f"/api/v2/resources/{resource.pk}/", "/api/v2/resources/?fields=*"]
    warm(client, urls)
    with django_capture_on_commit_callbacks(execute=True):
        topic.slug = "renamed-topic"
        topic.save()
    for url in urls:
        assert b"renamed-topic" in client.get(url).content, f"{url} kept a stale topic"
    with django_capture_on_commit_callbacks(execute=True):
        resource.title = "Republished toolkit"
        resource.save_revision().publish()
    for url in urls:
        assert b"Republished toolkit" in client.get(url).content, f"{url} served stale"


def test_a_listing_total_is_counted_once_per_publication(
    store, scene, client, home, django_capture_on_commit_callbacks
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from newsroom.models import NewsArticlePage

    total = client.get(RELEASES).json()["meta"]["total_count"]
    with CaptureQueriesContext(connection) as queries:
        assert client.get(RELEASES).json()["meta"]["total_count"] == total
    assert not [q for q in queries if "COUNT(" in q["sql"].upper()], "counted again"
    newsroom = scene[0]["release"].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        release = NewsArticlePage(title="More news", slug="more-news", summary="More.")
        newsroom.add_child(instance=release)
        release.save_revision().publish()
    assert client.get(RELEASES).json()["meta"]["total_count"] == total + 1
    with django_capture_on_commit_callbacks(execute=True):
        release.unpublish()
    assert client.get(RELEASES).json()["meta"]["total_count"] == total

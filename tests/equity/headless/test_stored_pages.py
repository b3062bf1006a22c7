"""Whole pages rendered once per publication for anonymous readers (equity.headless.stored_pages).

With the store on and the response cache off (every request reaches Wagtail's routing): the
second anonymous request for a page renders nothing and runs fewer queries; any published
change — the page, a page in the menu, a shared record it shows — is never served stale; a
signed-in editor, a restricted page, an embargoed release and an address with a parameter
no page reads never read the store (a poisoned store proves it) or write it. Each test runs
with a process-local cache and with Redis.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks
from wagtail.models import PageViewRestriction

from equity.headless import representations
from equity.models import EquityContentPage
from newsroom.models import NewsArticlePage

from .test_representations import stored_keys

pytestmark = pytest.mark.django_db

POISON = b"<p>POISONED STORED PAGE</p>"
ADDRESS = "equity:repr:address:"


@pytest.fixture
def renders(monkeypatch):
    """How many times a release's page built its context (what a stored page skips)."""
    counts = {"release": 0}
    original = NewsArticlePage.get_context

    def counted(self, *args, **kwargs):
        counts["release"] += 1
        return original(self, *args, **kwargs)

    monkeypatch.setattr(NewsArticlePage, "get_context", counted)
    return counts


@pytest.fixture
def poisoned(monkeypatch):
    """Every read of the store by page finds a planted page: whoever must not read it shows
    it. (Not by address: an address is read before routing, for any page, and only ever
    holds what a page's own checks let ``serve_stored`` keep; ``poisoned_addresses``.)"""
    value = {"body": POISON, "headers": {"Content-Type": "text/html; charset=utf-8"}}
    monkeypatch.setattr(representations.Batch, "get", lambda self, key: planted(key, value))


@pytest.fixture
def poisoned_addresses(monkeypatch):
    """Every read of the store, by page or by address, finds a planted page."""
    value = {"body": POISON, "headers": {"Content-Type": "text/html; charset=utf-8"}}
    monkeypatch.setattr(
        representations.Batch, "get", lambda self, key: planted(key, value, ADDRESS)
    )


def planted(key: str, value, *prefixes: str):
    """The planted value for a whole page's key (a stored body or API item reads nothing)."""
    return value if key.startswith(("equity:repr:page:", *prefixes)) else None


def page_keys() -> list[str]:
    """Stored pages, by page and by address."""
    return [key for key in stored_keys() if "equity:repr:page:" in key or ADDRESS in key]


def test_the_second_request_renders_nothing_and_runs_fewer_queries(store, scene, client, renders):
    release = scene[0]["release"]
    with CaptureQueriesContext(connection) as rendered:
        first = client.get(release.url)
    assert first.status_code == 200 and renders["release"] == 1
    with CaptureQueriesContext(connection) as stored:
        second = client.get(release.url)
    assert renders["release"] == 1, "the stored page was rendered again"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    # Routing, the view-restriction check and the content version only: not the release's
    # contacts, related pages, tags, settings, menu or translations.
    assert len(stored) <= len(rendered) - 5, [query["sql"] for query in stored]
    if store == "locmem":
        assert len(page_keys()) == 2  # the page, and the page by its address


def test_a_stored_address_is_answered_before_routing_unless_a_hook_must_run(
    store, scene, client, renders
):
    """The second request for a stored address runs one query at most (the content version);
    a project's own page-serving hook makes every request go through Wagtail's view again."""
    release = scene[0]["release"]
    first = client.get(release.url)
    with CaptureQueriesContext(connection) as stored:
        second = client.get(release.url)
    assert second.content == first.content and renders["release"] == 1
    assert len(stored) <= 1, [query["sql"] for query in stored]

    seen = []
    with hooks.register_temporarily("before_serve_page", lambda *args: seen.append(args[0].pk)):
        for _ in range(2):
            with CaptureQueriesContext(connection) as served:
                assert client.get(release.url).content == first.content
            assert len(served) > 1
    assert seen == [release.pk, release.pk]
    assert renders["release"] == 1  # still the stored page, found after routing


def test_a_published_change_is_never_served_stale(
    store, scene, client, home, django_capture_on_commit_callbacks
):
    pages, objects = scene
    release, landing = pages["release"], pages["landing"]
    newsroom = release.get_parent()
    urls = [release.url, newsroom.url, landing.url, home.url]
    for url in urls:
        client.get(url)
        assert client.get(url).status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        revision = release.get_latest_revision_as_object()
        revision.title = "Corrected news"
        revision.save_revision().publish()
    for url in (release.url, newsroom.url):
        assert b"Corrected news" in client.get(url).content, f"{url} served stale"

    # A new page in the menu shows on every page, though none of them was published.
    with django_capture_on_commit_callbacks(execute=True):
        about = EquityContentPage(title="About the menu", slug="about", show_in_menus=True)
        home.add_child(instance=about)
        about.save_revision().publish()
    for url in urls:
        assert b"About the menu" in client.get(url).content, f"{url} kept a stale menu"

    # A shared record the release shows, edited without publishing the release.
    with django_capture_on_commit_callbacks(execute=True):
        contact = objects["contact"]
        contact.name = "Renamed Contact"
        contact.save()
        settings = objects["settings"]
        settings.about_text = "<p>A new About paragraph.</p>"
        settings.save()
    content = client.get(release.url).content
    assert b"Renamed Contact" in content and b"A new About paragraph" in content


def test_a_draft_is_never_shown_and_a_preview_never_stored(
    store, scene, client, django_capture_on_commit_callbacks
):
    release = scene[0]["release"]
    client.defaults["HTTP_HOST"] = "localhost"  # the host Wagtail's preview request uses
    client.get(release.url)
    with django_capture_on_commit_callbacks(execute=True):
        draft = release.get_latest_revision_as_object()
        draft.title = "Draft headline"
        draft.save_revision()
    keys = page_keys() if store == "locmem" else []
    assert b"Draft headline" in draft.make_preview_request().content
    if store == "locmem":
        assert page_keys() == keys, "a preview wrote the store"
    assert b"Draft headline" not in client.get(release.url).content


def test_a_signed_in_editor_never_reads_or_writes(store, scene, client, poisoned_addresses):
    release = scene[0]["release"]
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw")
    client.force_login(editor)
    content = client.get(release.url).content
    assert POISON not in content and b"Big news" in content
    if store == "locmem":
        assert page_keys() == []


def test_a_restricted_page_is_never_read_or_stored(store, scene, client, monkeypatch):
    release = scene[0]["release"]
    PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    restriction = PageViewRestriction.objects.get(page=release)
    with monkeypatch.context() as patch:  # an anonymous visitor: the password form
        value = {"body": POISON, "headers": {}}
        patch.setattr(representations.Batch, "get", lambda self, key: planted(key, value))
        content = client.get(release.url).content
    assert POISON not in content and b"Big news" not in content
    # One who passed the password carries a session; were it taken for anonymous, the page
    # it is shown is still never written (the restriction is on the page).
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    monkeypatch.setattr(representations, "eligible", lambda request: True)
    assert b"Big news" in client.get(release.url).content
    if store == "locmem":
        assert page_keys() == []


def test_an_embargo_in_force_or_an_unknown_parameter_is_never_read(
    store, scene, client, poisoned, monkeypatch
):
    release = scene[0]["release"]
    content = client.get(f"{release.url}?utm_source=mail").content
    assert POISON not in content and b"Big news" in content
    monkeypatch.setattr(NewsArticlePage, "embargo_in_force", True)
    content = client.get(release.url).content
    assert POISON not in content and b"Big news" in content

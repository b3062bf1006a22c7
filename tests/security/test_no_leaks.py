"""Nothing that is not live and public leaks through any surface.

Each state is a press release whose title carries a unique marker; every surface is fetched
anonymously and must not contain it. One test per state covers every surface (a failure
lists each surface that leaks), so the state is built once rather than once per surface.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.models import NewsArticlePage, NewsroomPage

pytestmark = pytest.mark.django_db


def add_release(newsroom, marker: str, *, publish: bool = True) -> NewsArticlePage:
    release = NewsArticlePage(
        title=f"Release {marker}",
        slug=marker.lower(),
        summary=f"Summary {marker}",
        release_date=datetime.date(2026, 1, 1),
    )
    newsroom.add_child(instance=release)
    revision = release.save_revision()
    if publish:
        revision.publish()
    else:
        release.live = False
        release.save(update_fields=["live"])
    return release


def draft(newsroom, marker):
    add_release(newsroom, marker, publish=False)


def scheduled(newsroom, marker):
    """An embargoed release: approved for publishing at a time still in the future."""
    release = add_release(newsroom, marker, publish=False)
    release.go_live_at = timezone.now() + datetime.timedelta(days=2)
    release.save_revision().publish()  # with a future go-live, this only schedules it
    release.refresh_from_db()
    assert not release.live


def unpublished(newsroom, marker):
    add_release(newsroom, marker).unpublish()


def expired(newsroom, marker):
    release = add_release(newsroom, marker)
    release.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    release.save()
    from django.core.management import call_command

    call_command("publish_scheduled", verbosity=0)
    release.refresh_from_db()
    assert release.expired and not release.live


def restricted(restriction_type: str, **extra):
    def make(newsroom, marker):
        release = add_release(newsroom, marker)
        restriction = PageViewRestriction.objects.create(
            page=release, restriction_type=restriction_type, **extra
        )
        if restriction_type == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get_or_create(name="Staff")[0])

    return make


def draft_change(newsroom, marker):
    """A live release with unpublished changes: the change must not show."""
    release = add_release(newsroom, "live-release-with-draft")
    release.title = f"Release {marker}"
    release.summary = f"Summary {marker}"
    release.save_revision()


STATES = {
    "draft": draft,
    "scheduled": scheduled,
    "unpublished": unpublished,
    "expired": expired,
    "login": restricted(PageViewRestriction.LOGIN),
    "group": restricted(PageViewRestriction.GROUPS),
    "password": restricted(PageViewRestriction.PASSWORD, password="s3cret"),
    "draft-change": draft_change,
}

SURFACES = {
    "newsroom html": "/news/",
    "home latest releases": "/",
    "site search": "/search/?q=Release",
    "rss feed": "/news/feed/rss/",
    "atom feed": "/news/feed/atom/",
    "sitemap": "/sitemap.xml",
    "api v2 list": "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*",
    "api v2 detail": "/api/v2/pages/{pk}/",
    "api v2 find": "/api/v2/pages/find/?html_path=/news/{slug}/",
    "api v2 search": "/api/v2/pages/?search=Release",
    "api v2 releases": "/api/v2/releases/?fields=*",
    "api v3 list": "/api/v3/pages/?type=newsroom.NewsArticlePage",
    "api v3 detail": "/api/v3/pages/{pk}/",
    "api v3 find": "/api/v3/pages/find/?html_path=/news/{slug}/",
    "api v3 search": "/api/v3/pages/?search=Release",
    "release html": "/news/{slug}/",
}


@pytest.fixture
def newsroom(newsroom) -> NewsroomPage:
    """The suite's newsroom, with a public release so every listing has something to show."""
    add_release(newsroom, "PublicRelease")
    return newsroom


def leaks(client, state: str, marker: str, release, public) -> list[str]:
    """What each surface leaks of ``release`` (hidden in ``state``), or how it fails to show
    ``public`` (the positive control: a broken search, an empty feed, a detail view that 404s
    cannot pass as "no leak")."""
    found = []
    for surface, template in SURFACES.items():
        url = template.format(marker=marker, pk=release.pk, slug=release.slug)
        body = fetch(client, url)
        # Neither the title nor the address of the hidden release may appear (except on the
        # release's own address, whose login or password form names the page asked for).
        secrets = [marker] if surface == "release html" else [marker, f"/news/{marker.lower()}/"]
        found += [
            f"{state} leaks {s} through {surface} ({url})" for s in secrets if s.encode() in body
        ]
        control_url = template.format(marker=marker, pk=public.pk, slug=public.slug)
        control = body if control_url == url else fetch(client, control_url)
        visible = b"/news/publicrelease/" if surface == "sitemap" else b"Release PublicRelease"
        if visible not in control:
            found.append(f"{surface} does not show the public release ({control_url})")
    return found


@pytest.mark.parametrize("state", STATES)
def test_nothing_leaks(client, newsroom, state):
    marker = f"Secret{state.title().replace('-', '')}"
    STATES[state](newsroom, marker)
    release = NewsArticlePage.objects.filter(title__contains="Release").order_by("-pk").first()
    public = NewsArticlePage.objects.get(slug="publicrelease")
    assert leaks(client, state, marker, release, public) == []


# --- With the production caches on: a release seen while public is gone once it is hidden ---

HIDERS = {
    "unpublished": lambda release: release.unpublish(),
    "expired": lambda release: expire(release),
    "login": lambda release: PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.LOGIN
    ),
    "password": lambda release: PageViewRestriction.objects.create(
        page=release, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    ),
}


def expire(release):
    from django.core.management import call_command

    release.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    release.save()
    call_command("publish_scheduled", verbosity=0)


def fetch(client, url) -> bytes:
    response = client.get(url, follow=True)
    assert response.status_code < 500
    return b"".join(response.streaming_content) if response.streaming else response.content


# Search is never cached (EXCLUDE_PREFIXES of the anonymous cache): nothing to invalidate.
UNCACHED_SURFACES = {"site search"}


@pytest.fixture(params=["response cache", "stores"])
def caching(request):
    """The production caches (Redis): with the anonymous response cache on, or with it off and
    the representation, page and response stores answering (every address the response cache
    has not seen)."""
    request.getfixturevalue("production_caches")
    with override_settings(ANONYMOUS_CACHE={"ENABLED": request.param == "response cache"}):
        yield request.param


@pytest.mark.parametrize("state", HIDERS)
def test_nothing_cached_or_stored_leaks_once_hidden(
    client, newsroom, caching, state, django_capture_on_commit_callbacks
):
    """A release seen while public on every surface — the second time from the response
    cache or the stores — is gone from all of them once hidden."""
    marker = f"Cached{state.title()}"
    with django_capture_on_commit_callbacks(execute=True):
        release = add_release(newsroom, marker)
    address = f"/news/{marker.lower()}/"
    urls = {
        surface: url.format(pk=release.pk, slug=release.slug) for surface, url in SURFACES.items()
    }
    for surface, url in urls.items():
        shown = fetch(client, url)
        visible = address if surface == "sitemap" else marker  # the sitemap lists addresses
        assert visible.encode() in shown, f"{surface} should show the public release first"
        again = client.get(url, follow=True)
        if caching == "response cache" and surface not in UNCACHED_SURFACES:
            # Cached: so what follows tests invalidation, not a cache that stores nothing.
            assert again["X-Anonymous-Cache"] == "hit", f"{surface} was not cached ({url})"
    with django_capture_on_commit_callbacks(execute=True):
        HIDERS[state](release)
    found = []
    for surface, url in urls.items():
        body = fetch(client, url)
        secrets = [marker] if surface == "release html" else [marker, address]
        found += [
            f"{state} leaks {s} through {caching}: {surface}" for s in secrets if s.encode() in body
        ]
    assert found == []

"""Newsroom fixtures: contacts and a release factory (the newsroom itself is the suite's
``newsroom`` fixture, tests/conftest.py)."""

import datetime
import functools

import pytest
from django.utils import timezone

from cms_site.demo.generators import ensure_generated_releases
from newsroom.models import (
    MediaContact,
    NewsArticleContact,
    NewsArticlePage,
    NewsroomPage,
)
from tests.conftest import block


@pytest.fixture
def contacts(db) -> list[MediaContact]:
    return [
        MediaContact.objects.create(
            name="Dana Whitfield",
            role="Communications Director",
            organisation="Example League",
            phone="(916) 555-0134",
            email="press@example.org",
        ),
        MediaContact.objects.create(
            name="Lin Okada",
            role="Caucus Lead",
            organisation="Example Caucus",
            phone="+1 510 555 0187",
            email="caucus@example.org",
        ),
    ]


def create_release(
    newsroom: NewsroomPage,
    title: str = "A release",
    release_date: datetime.date = datetime.date(2021, 3, 19),
    tags: tuple[str, ...] = (),
    contacts: list[MediaContact] = (),
    state: str = "live",
    embargo_in: datetime.timedelta = datetime.timedelta(days=1),
    body: list | None = None,
    **fields,
) -> NewsArticlePage:
    """Create a release under ``newsroom``. ``state`` is "live" (published), "draft" (never
    published) or "embargoed" (published under an embargo that lifts in ``embargo_in``)."""
    page = NewsArticlePage(
        title=title,
        release_date=release_date,
        summary=f"Summary of {title}.",
        byline="Karina Gonzalez",
        dateline="Sacramento",
        body=body if body is not None else [block("paragraph", f"<p>Body of {title}.</p>")],
        **fields,
    )
    if state == "embargoed":
        page.release_status = "embargoed"
        page.embargo_until = timezone.now() + embargo_in
    if state != "live":
        page.live = False
    page.tags.add(*tags)
    page.media_contacts = [
        NewsArticleContact(contact=contact, sort_order=index)
        for index, contact in enumerate(contacts)
    ]
    newsroom.add_child(instance=page)
    if state != "draft":
        page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def make_release(newsroom):
    """``make_release(title, ...)``: ``create_release`` under the test's newsroom."""
    return functools.partial(create_release, newsroom)


@pytest.fixture
def bulk_releases(newsroom):
    """``bulk_releases(n)``: n generated live releases, written in bulk like the demo."""

    def make(count: int) -> None:
        ensure_generated_releases(newsroom, count)

    return make

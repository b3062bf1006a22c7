"""Content for the API tests: a landing page, a newsroom with a tagged release whose body holds
an image and a call to action, and a library resource with a topic and a host."""

import datetime

import pytest

from equity.models import Resource, Topic
from equity.models.library import ResourceHost
from newsroom.models import MediaContact, NewsArticleContact, NewsArticlePage, NewsroomPage
from tests.built_once import builds, shared
from tests.conftest import block


@builds("release", "home", "image", "landing_page")
def build_release(home, image, landing_page) -> NewsArticlePage:
    """A newsroom with one published release: tagged, a contact, an image and a call to
    action in its body."""
    newsroom = NewsroomPage(title="Newsroom", slug="news", intro="<p>Statements.</p>")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    contact = MediaContact.objects.create(
        name="Dana Whitfield", role="Director", organisation="League", email="p@example.org"
    )
    page = NewsArticlePage(
        title="Cities unite",
        release_date=datetime.date(2024, 5, 1),
        summary="Cities agree a shared response.",
        byline="Karina Gonzalez",
        dateline="Sacramento",
        hero_image=image,
        body=[
            block("paragraph", "<p>City leaders met today.</p>"),
            block("image", {"image": image.pk, "alt_text": "A banner", "caption": "Hi"}),
            block("call_to_action", {"label": "Home", "page": home.pk, "url": ""}),
        ],
    )
    page.tags.add("housing", "transit")
    page.media_contacts = [NewsArticleContact(contact=contact, sort_order=0)]
    newsroom.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def release(home, image, landing_page, content_built_once) -> NewsArticlePage:
    """``build_release``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "release", lambda: build_release(home, image, landing_page))


@builds("resource")
def build_resource() -> Resource:
    """A library resource with a topic and a host."""
    topic = Topic.objects.create(name="Housing", slug="housing")
    resource = Resource(
        title="City housing toolkit",
        kind="toolkit",
        summary="How cities house people.",
        url="https://toolkit.example.org/",
        date=datetime.date(2023, 4, 1),
    )
    resource.topics = [topic]
    resource.hosts = [ResourceHost(name="Equity Institute")]
    resource.save()
    return resource


@pytest.fixture
def resource(db, content_built_once) -> Resource:
    """``build_resource``: built for this test, or a copy of the module's (see ``shared``)."""
    return shared(content_built_once, "resource", build_resource)

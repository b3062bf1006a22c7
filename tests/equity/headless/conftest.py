"""The scene the publication pipeline's and the stores' tests share (the store itself: the
root conftest)."""

import pytest
from django.core.files.base import ContentFile
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Site

from equity.models import Resource, ResourceLibraryPage, Topic
from newsroom.models import (
    MediaContact,
    NewsArticleContact,
    NewsArticlePage,
    NewsroomPage,
    NewsroomSettings,
)
from tests.conftest import block


@pytest.fixture
def scene(home, landing_page, image):
    """A landing page showing a library resource (with a topic and a document) and the hero
    image; the library page; a newsroom with one release that shows a media contact, the
    image, the tag "Housing" and the site's About paragraph."""
    document = get_document_model()(title="Toolkit file")
    document.file.save("toolkit.txt", ContentFile(b"A toolkit."), save=False)
    document.save()
    topic = Topic.objects.create(name="Housing policy", slug="housing-policy")
    resource = Resource.objects.create(
        title="Equity toolkit",
        kind="report",
        summary="Steps for cities.",
        url="https://toolkit.example.org/",
        document=document,
    )
    resource.topics.add(topic)
    resource.save()
    section = {
        "heading": "From the library",
        "intro": "",
        "items": [block("library_resource", {"resource": resource.pk})],
    }
    landing_page.body = [*landing_page.body.raw_data, block("resource_section", section)]
    landing_page.save_revision().publish()
    library = ResourceLibraryPage(title="Resources", slug="resources", per_page=5)
    landing_page.add_child(instance=library)
    library.save_revision().publish()

    newsroom = NewsroomPage(title="Newsroom", slug="news")
    home.add_child(instance=newsroom)
    newsroom.save_revision().publish()
    settings = NewsroomSettings.for_site(Site.objects.get(is_default_site=True))
    settings.about_heading = "About the League"
    settings.about_text = "<p>The League speaks up for cities.</p>"
    settings.save()
    contact = MediaContact.objects.create(name="Dana Whitfield", email="press@example.org")
    release = NewsArticlePage(
        title="Big news",
        slug="big-news",
        summary="Something happened.",
        body=[block("image", {"image": image.pk, "alt_text": "", "caption": ""})],
    )
    release.tags.add("Housing")
    release.media_contacts = [NewsArticleContact(contact=contact, sort_order=0)]
    newsroom.add_child(instance=release)
    release.save_revision().publish()
    pages = {"landing": landing_page, "library": library, "release": release}
    objects = {
        "resource": resource,
        "topic": topic,
        "document": document,
        "image": image,
        "contact": contact,
        "settings": settings,
        "tag": Tag.objects.get(name="Housing"),
    }
    return pages, objects

"""Images and documents: private collections and media only hidden pages use are served to
no anonymous visitor and listed nowhere public; /media/documents/ is never served.

Every case has a positive control (an image or document a public page uses is listed and
served), so a surface that serves nothing cannot pass as "no leak".
"""

import datetime
import io
import uuid

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, CollectionViewRestriction

from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def make_image(title: str, collection=None):
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 32), (200, 20, 20)).save(buffer, format="PNG")
    image = get_image_model()(title=title, description=title)
    image.file = ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
    if collection is not None:
        image.collection = collection
    image.save()
    return image


def make_document(title: str, collection=None):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(b"%PDF-1.4 x"))
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def paragraph_linking(document) -> list[dict]:
    html = f'<p>Read <a linktype="document" id="{document.pk}">the report</a>.</p>'
    return [{"type": "paragraph", "value": html, "id": str(uuid.uuid4())}]


def add_release(newsroom, slug, *, image=None, document=None, publish=True, go_live_at=None):
    release = NewsArticlePage(
        title=f"Release {slug}",
        slug=slug,
        summary="Summary",
        release_date=datetime.date(2026, 1, 1),
        hero_image=image,
        body=paragraph_linking(document) if document else [],
    )
    newsroom.add_child(instance=release)
    if go_live_at is not None:
        release.live = False
        release.save(update_fields=["live"])
        release.go_live_at = go_live_at
        release.save_revision().publish()
    elif publish:
        release.save_revision().publish()
    else:
        release.live = False
        release.save(update_fields=["live"])
        release.save_revision()
    release.refresh_from_db()
    return release


@pytest.fixture
def media(newsroom):
    """Public (used by a live release), embargoed-only, draft-only and unused media."""
    items = {
        "public": (make_image("Public chart"), make_document("Public report")),
        "embargoed": (make_image("Embargoed chart"), make_document("Embargoed report")),
        "draft": (make_image("Draft chart"), make_document("Draft report")),
        "unused": (make_image("Unused chart"), make_document("Unused report")),
    }
    add_release(newsroom, "public-release", image=items["public"][0], document=items["public"][1])
    embargo = timezone.now() + datetime.timedelta(days=2)
    release = add_release(
        newsroom,
        "embargoed-release",
        image=items["embargoed"][0],
        document=items["embargoed"][1],
        go_live_at=embargo,
    )
    assert not release.live
    add_release(
        newsroom,
        "draft-release",
        image=items["draft"][0],
        document=items["draft"][1],
        publish=False,
    )
    return items


def rendition_url(image) -> str:
    return image.get_rendition("fill-32x16").url


def test_public_media_is_listed_and_served(client, media):
    image, document = media["public"]
    assert image.title in client.get("/api/v2/images/").content.decode()
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200
    assert document.title in client.get("/api/v2/documents/").content.decode()
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 200
    original = client.get(image.file.url)
    assert original.status_code == 200
    assert original["Cache-Control"].startswith("public")
    assert client.get(rendition_url(image)).status_code == 200
    assert client.get(document.url).status_code == 200


@pytest.mark.parametrize("state", ["embargoed", "draft", "unused"])
def test_media_only_hidden_pages_use_is_not_discoverable(client, media, state):
    image, document = media[state]
    listing = client.get("/api/v2/images/?limit=100").content.decode()
    assert image.title not in listing
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 404
    assert document.title not in client.get("/api/v2/documents/?limit=100").content.decode()
    assert client.get(f"/api/v2/documents/{document.pk}/").status_code == 404
    assert client.get(image.file.url).status_code == 404
    assert client.get(rendition_url(image)).status_code == 404
    assert client.get(document.url).status_code == 404
    # Nor through search in the APIs.
    assert image.title not in client.get(f"/api/v2/images/?search={state}").content.decode()


def test_editors_see_every_file(admin_client, media):
    image, document = media["embargoed"]
    assert admin_client.get(image.file.url).status_code == 200
    response = admin_client.get(rendition_url(image))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert admin_client.get(document.url).status_code == 200


def test_media_becomes_public_when_its_release_is_published(client, media):
    image, _document = media["embargoed"]
    release = NewsArticlePage.objects.get(slug="embargoed-release")
    release.go_live_at = None
    release.save_revision().publish()
    release.refresh_from_db()
    assert release.live
    assert client.get(f"/api/v2/images/{image.pk}/").status_code == 200
    assert client.get(image.file.url).status_code == 200


@pytest.fixture
def private_collection():
    root = Collection.get_first_root_node()
    collection = root.add_child(name="Board papers")
    CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    return collection


def test_private_collection_files_are_not_served_anonymously(
    client, admin_client, newsroom, private_collection
):
    image = make_image("Board chart", private_collection)
    document = make_document("Board minutes", private_collection)
    # Used by a public page, so only the collection keeps them private.
    add_release(newsroom, "uses-private", image=image, document=document)
    for url in (image.file.url, rendition_url(image), document.file.url):
        assert client.get(url).status_code == 404, url
    # The document view asks for a login, as Wagtail's collection restriction says.
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert "Board chart" not in client.get("/api/v2/images/").content.decode()
    # Editors see them.
    assert admin_client.get(image.file.url).status_code == 200
    assert admin_client.get(document.url).status_code == 200


def test_media_documents_folder_is_never_served(client, admin_client, media):
    _image, document = media["public"]
    assert document.file.url.startswith("/media/documents/")
    assert client.get(document.file.url).status_code == 404
    assert admin_client.get(document.file.url).status_code == 404
    assert client.get("/media/../site/settings/base.py").status_code == 404


def test_documents_are_served_through_the_checked_view(media):
    _image, document = media["public"]
    assert document.url == f"/documents/{document.pk}/{document.filename}"


def test_refusals_are_never_cached(client, media):
    image, _document = media["draft"]
    response = client.get(image.file.url)
    assert response.status_code == 404
    assert response["Cache-Control"] == "no-store"

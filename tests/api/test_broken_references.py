"""One broken reference never breaks a page or a list: an image whose file is missing from
storage, or unreadable, serialises as ``null`` in every API surface (v2 list and detail, the
releases endpoint, v3 list and detail, the front-end preview), each answers 200, the error
is logged, and no answer shows a server path. Also: a server fault in v3 is a generic 500
problem document, never a 400 with internals."""

import logging

import pytest

from tests.api.test_preview import make_preview

pytestmark = pytest.mark.django_db


def break_file(image, how: str) -> str:
    """Remove the image's file (or overwrite it with garbage) and its renditions."""
    for rendition in image.renditions.all():
        rendition.file.storage.delete(rendition.file.name)
    image.renditions.all().delete()
    storage, name = image.file.storage, image.file.name
    if how == "missing":
        storage.delete(name)
    else:
        with storage.open(name, "wb") as file:
            file.write(b"\x89PNG\r\n\x1a\n not really a png")
    return storage.path(name)


def surfaces(release) -> dict[str, str]:
    return {
        "v2 list": "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*",
        "v2 releases": "/api/v2/releases/?fields=*",
        "v2 detail": f"/api/v2/pages/{release.pk}/",
        "v3 list": "/api/v3/pages/?type=newsroom.NewsArticlePage",
        "v3 detail": f"/api/v3/pages/{release.pk}/",
    }


def body_images(data: dict) -> list:
    return [block["value"] for block in data.get("body", []) if block["type"] == "image"]


@pytest.mark.parametrize("how", ["missing", "unreadable"])
def test_a_broken_image_is_null_and_the_answer_200(client, release, image, how, caplog):
    path = break_file(image, how)
    for name, url in surfaces(release).items():
        caplog.clear()
        with caplog.at_level(logging.ERROR, logger="equity.api_fields"):
            response = client.get(url)
        assert response.status_code == 200, (name, response.content[:300])
        assert path not in response.text
        data = response.json()
        items = data.get("items", [data])
        found = [item for item in items if item["id"] == release.pk]
        if "body" in found[0]:
            assert body_images(found[0]) == [None], name
            assert found[0]["hero_image"] is None, name
            assert any(str(image.pk) in record.getMessage() for record in caplog.records), name
    token = make_preview(release)
    response = client.get(
        "/api/v3/preview/", {"content_type": "newsroom.newsarticlepage", "token": token}
    )
    assert response.status_code == 200, response.content[:300]
    assert body_images(response.json()) == [None]
    assert path not in response.text


def test_an_intact_image_is_a_rendition(client, release):
    data = client.get(f"/api/v3/pages/{release.pk}/").json()
    [value] = body_images(data)
    assert value["image"]["url"].endswith(".png") and value["image"]["alt"] == "A banner"


def test_a_v3_server_fault_is_a_generic_500(client, release, monkeypatch, caplog):
    """A response the server cannot build is its own fault: 500, nothing internal shown."""
    from newsroom.models import NewsArticlePage

    def broken(self):
        raise ValueError("secret internal detail at /srv/app/settings.py")

    monkeypatch.setattr(NewsArticlePage, "release_line", property(broken))
    with caplog.at_level(logging.ERROR):
        response = client.get(f"/api/v3/pages/{release.pk}/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 500 and body["title"] == "Internal Server Error"
    assert "secret" not in response.text and "/srv/" not in response.text
    assert any("secret internal detail" in str(record.exc_info) for record in caplog.records)


def test_deleted_page_resource_and_document_are_null(client, landing_page, release, resource):
    """A chosen page, library resource or linked document deleted since: null, still 200."""
    from wagtail.documents import get_document_model

    from tests.conftest import block

    document = get_document_model().objects.create(title="Report", file="documents/r.pdf")
    landing_page.body.extend(
        [
            ("featured_page_card", {"page": release, "heading": "", "summary": "", "label": ""}),
            (
                "rich_text_section",
                {
                    "heading": "Files",
                    "body": f'<p><a linktype="document" id="{document.pk}">Report</a></p>',
                },
            ),
        ]
    )
    landing_page.save_revision().publish()
    items_block = block("library_resource", {"resource": resource.pk})
    raw = landing_page.body.raw_data
    section = next(item for item in raw if item["type"] == "resource_section")
    section["value"]["items"].append(items_block)
    landing_page.body = raw
    landing_page.save_revision().publish()
    release.delete()
    resource.delete()
    document.delete()
    for url in (f"/api/v2/pages/{landing_page.pk}/", f"/api/v3/pages/{landing_page.pk}/"):
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        body = response.json()["body"]
        [card] = [b["value"] for b in body if b["type"] == "featured_page_card"][1:]
        assert card["page"] is None
        [section] = [b["value"] for b in body if b["type"] == "resource_section"]
        [chosen] = [i["value"] for i in section["items"] if i["type"] == "library_resource"]
        assert chosen == {"resource": None}
        files = [b["value"] for b in body if b["type"] == "rich_text_section"][-1]
        assert "Report" in files["body"] and "documents/r.pdf" not in files["body"]

"""Lookup by path answers the page itself: ``/api/v2/pages/find/``, ``/api/v2/releases/find/``
and ``/api/v3/pages/find/`` give 200 with the detail view's representation (no redirect);
an unknown, draft-only or private path is a 404 in the API's error format."""

import pytest
from wagtail.models import PageViewRestriction

pytestmark = pytest.mark.django_db

FINDERS = {
    "v2 pages": ("/api/v2/pages/find/", "/api/v2/pages/{pk}/"),
    "v2 releases": ("/api/v2/releases/find/", "/api/v2/releases/{pk}/"),
    "v3 pages": ("/api/v3/pages/find/", "/api/v3/pages/{pk}/"),
}


@pytest.mark.parametrize("finder", FINDERS)
def test_a_path_answers_the_page_as_its_detail_does(client, release, finder):
    find, detail = FINDERS[finder]
    response = client.get(find, {"html_path": "/news/cities-unite/"})
    assert response.status_code == 200, response.content
    assert response.json() == client.get(detail.format(pk=release.pk)).json()
    assert response.json()["title"] == "Cities unite"
    by_id = client.get(find, {"id": release.pk})
    assert by_id.status_code == 200 and by_id.json()["id"] == release.pk


def test_v2_find_takes_the_detail_views_parameters(client, release):
    response = client.get(
        "/api/v2/pages/find/", {"html_path": "/news/cities-unite/", "fields": "-body"}
    )
    assert response.status_code == 200
    assert "body" not in response.json() and response.json()["title"] == "Cities unite"


def test_v3_find_takes_the_detail_operations_parameters(client, release):
    params = {"html_path": "/news/cities-unite/", "rich_text_format": "html"}
    found = client.get("/api/v3/pages/find/", params)
    assert found.status_code == 200, found.content
    detail = client.get(f"/api/v3/pages/{release.pk}/", {"rich_text_format": "html"})
    assert found.json() == detail.json()


@pytest.mark.parametrize("finder", FINDERS)
def test_unknown_draft_and_private_paths_are_404s(client, release, finder):
    find, _ = FINDERS[finder]
    draft = release.get_parent().add_child(
        instance=type(release)(
            title="Secret draft",
            slug="secret-draft",
            summary="Not yet.",
            release_date=release.release_date,
            live=False,
        )
    )
    private = release.get_parent().add_child(
        instance=type(release)(
            title="Private one",
            slug="private-one",
            summary="Members only.",
            release_date=release.release_date,
        )
    )
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    for path in ("/news/no-such-release/", "/news/secret-draft/", "/news/private-one/"):
        response = client.get(find, {"html_path": path})
        assert response.status_code == 404, (path, response.status_code)
        assert b"Secret draft" not in response.content and b"Private one" not in response.content
        if finder.startswith("v3"):
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 404
        else:
            assert "message" in response.json()
    assert draft.pk and client.get(find, {"id": draft.pk}).status_code == 404


def test_v2_find_by_id_answers_images_too(client, release, image):
    response = client.get("/api/v2/images/find/", {"id": image.pk})
    assert response.status_code == 200
    assert response.json() == client.get(f"/api/v2/images/{image.pk}/").json()


def test_the_openapi_document_says_find_answers_the_page(client):
    document = client.get("/api/v3/openapi.json").json()
    operation = document["paths"]["/api/v3/pages/find/"]["get"]
    assert set(operation["responses"]) >= {"200", "400", "404"}
    assert not any(status.startswith("3") for status in operation["responses"])
    assert "no redirect" in operation["description"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert names == {"id", "html_path", "site", "version", "rich_text_format"}

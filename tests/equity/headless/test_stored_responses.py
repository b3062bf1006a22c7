"""API answers built once per content version (equity.headless.stored_responses).

With the stores on and the response cache off (so every request reaches the views), the
second anonymous request for a v2 listing or detail, or the v3 page listing, is answered from
the store in at most one query (the content version); a published change is never served
stale (``test_representations``); and a free-text search, a signed-in editor, an API token,
a bad query and an error are never stored. Each test runs with a process-local cache and with
Redis (the production caches).
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def queries(client, url, **headers) -> tuple[int, int]:
    """(status, queries) of one GET."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, **headers)
    return response.status_code, len(context.captured_queries)


def addresses(pages, objects) -> list[str]:
    release, resource = pages["release"], objects["resource"]
    return [
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&offset=0&limit=5",
        f"/api/v2/pages/{release.pk}/",
        f"/api/v2/pages/{pages['landing'].pk}/?fields=-body",
        "/api/v2/releases/?fields=*",
        f"/api/v2/releases/{release.pk}/",
        "/api/v2/resources/",
        f"/api/v2/resources/{resource.pk}/",
        "/api/v3/pages/",
        "/api/v3/pages/?type=newsroom.NewsArticlePage",
    ]


def test_an_api_answer_is_built_once_per_content_version(
    store, scene, client, django_capture_on_commit_callbacks
):
    pages, objects = scene
    for url in addresses(pages, objects):
        first = client.get(url)
        assert first.status_code == 200, url
        status, count = queries(client, url)
        assert status == 200 and count <= 1, f"{url}: {count} queries the second time"
        again = client.get(url)
        assert again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"], url

    # A publish is a new content version: every answer is built again, and says so.
    with django_capture_on_commit_callbacks(execute=True):
        release = pages["release"].get_latest_revision_as_object()
        release.title = "Bigger news"
        release.save_revision().publish()
    for url in addresses(pages, objects):
        if "resources" in url or f"/{pages['landing'].pk}/" in url:
            continue  # they do not show the release
        assert b"Bigger news" in client.get(url).content, f"{url} served stale"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?search=news",
        "/api/v2/resources/?search=toolkit",
        "/api/v3/pages/?search=news",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&order=" + "x" * 201,
    ],
)
def test_a_free_text_search_or_a_long_value_is_never_stored(store, scene, client, url):
    first = queries(client, url)
    assert first[1] > 1
    assert queries(client, url)[1] > 1, f"{url} was stored"


def test_editors_tokens_bad_queries_and_errors_never_read_or_write_it(store, scene, client):
    pages, _ = scene
    url = f"/api/v2/pages/{pages['release'].pk}/"
    editor = get_user_model().objects.create_superuser("editor", "e@example.org", "pw-12345678")
    client.force_login(editor)
    for _ in range(2):
        assert queries(client, url)[1] > 1, "a signed-in editor read a stored answer"
    client.logout()
    client.cookies.clear()
    for _ in range(2):
        assert queries(client, url, HTTP_AUTHORIZATION="Bearer abc")[1] > 1
    for bad in ("/api/v2/pages/?offset=-1", "/api/v2/pages/?nope=1", "/api/v3/pages/?nope=1"):
        assert client.get(bad).status_code == 400
        assert client.get(bad).status_code == 400, f"{bad} answered from the store"
    for _ in range(2):
        assert client.get("/api/v2/pages/999999/").status_code == 404
    # The editor's requests wrote nothing: the first anonymous read is built (more than one
    # query), the second is stored.
    assert queries(client, url)[1] > 1
    assert queries(client, url)[1] <= 1

"""The anonymous response cache: hits for anonymous GETs, never for editors, previews or
writes, and invalidated by publishing, unpublishing and library edits."""

import pytest
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms_site.anonymous_cache import STATUS_HEADER
from equity.models import Resource, ResourceLibraryPage

pytestmark = pytest.mark.django_db

ON = override_settings(ANONYMOUS_CACHE={"ENABLED": True}, SITE_LOOKUP_CACHE=True)


@pytest.fixture(autouse=True)
def cache_on():
    with ON:
        yield


def status(response) -> str:
    return response.get(STATUS_HEADER, "")


def test_a_hit_asks_the_database_only_for_the_content_version(client, landing_page):
    """A process-local cache cannot hear other processes' publishes: the version comes from
    the database, one query."""
    first = client.get(landing_page.url)
    assert first.status_code == 200
    assert status(first) == "miss"
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        second = client.get(landing_page.url)
    assert status(second) == "hit"
    assert len(queries) == 1 and "equity_publicationrecord" in queries[0]["sql"]
    assert second.content == first.content


def test_with_redis_a_hit_makes_no_query(client, landing_page, production_caches):
    first = client.get(landing_page.url)
    assert status(first) == "miss"
    from django.db import connection

    with CaptureQueriesContext(connection) as queries:
        second = client.get(landing_page.url)
    assert status(second) == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_headers_are_stored_with_the_body(client, landing_page):
    first = client.get(landing_page.url)
    second = client.get(landing_page.url)
    assert status(second) == "hit"
    assert second["Content-Type"] == first["Content-Type"]
    for header in ("X-Frame-Options", "ETag", "Cache-Control"):
        if first.has_header(header):
            assert second[header] == first[header]


def test_query_string_and_host_are_part_of_the_key(client, landing_page):
    client.get(landing_page.url)
    assert status(client.get(landing_page.url + "?page=1")) == "miss"
    assert status(client.get(landing_page.url, HTTP_HOST="localhost")) == "miss"
    assert status(client.get(landing_page.url)) == "hit"


def test_api_responses_are_cached(client, landing_page):
    url = f"/api/v2/pages/{landing_page.pk}/"
    assert status(client.get(url)) == "miss"
    response = client.get(url)
    assert status(response) == "hit"
    assert response.json()["id"] == landing_page.pk


def test_logged_in_users_bypass_the_cache(client, admin_user, landing_page):
    client.get(landing_page.url)
    client.force_login(admin_user)
    response = client.get(landing_page.url)
    assert response.status_code == 200
    assert status(response) == ""


def test_csrf_cookie_bypasses_the_cache(client, landing_page):
    client.get(landing_page.url)
    client.cookies["csrftoken"] = "x" * 32
    assert status(client.get(landing_page.url)) == ""


def test_non_get_requests_bypass_the_cache(client, landing_page):
    client.get(landing_page.url)
    assert status(client.head(landing_page.url)) == ""
    assert status(client.post(landing_page.url)) == ""


def test_front_end_previews_are_never_cached(client, landing_page, production_caches):
    """The preview API, asked anonymously with a token, under the production caches: never
    stored (no miss, no hit), and once the token expires the draft is gone (403)."""
    landing_page.hero_heading = "Draft heading for the preview"
    preview = landing_page.create_page_preview()
    url = f"/api/v3/preview/?content_type=equity.equitylandingpage&token={preview.token}"
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        assert response.json()["hero_heading"] == "Draft heading for the preview"
        assert status(response) == ""
        assert "no-store" in response["Cache-Control"]
        assert "ETag" not in response and "Last-Modified" not in response
    with override_settings(HEADLESS_PREVIEW_TOKEN_MAX_AGE=-1):
        assert client.get(url).status_code == 403
    # A positive control: the same cache does store the page's public address.
    client.get(landing_page.url)
    assert status(client.get(landing_page.url)) == "hit"


def test_private_and_no_store_responses_are_not_stored():
    from django.http import HttpRequest, HttpResponse

    from cms_site.anonymous_cache import response_is_cacheable

    request = HttpRequest()
    for value in ("private, max-age=60", "no-store", "no-cache"):
        response = HttpResponse("x")
        response["Cache-Control"] = value
        assert not response_is_cacheable(request, response)
    cookie = HttpResponse("x")
    cookie.set_cookie("a", "b")
    assert not response_is_cacheable(request, cookie)
    assert response_is_cacheable(request, HttpResponse("x"))


def test_publishing_invalidates(client, landing_page):
    client.get(landing_page.url)
    assert status(client.get(landing_page.url)) == "hit"
    landing_page.hero_heading = "A brand new heading"
    landing_page.save_revision().publish()
    response = client.get(landing_page.url)
    assert status(response) == "miss"
    assert "A brand new heading" in response.content.decode()


def test_a_draft_is_never_served(client, landing_page):
    client.get(landing_page.url)
    landing_page.hero_heading = "Draft heading, not for the public"
    landing_page.save_revision()  # saved, not published
    response = client.get(landing_page.url)
    assert "Draft heading, not for the public" not in response.content.decode()


def test_saving_a_draft_keeps_the_cache_and_validators(client, landing_page):
    first = client.get(landing_page.url)
    landing_page.hero_heading = "Draft heading, not for the public"
    landing_page.save_revision()  # a live page: Wagtail records the draft, nothing else
    again = client.get(landing_page.url)
    assert status(again) == "hit"
    assert again["Last-Modified"] == first["Last-Modified"]
    assert "Draft heading" not in again.content.decode()


def test_unpublishing_invalidates(client, landing_page):
    assert client.get(landing_page.url).status_code == 200
    assert status(client.get(landing_page.url)) == "hit"
    landing_page.unpublish()
    assert client.get(landing_page.url).status_code == 404


def test_deleting_a_page_invalidates(client, landing_page):
    client.get(landing_page.url)
    url = landing_page.url
    landing_page.delete()
    assert client.get(url).status_code == 404


def test_editing_a_library_resource_invalidates(client, landing_page):
    library = ResourceLibraryPage(title="Resource library", slug="resources", per_page=5)
    landing_page.add_child(instance=library)
    library.save_revision().publish()
    resource = Resource.objects.create(
        title="Original title", kind="report", summary="S.", url="https://r.example.org/"
    )
    assert "Original title" in client.get(library.url).content.decode()
    assert status(client.get(library.url)) == "hit"
    resource.title = "Edited in the library"
    resource.save_revision()  # a draft: nothing changes for the public
    assert status(client.get(library.url)) == "hit"
    resource.save_revision().publish()
    assert "Edited in the library" in client.get(library.url).content.decode()
    resource.delete()
    assert "Edited in the library" not in client.get(library.url).content.decode()


def test_off_by_default_in_tests(client, landing_page):
    with override_settings(ANONYMOUS_CACHE={"ENABLED": False}):
        client.get(landing_page.url)
        assert status(client.get(landing_page.url)) == ""


def test_site_lookup_cache_saves_the_site_query(client, landing_page):
    url = f"/api/v2/pages/{landing_page.pk}/"
    with override_settings(ANONYMOUS_CACHE={"ENABLED": False}):
        from django.db import connection

        client.get(url)
        with CaptureQueriesContext(connection) as cached:
            client.get(url)
        with (
            override_settings(SITE_LOOKUP_CACHE=False),
            CaptureQueriesContext(connection) as uncached,
        ):
            client.get(url)
    assert len(cached) == len(uncached) - 1
    assert not any("wagtailcore_site" in q["sql"] for q in cached.captured_queries)


def test_parameters_no_view_reads_are_served_but_never_stored(client, landing_page):
    """50 made-up addresses (``?utm_x=N``) add nothing to the cache."""
    from django.core.cache import cache

    client.get(landing_page.url)
    keys_before = len(cache._cache)
    for number in range(50):
        response = client.get(f"{landing_page.url}?utm_x={number}")
        assert response.status_code == 200
        assert status(response) == ""
    assert len(cache._cache) == keys_before
    assert status(client.get(landing_page.url)) == "hit"  # the real address still is


def test_one_client_adds_a_bounded_number_of_entries(client, landing_page):
    with override_settings(ANONYMOUS_CACHE={"ENABLED": True, "STORES_PER_CLIENT_PER_MINUTE": 5}):
        statuses = [status(client.get(f"{landing_page.url}?page={n}")) for n in range(8)]
        other = status(client.get(landing_page.url, REMOTE_ADDR="10.1.2.3"))
    assert statuses == ["miss"] * 5 + [""] * 3
    assert other == "miss"  # another client still has its own budget

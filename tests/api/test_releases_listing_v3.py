"""``/api/v3/releases/`` drives a newsroom page in one request: listing fields, tag filter by
slug or name, year and date ranges, stable orderings (``-id`` included), and the tags in use
with their counts. Only live, public releases appear."""

import datetime

import pytest
from jsonschema import Draft202012Validator

from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def releases(release):
    newsroom = release.get_parent()
    made = [release]
    for index, (title, date, tags) in enumerate(
        [
            ("Older housing news", datetime.date(2022, 3, 1), ["housing"]),
            ("Transit plan", datetime.date(2024, 1, 10), ["transit"]),
            ("Draft only", datetime.date(2024, 6, 1), ["housing"]),
        ]
    ):
        page = NewsArticlePage(title=title, release_date=date, summary=f"Summary {index}.")
        page.tags.add(*tags)
        newsroom.add_child(instance=page)
        if title != "Draft only":
            page.save_revision().publish()
        else:
            page.live = False
            page.save_revision()
            NewsArticlePage.objects.filter(pk=page.pk).update(live=False)
        made.append(page)
    return made


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [item["title"] for item in response.json()["items"]]


def test_the_list_has_every_listing_field_and_conforms(client, releases):
    response = client.get("/api/v3/releases/")
    assert titles(response) == ["Cities unite", "Transit plan", "Older housing news"]
    first = response.json()["items"][0]
    assert first["summary"] == "Cities agree a shared response."
    assert first["release_date"] == "2024-05-01"
    assert first["status"]["code"] == "immediate"
    assert first["hero_image"]["width"] > 0 and first["hero_image"]["alt"]
    assert first["tags"] == [
        {"name": "housing", "slug": "housing"},
        {"name": "transit", "slug": "transit"},
    ]
    assert first["html_url"].endswith("/news/cities-unite/")
    assert first["detail_url"].endswith(f"/api/v3/pages/{first['id']}/")
    openapi = client.get("/api/v3/openapi.json").json()
    schema = openapi["paths"]["/api/v3/releases/"]["get"]["responses"]["200"]["content"]
    validator = Draft202012Validator(
        {**schema["application/json"]["schema"], "components": openapi["components"]}
    )
    assert not list(validator.iter_errors(response.json()))


def test_filters_and_orderings(client, releases):
    get = client.get
    assert titles(get("/api/v3/releases/?tag=housing")) == ["Cities unite", "Older housing news"]
    assert titles(get("/api/v3/releases/?tag=Housing&tag=transit")) == ["Cities unite"]
    assert titles(get("/api/v3/releases/?year=2022")) == ["Older housing news"]
    assert titles(
        get("/api/v3/releases/?release_date_from=2024-01-01&release_date_to=2024-04-30")
    ) == ["Transit plan"]
    ids = [item["id"] for item in get("/api/v3/releases/?order=-id").json()["items"]]
    assert ids == sorted(ids, reverse=True) and len(ids) == 3
    assert titles(get("/api/v3/releases/?order=title")) == [
        "Cities unite",
        "Older housing news",
        "Transit plan",
    ]
    for bad in ("year=0", "release_date_from=2026-02-30", "order=tags", "tags=housing"):
        response = get(f"/api/v3/releases/?{bad}")
        assert response.status_code == 400, bad
        assert response["Content-Type"] == "application/problem+json"


def test_tags_in_use_count_only_live_public_releases(client, releases):
    response = client.get("/api/v3/releases/tags/")
    assert response.status_code == 200
    assert response.json() == [
        {"name": "housing", "slug": "housing", "count": 2},
        {"name": "transit", "slug": "transit", "count": 2},
    ]


def test_the_list_costs_the_same_queries_however_many_releases(client, releases):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get("/api/v3/releases/")  # renditions are made on the first request
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v3/releases/").status_code == 200
        return len(captured.captured_queries)

    before = queries()
    newsroom = releases[0].get_parent()
    for index in range(4):
        page = NewsArticlePage(
            title=f"More {index}", release_date=datetime.date(2023, 1, index + 1), summary="S."
        )
        page.tags.add("housing")
        page.hero_image = releases[0].hero_image
        newsroom.add_child(instance=page)
        page.save_revision().publish()
    assert queries() == before, before
    assert before > 3  # measured, not answered from a cache

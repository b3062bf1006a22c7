"""The resource library speaks one language in both API versions: the same field names, and
``search`` combined with ``order`` works (or is a clear 400) in v2 and v3."""

import datetime

import pytest

from equity.models import Resource

pytestmark = pytest.mark.django_db

CONCEPTS = {"id", "title", "kind", "kind_label", "summary", "url", "date", "hosts", "topics"}


def test_v2_and_v3_name_every_field_alike(client, resource):
    v2 = client.get(f"/api/v2/resources/{resource.pk}/").json()
    v3 = client.get(f"/api/v3/resources/{resource.pk}/").json()
    assert CONCEPTS | {"reading_list"} <= set(v2) and CONCEPTS | {"reading_list"} <= set(v3)
    for name in CONCEPTS | {"reading_list"}:
        assert v2[name] == v3[name], name
    assert v2["url"] == "https://toolkit.example.org/" and v2["topics"] == ["housing"]
    assert v2["hosts"] == ["Equity Institute"]
    for old in ("href", "host_names", "topic_slugs", "reading_list_entries"):
        assert old not in v2 and old not in v3
    listed = client.get("/api/v2/resources/").json()["items"][0]
    assert set(listed) >= CONCEPTS


@pytest.fixture
def library(resource):
    for index, title in enumerate(["Zoning for cities", "A city budget guide"]):
        Resource.objects.create(
            title=title,
            kind="report",
            summary="About the city.",
            url=f"https://r{index}.example.org/",
            date=datetime.date(2020 + index, 1, 1),
        )


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_search_and_order_combine(client, library, version):
    for order, expected in [
        ("title", ["A city budget guide", "City housing toolkit", "Zoning for cities"]),
        ("-date", ["City housing toolkit", "A city budget guide", "Zoning for cities"]),
        ("-id", None),
    ]:
        response = client.get(f"/api/{version}/resources/", {"search": "city", "order": order})
        assert response.status_code == 200, (order, response.content[:300])
        titles = [item["title"] for item in response.json()["items"]]
        if expected:
            assert titles == expected, order
        else:
            ids = [item["id"] for item in response.json()["items"]]
            assert ids == sorted(ids, reverse=True) and len(ids) == 3


def test_an_order_the_search_index_cannot_do_is_a_clear_400(client, library):
    response = client.get("/api/v2/resources/", {"search": "city", "order": "summary"})
    assert response.status_code == 400
    assert "summary" in response.json()["message"]
    response = client.get("/api/v3/resources/", {"search": "city", "order": "summary"})
    assert response.status_code == 400


def test_resources_reject_the_old_and_misspelt_names(client, resource):
    assert client.get("/api/v3/resources/?topics=housing").status_code == 400
    response = client.get("/api/v2/resources/?topics=housing")
    assert response.status_code == 400 and "topics" in response.json()["message"]
    assert client.get("/api/v2/resources/?topic=housing").json()["meta"]["total_count"] == 1


def test_v3_resources_by_year_date_range_and_topics_in_use(client, library):
    def titles(query: str) -> list[str]:
        response = client.get(f"/api/v3/resources/?{query}")
        assert response.status_code == 200, response.content[:300]
        return [item["title"] for item in response.json()["items"]]

    assert titles("year=2021") == ["A city budget guide"]
    assert titles("date_from=2021-01-01&date_to=2023-12-31") == [
        "City housing toolkit",
        "A city budget guide",
    ]
    assert client.get("/api/v3/resources/?date_from=2026-02-30").status_code == 400
    assert client.get("/api/v3/resources/?year=0").status_code == 400
    topics = client.get("/api/v3/resources/topics/")
    assert topics.json() == [{"name": "Housing", "slug": "housing", "count": 1}]

"""Search at scale: on PostgreSQL every search surface uses PostgreSQL full-text search, ranked.

Runs when DATABASE_URL points at PostgreSQL (CI's second pass); skipped on SQLite.
"""

import pytest
from django.db import connection
from wagtail.search.backends import get_search_backend

from equity.models import Resource

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (DATABASE_URL=postgres://…)"
    ),
]


@pytest.fixture
def resources(db):
    """Three resources about zoning: in the title (boosted) beats the summary; one unrelated."""
    make = Resource.objects.create
    weak = make(
        title="Housing report",
        kind="report",
        summary="Mentions zoning once among many other topics.",
        url="https://example.org/housing",
    )
    strong = make(
        title="Zoning reform toolkit",
        kind="toolkit",
        summary="Zoning reform, step by step: zoning codes and zoning boards.",
        url="https://example.org/zoning",
    )
    make(title="Budget guide", kind="report", summary="Nothing on it.", url="https://example.org/b")
    return strong, weak


def test_the_backend_is_postgresql_full_text_search():
    backend = get_search_backend()
    modules = [cls.__module__ for cls in type(backend).__mro__]
    assert "modelsearch.backends.database.postgres.postgres" in modules, modules
    with connection.cursor() as cursor:  # the index is a tsvector column, searched with @@
        cursor.execute(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'wagtailsearch_indexentry' AND column_name = 'body'"
        )
        assert cursor.fetchone()[0] == "tsvector"


def test_ranked_by_relevance(resources):
    strong, weak = resources
    found = list(get_search_backend().search("zoning", Resource.objects.all()))
    assert found[:2] == [strong, weak]
    assert len(found) == 2


def test_site_search_library_and_api_rank_the_same_way(client, resources):
    strong, weak = resources
    html = client.get("/search/", {"q": "zoning"}).content.decode()
    assert html.index(strong.title) < html.index(weak.title)
    data = client.get("/api/v2/resources/", {"search": "zoning"}).json()
    assert [item["title"] for item in data["items"]][:2] == [strong.title, weak.title]
    data = client.get("/api/v3/resources/", {"search": "zoning"}).json()
    items = data["items"] if isinstance(data, dict) else data
    assert [item["title"] for item in items][:2] == [strong.title, weak.title]

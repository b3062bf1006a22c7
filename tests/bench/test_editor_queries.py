"""Editors at scale: the admin views the benchmark measures (``bench/editors.py``) run the
same number of queries with 20 and with 60 releases and library resources."""

import sys
from pathlib import Path

import pytest

from equity.demo import ensure_generated_resources
from newsroom.demo import ensure_generated_releases
from newsroom.models import NewsroomPage

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from editors import count_queries, editor_addresses, editor_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def newsroom(home):
    page = NewsroomPage(title="Newsroom", slug="news")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def counts(size: int, names: set[str]) -> dict[str, int]:
    ensure_generated_releases(NewsroomPage.objects.get(), size)
    ensure_generated_resources(size)
    client = editor_client()
    result = {}
    for name, path in editor_addresses().items():
        if name in names:
            queries, status = count_queries(client, path)
            assert status == 200, (name, path, status)
            result[name] = queries
    return result


def test_editor_views_run_a_constant_number_of_queries(newsroom):
    names = {"page_explorer", "release_edit", "library_listing", "resource_chooser"}
    small = counts(20, names)
    large = counts(60, names)
    assert set(large) == names
    assert small == large

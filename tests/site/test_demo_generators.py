"""The library's bulk generator (``load_demo_content --resources N``)."""

import pytest

from cms_site.demo.generators import GENERATED_RESOURCE_URL, ensure_generated_resources
from equity.models import Resource

pytestmark = pytest.mark.django_db


def test_generates_resources_with_hosts_and_topics_idempotently():
    assert ensure_generated_resources(25) == 25
    generated = Resource.objects.filter(url__startswith=GENERATED_RESOURCE_URL)
    assert generated.count() == 25
    resource = generated.with_listing_data().first()
    assert resource.host_names and len(resource.topic_slugs) == 2
    assert {r.kind for r in generated} == {
        "webinar",
        "publication",
        "organisation",
        "toolkit",
        "report",
    }
    # A second run adds only what is missing.
    assert ensure_generated_resources(25) == 0
    assert ensure_generated_resources(30) == 5
    assert Resource.objects.filter(url__startswith=GENERATED_RESOURCE_URL).count() == 30


def test_generated_resources_are_listed_and_served(client, landing_page):
    from equity.models import ResourceLibraryPage

    library = ResourceLibraryPage(title="Resource library", slug="resources", per_page=20)
    landing_page.add_child(instance=library)
    library.save_revision().publish()
    ensure_generated_resources(40)
    response = client.get(library.url + "?kind=organisation")
    assert response.status_code == 200
    assert "Generated organisation no." in response.content.decode()
    api = client.get("/api/v2/resources/?kind=organisation&limit=50").json()
    assert api["meta"]["total_count"] == 8

"""Every page type exposes its sharing data in both APIs: ``seo_title`` and
``search_description`` (meta), ``canonical_url`` (the page's absolute address, which
answers) and ``og_image`` (the hero image at 1200x630, or null), typed in the document."""

import pytest
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_every_page_type_has_seo_fields_in_v2_and_v3(client, landing_page, release):
    landing_page.seo_title = "Equity hub | League"
    landing_page.search_description = "What cities do for equity."
    landing_page.save_revision().publish()
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert {type(page).__name__ for page in pages} >= {
        "HomePage",
        "EquityLandingPage",
        "NewsroomPage",
        "NewsArticlePage",
    }
    for page in pages:
        v2 = client.get(f"/api/v2/pages/{page.pk}/").json()
        v3 = client.get(f"/api/v3/pages/{page.pk}/").json()
        for data in (v2, v3):
            assert data["canonical_url"] == page.get_full_url(), page
            assert "seo_title" in data["meta"] and "search_description" in data["meta"]
            if getattr(page, "hero_image", None) is not None:
                assert data["og_image"]["url"] and data["og_image"]["alt"], page
            else:
                assert data["og_image"] is None, page
        path = v3["canonical_url"].split("//", 1)[1].split("/", 1)[1]
        assert client.get("/" + path).status_code == 200
    landing = client.get(f"/api/v3/pages/{landing_page.pk}/").json()
    assert landing["meta"]["seo_title"] == "Equity hub | League"
    assert landing["meta"]["search_description"] == "What cities do for equity."


def test_the_document_types_the_seo_fields(client):
    schemas = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    for name in ("HomePageSchema", "EquityLandingPageSchema", "NewsArticlePageSchema"):
        properties = schemas[name]["properties"]
        assert {"canonical_url", "og_image"} <= set(properties), name
        assert "ImageRenditionDict" in str(properties["og_image"]), name

"""The landing page through API v2 and v3: every field, designed block output, no drafts."""

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

V2_LIST = "/api/v2/pages/?type=equity.EquityLandingPage&fields=*"


def v2_detail(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/")
    assert response.status_code == 200
    return response.json()


def v3_detail(client, page, query=""):
    response = client.get(f"/api/v3/pages/{page.pk}/{query}")
    assert response.status_code == 200, response.content
    return response.json()


def blocks_by_type(body: list[dict]) -> dict[str, dict]:
    return {item["type"]: item["value"] for item in body}


def assert_landing_payload(data: dict, home) -> None:
    """What both APIs promise for a landing page (shared by v2 detail, v2 list and v3)."""
    assert data["hero_heading"] == "Advancing Equity"
    hero = data["hero_image"]
    assert set(hero) == {"url", "full_url", "width", "height", "alt"}
    # fill-1600x600 never upscales: the 320x120 test image keeps its size and the ratio.
    assert (hero["width"], hero["height"], hero["alt"]) == (320, 120, "A plain blue banner")
    assert hero["url"].endswith(".png") and "fill-1600x600" in hero["url"]
    # Rich text's internal links are absolute, from the API's base URL (cms_site.api_links).
    home_url = settings.WAGTAILAPI_BASE_URL + home.url
    assert data["intro"] == f'<p>Start at <a href="{home_url}">the home page</a>.</p>'

    body = blocks_by_type(data["body"])
    assert set(body) == {
        "rich_text_section",
        "community_callout",
        "featured_page_card",
        "resource_section",
    }
    assert body["rich_text_section"]["body"] == "<p>Cities shape who thrives.</p>"
    assert body["community_callout"]["call_to_action"] == {
        "label": "Sign up now",
        "url": "https://community.example.org/join",
        "page": None,
    }
    assert body["featured_page_card"]["page"] == {
        "id": home.pk,
        "title": home.title,
        "url": "http://localhost/",
    }
    section = body["resource_section"]
    assert section["intro"] == f'<p>See <a href="{home_url}">home</a>.</p>'
    items = blocks_by_type(section["items"])
    assert items["webinar"]["first_offered_on"] == "2020-08-27"
    assert items["webinar"]["host_organisations"] == ["League", "Institute"]
    assert items["publication"]["issue_date"] == "2020-11-01"
    reading = items["organisation"]["reading_list"]
    assert [entry["title"] for entry in reading] == ["Resolution template", "Compass"]
    assert "linktype" not in str(data)


def test_v2_detail(client, landing_page, home):
    data = v2_detail(client, landing_page)
    assert data["meta"]["type"] == "equity.EquityLandingPage"
    assert_landing_payload(data, home)


def test_v2_list_with_all_fields(client, landing_page, home):
    response = client.get(V2_LIST)
    assert response.status_code == 200
    payload = response.json()
    assert payload["meta"]["total_count"] == 1
    assert_landing_payload(payload["items"][0], home)


def test_v3_detail(client, landing_page, home):
    data = v3_detail(client, landing_page)
    assert data["meta"]["type"] == "equity.EquityLandingPage"
    assert_landing_payload(data, home)


def test_rich_text_format_override_still_works(client, landing_page):
    data = v3_detail(client, landing_page, "?rich_text_format=markdown")
    assert data["intro"].startswith("Start at [the home page](")
    data = client.get(f"/api/v2/pages/{landing_page.pk}/?rich_text_format=markdown").json()
    assert "[the home page](" in data["intro"]


def test_unpublished_draft_changes_never_show(client, landing_page):
    landing_page.hero_heading = "Secret draft heading"
    landing_page.body = []
    landing_page.save_revision()

    assert v2_detail(client, landing_page)["hero_heading"] == "Advancing Equity"
    assert v3_detail(client, landing_page)["hero_heading"] == "Advancing Equity"
    for url in (V2_LIST, "/api/v3/pages/?type=equity.EquityLandingPage", landing_page.url):
        assert b"Secret draft heading" not in client.get(url).content


def test_a_draft_page_is_absent_from_both_apis(client, landing_page):
    landing_page.unpublish()
    assert client.get(f"/api/v2/pages/{landing_page.pk}/").status_code == 404
    assert client.get(f"/api/v3/pages/{landing_page.pk}/").status_code == 404
    assert client.get(V2_LIST).json()["meta"]["total_count"] == 0


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?limit=abc",
        "/api/v2/pages/?limit=-1",
        "/api/v2/pages/?limit=100000",
        "/api/v2/pages/?offset=-1",
        "/api/v2/pages/?offset=99999999999999999999999",
        "/api/v2/pages/?order=nonsense",
        "/api/v2/pages/?type=nope.Nope",
        "/api/v2/pages/?fields=no_such_field",
        "/api/v2/pages/?child_of=abc",
        "/api/v2/pages/?rich_text_format=klingon",
        "/api/v2/pages/?unknown_filter=1",
        "/api/v3/pages/?limit=abc",
        "/api/v3/pages/?limit=0",
        "/api/v3/pages/?offset=-5",
        "/api/v3/pages/?offset=99999999999999999999999",
        "/api/v3/pages/?order=nonsense",
        "/api/v3/pages/?type=nope.Nope",
        "/api/v3/pages/?child_of=abc",
        "/api/v3/pages/?child_of=99999999999999999999999",
        "/api/v3/pages/{pk}/?rich_text_format=klingon",
    ],
)
def test_bad_query_parameters_are_a_400_with_a_json_message(client, landing_page, url):
    response = client.get(url.format(pk=landing_page.pk))
    assert response.status_code == 400, (response.status_code, response.content[:300])
    payload = response.json()
    assert payload.get("message") or payload.get("detail")


def test_openapi_document_lists_the_landing_page(client, landing_page):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schemas = response.json()["components"]["schemas"]
    properties = schemas["EquityLandingPageSchema"]["properties"]
    assert {"hero_heading", "hero_image", "intro", "body"} <= set(properties)
    rendition = {"$ref": "#/components/schemas/ImageRenditionDict"}
    assert rendition in properties["hero_image"]["anyOf"]

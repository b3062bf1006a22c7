"""The typed OpenAPI document: valid, every StreamField typed, and real responses of every
page type (demo content) conform to the schemas published for them, in v3 and v2."""

import datetime
import json

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import ValidationError
from openapi_spec_validator import validate as validate_spec
from wagtail.models import Page

from equity.api_schema import untyped_blocks
from newsroom.models import NewsArticlePage, NewsroomPage
from tests.built_once import builds, shared
from tests.conftest import block

pytestmark = [pytest.mark.django_db, pytest.mark.content_built_once("demo")]

DETAIL_PATH = "/api/v3/pages/{page_id}/"
PAGE_TYPES = {
    "home.HomePage",
    "equity.EquityLandingPage",
    "equity.EquityContentPage",
    "equity.EquityRoadmapPage",
    "equity.ResourceLibraryPage",
    "newsroom.NewsroomPage",
    "newsroom.NewsArticlePage",
}


@pytest.fixture
def openapi(client) -> dict:
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def validator(openapi: dict, schema: dict) -> Draft202012Validator:
    """A validator for ``schema`` whose ``#/components/...`` references resolve in the doc."""
    return Draft202012Validator(
        {**schema, "components": openapi["components"]}, format_checker=FormatChecker()
    )


def component(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def detail_response_schema(openapi: dict) -> dict:
    operation = openapi["paths"][DETAIL_PATH]["get"]
    return operation["responses"]["200"]["content"]["application/json"]["schema"]


@builds("demo", "image")
def build_demo(image) -> set[str]:
    """The demo content, plus a release that uses every block a release body can hold: the
    labels of the live page types."""
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    newsroom = NewsroomPage.objects.get(slug="news")
    home = Page.objects.get(depth=2, slug="home")
    release = NewsArticlePage(
        title="Every block",
        release_date=datetime.date(2022, 1, 5),
        summary="A release with each kind of block.",
        hero_image=image,
        body=[
            block("paragraph", f'<p>See <a linktype="page" id="{home.pk}">home</a>.</p>'),
            block("statement", {"quote": "Q", "speaker_name": "S", "speaker_title": ""}),
            block("image", {"image": image.pk, "alt_text": "", "caption": ""}),
            block("embed", "https://video.example.org/press"),
            block("call_to_action", {"label": "Go", "page": home.pk, "url": ""}),
            block("call_to_action", {"label": "Out", "page": None, "url": "https://x.org/"}),
        ],
    )
    newsroom.add_child(instance=release)
    release.save_revision().publish()
    return {page.specific_class._meta.label for page in Page.objects.live().filter(depth__gt=1)}


@pytest.fixture
def demo(image, content_built_once) -> set[str]:
    """``build_demo``, built once for the module."""
    return shared(content_built_once, "demo", lambda: build_demo(image))


def test_the_document_is_valid_openapi(openapi):
    assert openapi["openapi"].startswith("3.1")
    validate_spec(openapi)


def test_no_block_falls_back_to_any(openapi):
    assert untyped_blocks == set()
    schemas = openapi["components"]["schemas"]
    for name in [
        "EquityLandingPageSchema",
        "EquityRoadmapPageSchema",
        "NewsArticlePageSchema",
        "ResourceLibraryPageSchema",
        "NewsroomPageSchema",
        "HomePageSchema",
    ]:
        for field, schema in schemas[name]["properties"].items():
            # Each property says what it is: a type, a reference or a union of them.
            assert {"type", "$ref", "anyOf", "oneOf", "items"} & set(schema), (name, field)


def test_stream_blocks_are_discriminated_unions(openapi):
    schemas = openapi["components"]["schemas"]
    body = schemas["EquityLandingPageSchema"]["properties"]["body"]
    assert body["type"] == "array"
    assert body["items"]["discriminator"]["propertyName"] == "type"
    assert set(body["items"]["discriminator"]["mapping"]) == {
        "rich_text_section",
        "community_callout",
        "featured_page_card",
        "resource_section",
    }
    item = schemas["EquityLandingStreamBlockResourceSectionItem"]
    assert item["properties"]["type"]["const"] == "resource_section"
    assert item["required"] == ["type", "value", "id"]
    assert item["additionalProperties"] is False
    section = schemas["ResourceSectionBlock"]["properties"]
    assert section["items"]["items"]["discriminator"]["propertyName"] == "type"
    webinar = schemas["WebinarBlock"]["properties"]
    assert webinar["first_offered_on"] == {
        "format": "date",
        "title": "First Offered On",
        "type": "string",
    }
    assert webinar["host_organisations"]["items"] == {"type": "string"}
    assert webinar["free_to_watch"]["anyOf"][0] == {"type": "boolean"}
    # A chosen page is the embedded object the API returns, or null.
    card = schemas["FeaturedPageCard"]["properties"]
    assert card["page"]["anyOf"] == [component("PageRef"), {"type": "null"}]
    assert set(schemas["PageRef"]["required"]) == {"id", "title", "url"}
    assert schemas["ResourceSummary"]["properties"]["kind"]["enum"]
    action = schemas["RoadmapActionBlock"]["properties"]
    assert action["status"]["enum"] == ["planned", "in_progress", "complete", "paused"]
    assert {"status_label", "target_label"} <= set(action)
    assert schemas["PriorityBlock"]["properties"]["progress"] == component("Progress")
    assert schemas["RichTextSectionBlock"]["properties"]["body"]["format"] == "html"
    roadmap = schemas["EquityRoadmapPageSchema"]["properties"]
    assert roadmap["progress"]["anyOf"][0] == component("ProgressDict")


def test_real_responses_of_every_page_type_match_their_schemas(client, openapi, demo):
    assert demo >= PAGE_TYPES
    schemas = openapi["components"]["schemas"]
    detail = validator(openapi, detail_response_schema(openapi))
    checked = set()
    for page in Page.objects.live().filter(depth__gt=1).specific():
        label = page._meta.label
        for query in ("", "?rich_text_format=markdown"):
            response = client.get(f"/api/v3/pages/{page.pk}/{query}")
            assert response.status_code == 200, response.content
            data = response.json()
            detail.validate(data)
            # ...and against this page type's own schema, not only the union.
            own = f"{page._meta.object_name}Schema"
            validator(openapi, component(own)).validate(data)
            # v2 serves the same block output: its StreamFields match the same schemas.
            v2 = client.get(f"/api/v2/pages/{page.pk}/{query}").json()
            for field, schema in schemas[own]["properties"].items():
                if field in v2 and field not in {"meta", "id", "title"}:
                    validator(openapi, schema).validate(v2[field])
        checked.add(label)
    assert checked >= PAGE_TYPES


def test_library_resources_match_their_schema(client, openapi, demo):
    listing = client.get("/api/v3/resources/?limit=100").json()
    assert listing["items"]
    check = validator(openapi, component("ResourceSchema"))
    for item in listing["items"]:
        check.validate(item)


def test_a_schema_that_drifts_from_the_output_fails(client, openapi, demo):
    """The check has teeth: a property the schema does not publish is an error."""
    page = Page.objects.get(depth=3, slug="advancing-equity")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    data["body"][0]["value"]["unexpected"] = "x"
    with pytest.raises(ValidationError):
        validator(openapi, component("EquityLandingPageSchema")).validate(data)
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    data["body"][0]["type"] = "no_such_block"
    with pytest.raises(ValidationError):
        validator(openapi, component("EquityLandingPageSchema")).validate(data)


def test_rich_text_is_html_by_default_and_markdown_on_request(client, demo):
    release = NewsArticlePage.objects.get(title="Every block")
    html = client.get(f"/api/v3/pages/{release.pk}/").json()["body"][0]["value"]
    assert html.startswith("<p>See <a href=") and "linktype" not in html
    markdown = client.get(f"/api/v3/pages/{release.pk}/?rich_text_format=markdown").json()
    assert markdown["body"][0]["value"].startswith("See [home](")
    v2 = client.get(f"/api/v2/pages/{release.pk}/?rich_text_format=markdown").json()
    assert v2["body"][0]["value"].startswith("See [home](")


def test_export_openapi_command_writes_the_published_document(client, openapi, tmp_path):
    target = tmp_path / "openapi.json"
    call_command("export_openapi", "--output", str(target), stdout=open("/dev/null", "w"))  # noqa: SIM115
    exported = json.loads(target.read_text())
    assert exported["components"]["schemas"] == openapi["components"]["schemas"]
    assert set(exported["paths"]) == set(openapi["paths"])
    validate_spec(exported)


def test_each_caller_gets_its_own_copy_of_the_document(client, openapi):
    """The document is built once per process (about a second of CPU each time otherwise):
    what one caller does to its copy never reaches the next request."""
    from cms_site.api import api_v3

    changed = api_v3.get_openapi_schema(path_prefix="/api/v3/")
    changed["paths"].clear()
    changed["components"]["schemas"]["Problem"]["required"].append("changed")
    assert client.get("/api/v3/openapi.json").json() == openapi

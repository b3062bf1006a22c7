"""Every endpoint, every filter and ordering parameter, hostile values: never a 5xx, and
every refusal is the documented error shape (v2 ``{"message": str}``, v3 a problem document
valid against the ``Problem`` schema of ``/api/v3/openapi.json``).

The parameters are read from the APIs themselves (v2 viewsets' filterable fields and known
parameters, v3's OpenAPI document and each page type's ``api_fields``), so a field added
later is covered without editing this table.
"""

import pytest
from jsonschema import Draft202012Validator
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.coreutils import resolve_model_string

from cms_site.api import api_v2
from equity.models import Resource

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.content_built_once("landing_page", "release", "resource"),
]

HOSTILE_VALUES = [
    "abc",
    "2026-02-30",
    "2026-13-45T25:61:00",
    "99999999999999999999",
    "-99999999999999999999",
    "-1",
    "0",
    "9999",
    "1e3",
    "nosuch",
    "",
    "x" * 5000,
    "a\x00b",
    "'; DROP TABLE wagtailcore_page;--",
    "%F0%9F%92%A5",
]
PAGE_TYPES = [None, "newsroom.NewsArticlePage", "equity.EquityLandingPage"]
# Fields that hold several values per item (or structured content): never an ordering.
MULTI_VALUED = ["tags", "contacts", "related_pages", "body", "topics", "hero_image"]


def v2_cases(endpoint: str, page_type: str | None) -> tuple[type, list[str], list[str]]:
    viewset = api_v2._endpoints[endpoint]
    model = resolve_model_string(page_type) if page_type else viewset.model
    filters = viewset.get_available_fields(model, db_fields_only=True)
    parameters = sorted(set(filters) | set(viewset.known_query_parameters) - {"type"})
    return model, parameters, viewset.get_available_fields(model)


def assert_v2_error_shape(response, url):
    assert response.status_code < 500, (url, response.content[:300])
    if response.status_code != 200:
        assert response.status_code in (400, 404), (url, response.status_code)
        assert response["Content-Type"].startswith("application/json"), url
        body = response.json()
        assert set(body) == {"message"} and isinstance(body["message"], str), (url, body)
        assert "/" + "work" not in body["message"] and "Traceback" not in body["message"]


V2_ENDPOINTS = [("pages", page_type) for page_type in PAGE_TYPES] + [
    ("releases", None),
    ("resources", None),
    ("images", None),
    ("documents", None),
]


# The whole matrix (every parameter by every value, about a minute): marked slow; the named
# faults below stay in the quick tier.
@pytest.mark.slow
@pytest.mark.parametrize(("endpoint", "page_type"), V2_ENDPOINTS)
def test_v2_every_parameter_with_hostile_values(
    client, landing_page, release, resource, endpoint, page_type
):
    _model, parameters, _fields = v2_cases(endpoint, page_type)
    base = f"/api/v2/{endpoint}/?" + (f"type={page_type}&" if page_type else "")
    for parameter in parameters:
        for value in HOSTILE_VALUES:
            for query in ({parameter: value}, {parameter: [value, "1"]}):
                response = client.get(base, query | ({"type": page_type} if page_type else {}))
                assert_v2_error_shape(response, (endpoint, page_type, query))


@pytest.mark.parametrize(("endpoint", "page_type"), V2_ENDPOINTS)
def test_v2_ordering_only_by_single_valued_fields(
    client, landing_page, release, resource, endpoint, page_type
):
    _model, _parameters, fields = v2_cases(endpoint, page_type)
    query = {"type": page_type} if page_type else {}
    for field in [*fields, *MULTI_VALUED, "nosuch", "-", ""]:
        for order in (field, f"-{field}", f"{field},id"):
            response = client.get(f"/api/v2/{endpoint}/", query | {"order": order})
            assert_v2_error_shape(response, (endpoint, page_type, order))
            if response.status_code == 200:
                items = response.json()["items"]
                ids = [item["id"] for item in items]
                assert len(ids) == len(set(ids)), (endpoint, order, ids)
                assert len(ids) <= response.json()["meta"]["total_count"]
            if field in MULTI_VALUED:
                assert response.status_code == 400, (endpoint, page_type, order)


@pytest.mark.parametrize("endpoint", ["pages", "releases", "resources", "images", "documents"])
def test_v2_find_and_detail_with_hostile_values(
    client, landing_page, release, resource, image, endpoint
):
    ids = {"pages": release.pk, "releases": release.pk, "resources": resource.pk}
    detail = f"/api/v2/{endpoint}/{ids.get(endpoint, image.pk)}/"
    for path in (f"/api/v2/{endpoint}/find/", detail):
        for parameter in ("id", "html_path", "fields", "type", "site", "bogus"):
            for value in HOSTILE_VALUES:
                response = client.get(path, {parameter: value})
                assert_v2_error_shape(response, (path, parameter, value[:40]))


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=newsroom.NewsArticlePage&order=tags",
        "/api/v2/releases/?order=tags",
        "/api/v2/releases/?order=-tags",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&order=body",
        "/api/v2/pages/?first_published_at=abc",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&release_date=2026-02-30",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&embargo_until=tomorrow",
        "/api/v2/releases/?release_date=abc",
        "/api/v2/resources/?date=2026-02-30",
        "/api/v2/pages/?id=99999999999999999999",
        "/api/v2/pages/?search=city&search_operator=xor",
        "/api/v2/resources/?search=city&search_operator=nand",
        "/api/v2/pages/?fields=" + "a(" * 1000 + ")" * 1000,
        "/api/v2/releases/?fields=" + "a(" * 700 + ")" * 700,
        "/api/v2/resources/?kind=nosuch",
    ],
)
def test_v2_named_faults_are_400(client, landing_page, release, resource, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.content[:300])
    assert isinstance(response.json()["message"], str)


def test_v2_detail_fields_nesting_is_400(client, release):
    response = client.get(f"/api/v2/pages/{release.pk}/?fields=" + "a(" * 1500 + ")" * 1500)
    assert response.status_code == 400
    assert "nested" in response.json()["message"]


# ---------------------------------------------------------------------------------------- v3


@pytest.fixture
def openapi(client) -> dict:
    return client.get("/api/v3/openapi.json").json()


def problem_validator(openapi: dict) -> Draft202012Validator:
    return Draft202012Validator(
        {"$ref": "#/components/schemas/Problem", "components": openapi["components"]}
    )


def assert_v3_error_shape(response, url, validator):
    assert response.status_code < 500, (url, response.content[:300])
    if response.status_code >= 400:
        assert response.status_code in (400, 401, 404), (url, response.status_code)
        assert response["Content-Type"] == "application/problem+json", url
        body = response.json()
        errors = sorted(validator.iter_errors(body), key=str)
        assert not errors, (url, body, errors[:1])
        assert body["status"] == response.status_code
        assert "/" + "work" not in response.text and "Traceback" not in response.text


def v3_reads(openapi: dict, ids: dict) -> list[tuple[str, list[str]]]:
    """Every anonymous-readable GET operation: (path with real ids, its query parameters)."""
    reads = []
    for path, operations in openapi["paths"].items():
        operation = operations.get("get")
        if operation is None or path.endswith("/openapi.json"):
            continue
        concrete = path
        for name, value in ids.items():
            concrete = concrete.replace("{" + name + "}", str(value))
        if "{" in concrete:
            continue
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        reads.append((concrete, names))
    return reads


@pytest.mark.slow
def test_v3_every_parameter_with_hostile_values(
    client, openapi, landing_page, release, resource, image
):
    validator = problem_validator(openapi)
    ids = {
        "page_id": release.pk,
        "resource_id": resource.pk,
        "image_id": image.pk,
        "site_id": 1,
        "revision_id": 1,
        "type_name": "NewsArticlePage",
        "pk": resource.pk,
    }
    snippet_types = [
        p["schema"].get("const")
        for p in openapi["paths"]
        .get("/api/v3/snippets/{type}/", {})
        .get("get", {})
        .get("parameters", [])
        if p["in"] == "path"
    ]
    if "equity.Resource" in snippet_types:
        ids["type"] = "equity.Resource"
    reads = v3_reads(openapi, ids)
    assert any(path == "/api/v3/pages/" for path, _ in reads)
    for path, parameters in reads:
        extra = ["bogus"]
        if path == "/api/v3/pages/":
            model = resolve_model_string("newsroom.NewsArticlePage")
            extra += [f.name for f in model.api_fields] + list(BASE_PAGE_READ_FIELDS)
        if path == "/api/v3/snippets/equity.Resource/":
            extra += [f.name for f in Resource.api_fields]
        for parameter in [*parameters, *extra]:
            for value in HOSTILE_VALUES:
                for query in ({parameter: value}, {parameter: [value, "1"]}):
                    if path == "/api/v3/pages/" and parameter != "type":
                        query = query | {"type": "newsroom.NewsArticlePage"}
                    response = client.get(path, query)
                    assert_v3_error_shape(response, (path, query), validator)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/pages/?fields=nosuch",
        "/api/v3/pages/?bogus=1",
        "/api/v3/pages/?rich_text_format=nosuch",
        "/api/v3/resources/?topics=housing",
        "/api/v3/resources/?bogus=1",
        "/api/v3/images/?bogus=1",
        "/api/v3/pages/?type=newsroom.NewsArticlePage&order=tags",
        "/api/v3/pages/?type=newsroom.NewsArticlePage&order=-body",
        "/api/v3/pages/?type=newsroom.NewsArticlePage&release_date=2026-02-30",
        "/api/v3/pages/?type=newsroom.NewsArticlePage&id=99999999999999999999",
        "/api/v3/pages/?search=city&search_operator=xor",
    ],
)
def test_v3_strict_parameters_are_400(client, openapi, landing_page, release, resource, url):
    response = client.get(url)
    assert response.status_code == 400, (url, response.content[:300])
    assert_v3_error_shape(response, url, problem_validator(openapi))


def test_v3_detail_of_unknown_parameter_is_400(client, openapi, release):
    response = client.get(f"/api/v3/pages/{release.pk}/?fields=title")
    assert response.status_code == 400
    assert "fields" in response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/releases/?year=9999",
        "/api/v3/releases/?year=9999",
        "/api/v3/resources/?year=9999",
        "/news/?year=9999",
    ],
)
def test_the_last_representable_year_is_an_empty_list_not_a_500(client, release, url):
    assert client.get(url).status_code == 200


def test_v3_snippet_lists_filter_by_their_fields_strictly(
    client, openapi, resource, django_user_model
):
    from wagtail.models import APIToken

    if "/api/v3/snippets/{type}/" not in openapi["paths"]:
        pytest.skip("no snippet model is exposed in v3")
    admin = django_user_model.objects.create_superuser("root", "root@example.org", "pw")
    _, token = APIToken.create_token(user=admin, name="strict")
    headers = {"Authorization": f"Bearer {token}"}
    url = "/api/v3/snippets/equity.Resource/"
    assert client.get(url, {"kind": "toolkit"}, headers=headers).json()["count"] == 1
    for bad in ({"date": "2026-02-30"}, {"bogus": "1"}, {"order": "topics"}):
        assert client.get(url, bad, headers=headers).status_code == 400, bad

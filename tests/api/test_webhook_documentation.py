"""The publish webhooks in the OpenAPI document: every event the site sends is an OpenAPI 3.1
``webhooks`` entry, and real deliveries (to a real receiver on 127.0.0.1) of each event
validate against the payload schema documented for it."""

import json

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate as validate_spec

from equity.models import WebhookEndpoint
from equity.webhook_payloads import EVENT_SHAPES
from tests.receivers import Receiver

pytestmark = pytest.mark.django_db


@pytest.fixture
def document(client) -> dict:
    return client.get("/api/v3/openapi.json").json()


def payload_validator(document: dict, event: str) -> Draft202012Validator:
    operation = document["webhooks"][event]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    return Draft202012Validator(
        {**schema, "components": document["components"]}, format_checker=FormatChecker()
    )


def test_every_event_is_documented_with_its_headers(document):
    validate_spec(document)
    assert set(document["webhooks"]) == set(EVENT_SHAPES)
    for event, path_item in document["webhooks"].items():
        operation = path_item["post"]
        headers = {p["name"] for p in operation["parameters"] if p["in"] == "header"}
        assert headers == {"X-Webhook-Event", "X-Webhook-Delivery", "X-Webhook-Signature"}
        schema = payload_validator(document, event).schema
        shape = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
        assert event in (
            shape["properties"]["event"].get("enum") or [shape["properties"]["event"].get("const")]
        )
        assert shape["additionalProperties"] is False


def test_real_deliveries_of_every_event_validate_against_the_document(
    document, client, landing_page, resource, image, django_capture_on_commit_callbacks
):
    with Receiver() as receiver:
        WebhookEndpoint.objects.create(name="App", url=receiver.url, secret="s")
        for change in (
            lambda: landing_page.save_revision().publish(),  # page.published
            lambda: resource.save_revision().publish(),  # resource.published
            lambda: (setattr(image, "title", "Renamed banner"), image.save()),  # page.updated
            lambda: landing_page.unpublish(),  # page.unpublished
            lambda: landing_page.save_revision().publish(),
            lambda: landing_page.delete(),  # page.deleted
            lambda: resource.delete(),  # resource.deleted
        ):
            with django_capture_on_commit_callbacks(execute=True):
                change()
    seen = {}
    for request in receiver.requests:
        event = request["headers"]["X-Webhook-Event"]
        payload = json.loads(request["body"])
        assert payload["event"] == event
        errors = list(payload_validator(document, event).iter_errors(payload))
        assert not errors, (event, payload, [error.message for error in errors])
        seen[event] = payload
    assert set(seen) == set(EVENT_SHAPES)
    # The document is strict: a payload with a field it does not define would fail.
    published = {**seen["page.published"], "extra": 1}
    assert list(payload_validator(document, "page.published").iter_errors(published))

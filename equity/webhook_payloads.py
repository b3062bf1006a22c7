"""The publish webhooks' payloads: one definition per shape, for the sender and the document.

``equity.webhooks`` builds every payload it sends through these models (so a payload cannot
drift from its definition), and :func:`openapi_webhooks` publishes the same models as the
OpenAPI 3.1 ``webhooks`` of the v3 document (``/api/v3/openapi.json``), so a receiver
generates its types as an API client does.

Shapes and their events:

- :class:`PageEventPayload`: ``page.published``, ``page.unpublished``, ``page.deleted``;
- :class:`PageUpdatedPayload`: ``page.updated`` (adds ``reason``: what changed the page);
- :class:`ResourceEventPayload`: ``resource.published``, ``resource.deleted``.

Every POST carries the headers ``X-Webhook-Event`` (the event), ``X-Webhook-Delivery`` (the
delivery id) and ``X-Webhook-Signature`` (``sha256=`` and the hex HMAC-SHA256 of the raw body
with the endpoint's secret); a 2xx answer is a success, anything else is retried.
"""

import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WebhookAPIURLs(_Payload):
    """The object in the APIs (absolute); ``null`` where an API does not serve it."""

    v2: str | None
    v3: str | None


class WebhookReason(_Payload):
    """The object whose change updated the page, e.g. ``{"type": "equity.Resource", "id": 12}``."""

    type: str = Field(description="Its model, as app_label.ModelName.")
    id: int | str


class PageEventPayload(_Payload):
    """A page the public can see (or could, before the change) was published, unpublished or
    deleted."""

    event: Literal["page.published", "page.unpublished", "page.deleted"]
    type: str = Field(description="The page type, as app_label.ModelName.")
    id: int
    title: str
    url: str | None = Field(description="The page on the site (absolute); null if it has none.")
    api_urls: WebhookAPIURLs
    timestamp: datetime.datetime = Field(description="When the change was sent on (UTC).")


class PageUpdatedPayload(PageEventPayload):
    """A live, public page changed without being published: something it shows changed (a
    library resource, a contact, an image, a setting), it was moved, or its privacy changed."""

    event: Literal["page.updated"]
    reason: WebhookReason


class ResourceEventPayload(_Payload):
    """A library resource was published (created or changed) or deleted."""

    event: Literal["resource.published", "resource.deleted"]
    type: str = Field(description="The record's model, as app_label.ModelName.")
    id: int
    title: str
    url: str | None = Field(description="The resource's own address (external), or null.")
    api_urls: WebhookAPIURLs
    timestamp: datetime.datetime = Field(description="When the change was sent on (UTC).")


# Each event and the shape of its payload.
EVENT_SHAPES: dict[str, type[_Payload]] = {
    "page.published": PageEventPayload,
    "page.unpublished": PageEventPayload,
    "page.deleted": PageEventPayload,
    "page.updated": PageUpdatedPayload,
    "resource.published": ResourceEventPayload,
    "resource.deleted": ResourceEventPayload,
}

HEADERS = {
    "X-Webhook-Event": "The event, as in the payload's `event`.",
    "X-Webhook-Delivery": "The delivery's id (the same on every retry of it).",
    "X-Webhook-Signature": (
        "`sha256=` and the hex HMAC-SHA256 of the raw request body with the endpoint's secret."
    ),
}


def build(event: str, **fields) -> dict:
    """The JSON-ready payload of ``event``, checked against its shape (``ValidationError``
    if a field is missing or wrong)."""
    return EVENT_SHAPES[event](event=event, **fields).model_dump(mode="json")


def openapi_webhooks(ref_prefix: str = "#/components/schemas/") -> tuple[dict, dict]:
    """``(webhooks, schemas)``: the OpenAPI 3.1 ``webhooks`` object (one POST per event) and
    the component schemas it refers to, generated from the models above."""
    schemas: dict[str, dict] = {}
    for shape in dict.fromkeys(EVENT_SHAPES.values()):
        schema = shape.model_json_schema(ref_template=ref_prefix + "{model}")
        schemas.update(schema.pop("$defs", {}))
        schemas[shape.__name__] = schema
    webhooks = {}
    for event, shape in EVENT_SHAPES.items():
        webhooks[event] = {
            "post": {
                "operationId": f"webhook_{event.replace('.', '_')}",
                "summary": f"`{event}`",
                "description": " ".join((shape.__doc__ or "").split()),
                "tags": ["webhooks"],
                "parameters": [
                    {
                        "name": name,
                        "in": "header",
                        "required": True,
                        "description": description,
                        "schema": {"type": "string"},
                    }
                    for name, description in HEADERS.items()
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": ref_prefix + shape.__name__}}
                    },
                },
                "responses": {
                    "2XX": {"description": "Received. Any other answer is retried with backoff."}
                },
            }
        }
    return webhooks, schemas

"""Publish webhooks: signed JSON POSTs when what the public can see changes.

A consumer of the publication pipeline (``equity.headless.publication``): for every page
event of a change — a page published, unpublished or deleted, or ``updated`` because a shared
object it shows changed (a library resource, a media contact, an image, a setting…), it was
moved, or its privacy changed — and for library resources themselves, every active
``WebhookEndpoint`` subscribed to the event gets a ``WebhookDelivery`` row and a background
task (django-tasks, the framework Wagtail 8 uses) that POSTs the payload::

    {"event": "page.updated", "type": "equity.EquityLandingPage", "id": 7,
     "title": "…", "url": "https://…/advancing-equity/",
     "api_urls": {"v2": "https://…/api/v2/pages/7/", "v3": "https://…/api/v3/pages/7/"},
     "reason": {"type": "equity.Resource", "id": 12},
     "timestamp": "2025-01-31T12:00:00+00:00"}

``reason`` is present on ``page.updated`` only. Each payload is built through its shape in
``equity.webhook_payloads``, which the v3 OpenAPI document publishes as its ``webhooks``.
Webhooks speak only of pages the public can see (or could, before the change): a private or
draft page's title never leaves the site.

Headers: ``X-Webhook-Event``, ``X-Webhook-Delivery`` (the delivery id) and
``X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body with the endpoint's secret>``.

An editor's publish never waits for, or fails because of, a receiver: the delivery row is
written in the publish's transaction, the task is enqueued only after it commits, and every
error of enqueueing or sending is caught and logged on the delivery.

Retries with backoff (``WEBHOOK_RETRY_DELAYS``, seconds, default 10 s, 1 min, 5 min, 30 min):

- on a queue that can defer work (the database backend in production, run by ``db_worker``),
  each attempt is its own task run; a failure re-enqueues the task with ``run_after`` set to
  the next delay, so no worker sleeps;
- on the immediate backend (development and tests), which cannot defer, the task retries in a
  bounded loop, sleeping each delay capped at ``WEBHOOK_IMMEDIATE_MAX_SLEEP`` (default 1 s), so
  a failing receiver costs a bounded, small time.
"""

import datetime
import hashlib
import hmac
import json
import logging
import time

import requests
from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_tasks import task

from . import webhook_payloads as payloads
from .headless import destinations
from .models import WebhookDelivery, WebhookEndpoint

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Webhook-Signature"
EVENT_HEADER = "X-Webhook-Event"
DELIVERY_HEADER = "X-Webhook-Delivery"
DEFAULT_RETRY_DELAYS = [10, 60, 300, 1800]


def sign(secret: str, body: bytes) -> str:
    """The signature header's value: ``sha256=`` and the hex HMAC-SHA256 of ``body``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does (the README shows the same few lines)."""
    return hmac.compare_digest(sign(secret, body), signature or "")


def _absolute(path: str) -> str:
    base = getattr(settings, "WAGTAILAPI_BASE_URL", None) or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    return f"{base.rstrip('/')}{path}"


def _api_url(name: str, pk) -> str | None:
    try:
        return _absolute(reverse(name, args=[pk]))
    except NoReverseMatch:
        return None


def page_payload(page_event) -> dict:
    """The payload for one ``PageEvent`` of the publication pipeline (its shape:
    ``equity.webhook_payloads``)."""
    event = f"page.{page_event.event}"
    fields = {
        "type": page_event.type,
        "id": page_event.page_id,
        "title": page_event.title,
        "url": page_event.url,
        "api_urls": {
            "v2": _api_url("wagtailapi_v2:pages:detail", page_event.page_id),
            "v3": _api_url("wagtailapi_v3:detail_page", page_event.page_id),
        },
        "timestamp": timezone.now(),
    }
    if page_event.reason is not None:
        fields["reason"] = page_event.reason
    return payloads.build(event, **fields)


def resource_payload(event: str, resource) -> dict:
    return payloads.build(
        f"resource.{event}",
        type=resource._meta.label,
        id=resource.pk,
        title=resource.title,
        url=resource.href or None,
        api_urls={
            "v2": _api_url("wagtailapi_v2:resources:detail", resource.pk),
            "v3": _api_url("wagtailapi_v3:resource_detail", resource.pk),
        },
        timestamp=timezone.now(),
    )


def dispatch(event: str, payload: dict) -> list[int]:
    """Log a delivery per subscribed endpoint and enqueue it once the transaction commits.

    Never raises: content changes must not fail because of webhooks.
    """
    try:
        endpoints = [e for e in WebhookEndpoint.objects.filter(active=True) if e.wants(event)]
        deliveries = [
            WebhookDelivery.objects.create(
                endpoint=endpoint,
                event=payload["event"],
                object_type=payload["type"],
                object_id=str(payload["id"]),
                title=(payload.get("title") or "")[:255],
                payload=payload,
            )
            for endpoint in endpoints
        ]
    except Exception:
        logger.exception("Could not record webhook deliveries for %s", payload.get("event"))
        return []
    for delivery in deliveries:
        transaction.on_commit(lambda pk=delivery.pk: enqueue(pk))
    return [delivery.pk for delivery in deliveries]


def enqueue(delivery_id: int, run_after: datetime.datetime | None = None) -> None:
    try:
        if run_after is not None:
            deliver_webhook.using(run_after=run_after).enqueue(delivery_id)
        else:
            deliver_webhook.enqueue(delivery_id)
    except Exception as error:  # the queue is down: keep the error on the log
        logger.exception("Could not enqueue webhook delivery %s", delivery_id)
        WebhookDelivery.objects.filter(pk=delivery_id).update(
            status=WebhookDelivery.Status.FAILED, last_error=f"Could not enqueue: {error}"
        )


def attempt(delivery: WebhookDelivery) -> bool:
    """POST the payload once; record the attempt. True when the receiver answered 2xx."""
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "advancing-equity-cms-webhooks/1",
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.pk),
        SIGNATURE_HEADER: sign(delivery.endpoint.secret, body),
    }
    delivery.attempts += 1
    total = getattr(settings, "WEBHOOK_TIMEOUT", 10)
    started = time.monotonic()
    try:
        with destinations.deadline(total) as limit, destinations.session() as session:
            response = session.post(
                delivery.endpoint.url,
                data=body,
                headers=headers,
                timeout=total,
                allow_redirects=False,
                stream=True,
            )
            response.close()  # the body is never read, nor stored
        if limit.expired:
            raise requests.Timeout(f"over {total} s in all")
    except destinations.RefusedDestination:
        delivery.response_code = None
        delivery.last_error = "Refused: the address is not on a public network."
        ok = False
    except requests.RequestException as error:
        delivery.response_code = None
        seconds = time.monotonic() - started
        delivery.last_error = f"No answer ({type(error).__name__}) after {seconds:.1f} s."
        ok = False
    else:
        delivery.response_code = response.status_code
        ok = 200 <= response.status_code < 300
        delivery.last_error = "" if ok else f"HTTP {response.status_code}"
    if ok:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
    delivery.save()
    return ok


def retry_delays() -> list[float]:
    return list(getattr(settings, "WEBHOOK_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))


@task()
def deliver_webhook(delivery_id: int) -> str:
    """Send one delivery, retrying with backoff (see the module docstring)."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == WebhookDelivery.Status.SUCCEEDED:
        return "gone"
    delays = retry_delays()
    if deliver_webhook.get_backend().supports_defer:
        if attempt(delivery):
            return delivery.status
        if delivery.attempts <= len(delays):
            delay = delays[delivery.attempts - 1]
            delivery.status = WebhookDelivery.Status.RETRYING
            delivery.save(update_fields=["status", "updated_at"])
            enqueue(delivery.pk, run_after=timezone.now() + datetime.timedelta(seconds=delay))
        else:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.save(update_fields=["status", "updated_at"])
        return delivery.status
    max_sleep = getattr(settings, "WEBHOOK_IMMEDIATE_MAX_SLEEP", 1.0)
    while not attempt(delivery):
        if delivery.attempts > len(delays):
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.save(update_fields=["status", "updated_at"])
            break
        delivery.status = WebhookDelivery.Status.RETRYING
        delivery.save(update_fields=["status", "updated_at"])
        time.sleep(min(delays[delivery.attempts - 1], max_sleep))
    return delivery.status


# --- Publication pipeline consumer (connected by the equity app) ---------------------------


def on_content_changing(sender, change, **kwargs) -> None:
    """Record a delivery per subscribed endpoint for each public page event of ``change``
    (and for a library resource), inside the writer's transaction: the content and its
    deliveries commit together or not at all; the tasks are enqueued after the commit."""
    try:
        for page_event in change.pages:
            if page_event.public:
                dispatch(page_event.event, page_payload(page_event))
        shared = change.shared_object
        if shared is not None and shared["type"] == "equity.Resource":
            event = "deleted" if shared["event"] == "deleted" else "published"
            dispatch(event, resource_payload(event, shared["object"]))
    except Exception:
        logger.exception("Webhook dispatch failed")

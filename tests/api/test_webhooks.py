"""Publish webhooks: signed POSTs to a real HTTP server on 127.0.0.1, retries, the delivery
log, http(s)-only endpoints, and a publish that never fails because a receiver is down."""

import hashlib
import hmac
import json
import socket

import pytest
from django.core.exceptions import ValidationError

from equity.models import Resource, WebhookDelivery, WebhookEndpoint
from tests.receivers import Receiver

pytestmark = pytest.mark.django_db


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hook"


def endpoint(url, events=("published", "unpublished", "deleted"), secret="s3cret"):
    return WebhookEndpoint.objects.create(name="App", url=url, secret=secret, events=list(events))


def verify(secret: str, body: bytes, header: str) -> bool:
    """The README's receiver snippet."""
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header)


def test_publish_posts_a_signed_payload(landing_page, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            landing_page.save_revision().publish()
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    assert verify("s3cret", request["body"], request["headers"]["X-Webhook-Signature"])
    assert not verify("other", request["body"], request["headers"]["X-Webhook-Signature"])
    payload = json.loads(request["body"])
    assert payload["event"] == "page.published"
    assert payload["type"] == "equity.EquityLandingPage"
    assert (payload["id"], payload["title"]) == (landing_page.pk, "Advancing Equity")
    assert payload["url"] == "http://localhost/advancing-equity/"
    assert payload["api_urls"] == {
        "v2": f"http://testserver/api/v2/pages/{landing_page.pk}/",
        "v3": f"http://testserver/api/v3/pages/{landing_page.pk}/",
    }
    assert payload["timestamp"]
    assert request["headers"]["X-Webhook-Event"] == "page.published"
    delivery = WebhookDelivery.objects.get()
    assert request["headers"]["X-Webhook-Delivery"] == str(delivery.pk)
    assert (delivery.status, delivery.response_code, delivery.attempts) == ("succeeded", 200, 1)


def test_unpublish_and_delete_and_event_filter(landing_page, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint(receiver.url, events=["unpublished", "deleted"])
        with django_capture_on_commit_callbacks(execute=True):
            landing_page.save_revision().publish()  # not subscribed
            landing_page.unpublish()
            landing_page.save_revision().publish()  # live again, not subscribed
        with django_capture_on_commit_callbacks(execute=True):
            landing_page.delete()
    events = [json.loads(r["body"])["event"] for r in receiver.requests]
    # Wagtail unpublishes a live page it deletes: receivers hear "deleted" only.
    assert events == ["page.unpublished", "page.deleted"]


def test_library_resources_send_webhooks(db, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        endpoint(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            resource = Resource(title="Toolkit", kind="toolkit", summary="S", url="https://x.org/t")
            resource.live = False
            resource.save()
            resource.save_revision().publish()  # a library record goes live when published
            pk = resource.pk
        with django_capture_on_commit_callbacks(execute=True):
            resource.delete()
    payloads = [json.loads(r["body"]) for r in receiver.requests]
    assert [p["event"] for p in payloads] == ["resource.published", "resource.deleted"]
    assert payloads[0]["api_urls"]["v3"] == f"http://testserver/api/v3/resources/{pk}/"
    assert payloads[0]["type"] == "equity.Resource"


def test_failures_are_retried_with_backoff_and_logged(
    landing_page, django_capture_on_commit_callbacks
):
    with Receiver(statuses=[500, 503, 200]) as receiver:
        endpoint(receiver.url)
        with django_capture_on_commit_callbacks(execute=True):
            landing_page.save_revision().publish()
    assert len(receiver.requests) == 3
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("succeeded", 3, 200)
    assert delivery.last_error == ""


def test_an_endpoint_that_refuses_connections_never_fails_a_publish(
    landing_page, django_capture_on_commit_callbacks, client, admin_user
):
    endpoint(refused_url())
    landing_page.hero_heading = "Published anyway"
    with django_capture_on_commit_callbacks(execute=True):
        revision = landing_page.save_revision()
        revision.publish()
    landing_page.refresh_from_db()
    assert landing_page.hero_heading == "Published anyway" and landing_page.live
    delivery = WebhookDelivery.objects.get()
    # One try and every retry (WEBHOOK_RETRY_DELAYS has two in the test settings).
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 3, None)
    assert "ConnectionError" in delivery.last_error
    # The same through the admin's publish button.
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/pages/{landing_page.pk}/edit/",
            {
                "title": "Advancing Equity",
                "slug": "advancing-equity",
                "hero_heading": "Via the admin",
                "hero_image": landing_page.hero_image_id,
                "hero_image_alt": "",
                "intro": json.dumps({"blocks": [], "entityMap": {}}),
                "body-count": "0",
                "action-publish": "publish",
            },
        )
    assert response.status_code == 302, response.context and response.context["form"].errors
    landing_page.refresh_from_db()
    assert landing_page.hero_heading == "Via the admin" and landing_page.live
    assert WebhookDelivery.objects.filter(status="failed").count() == 2


def test_only_http_and_https_endpoints(db):
    for url in ("ftp://example.org/hook", "file:///etc/passwd", "javascript:alert(1)"):
        with pytest.raises(ValidationError):
            WebhookEndpoint(name="Bad", url=url, events=["published"]).full_clean()
    WebhookEndpoint(name="Good", url="https://example.org/hook", events=["published"]).full_clean()
    with pytest.raises(ValidationError):
        WebhookEndpoint(name="No events", url="https://example.org/hook", events=[]).full_clean()


def test_inactive_endpoints_get_nothing(landing_page, django_capture_on_commit_callbacks):
    with Receiver() as receiver:
        hook = endpoint(receiver.url)
        hook.active = False
        hook.save()
        with django_capture_on_commit_callbacks(execute=True):
            landing_page.save_revision().publish()
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


def test_admin_lists_endpoints_and_read_only_deliveries(
    client, admin_user, landing_page, django_capture_on_commit_callbacks
):
    endpoint(refused_url())
    with django_capture_on_commit_callbacks(execute=True):
        landing_page.save_revision().publish()
    client.force_login(admin_user)
    response = client.get("/admin/equity/webhookendpoint/")
    assert response.status_code == 200 and b"App" in response.content
    response = client.get("/admin/equity/webhookendpoint/create/")
    assert response.status_code == 200 and b'name="events"' in response.content
    response = client.post(
        "/admin/equity/webhookendpoint/create/",
        {"name": "Bad", "url": "ftp://x.org/", "secret": "x", "events": ["published"]},
    )
    assert response.status_code == 200 and not WebhookEndpoint.objects.filter(name="Bad")
    listing = client.get("/admin/equity/webhookdelivery/")
    assert listing.status_code == 200
    assert b"Advancing Equity" in listing.content and b"failed" in listing.content.lower()
    delivery = WebhookDelivery.objects.get()
    assert client.get(f"/admin/equity/webhookdelivery/inspect/{delivery.pk}/").status_code == 200
    # Read-only: no create, edit or delete views for the log.
    assert client.get("/admin/equity/webhookdelivery/create/").status_code in (302, 403)
    assert client.get(f"/admin/equity/webhookdelivery/edit/{delivery.pk}/").status_code in (
        302,
        403,
    )

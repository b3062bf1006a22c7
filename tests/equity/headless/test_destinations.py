"""Webhook destinations: only public addresses (checked on the address connected to), a
bounded total time per delivery, and nothing of the receiver's answer kept."""

import socket
import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from equity.models import WebhookDelivery, WebhookEndpoint
from equity.webhooks import attempt
from tests.receivers import Receiver

pytestmark = pytest.mark.django_db

NO_PRIVATE_NETWORKS = override_settings(WEBHOOK_ALLOWED_NETWORKS=[])


def delivery_to(url: str) -> WebhookDelivery:
    # objects.create skips the form's check: the delivery-time check must hold on its own.
    endpoint = WebhookEndpoint.objects.create(name="Receiver", url=url, secret="s")
    return WebhookDelivery.objects.create(
        endpoint=endpoint, event="page.published", object_type="t", object_id="1", payload={}
    )


def loopback_name() -> str:
    """A host name (not an address) that resolves to loopback on this machine."""
    for name in ("localhost", socket.gethostname()):
        try:
            if socket.gethostbyname(name).startswith("127."):
                return name
        except OSError:
            continue
    pytest.fail("no name resolves to loopback here")


@NO_PRIVATE_NETWORKS
def test_non_public_destinations_are_refused_when_sending():
    with Receiver() as receiver:
        port = receiver.server.server_port
        urls = [
            receiver.url,
            f"http://{loopback_name()}:{port}/hook",
            f"http://[::1]:{port}/hook",
            f"http://0.0.0.0:{port}/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/hook",
            "http://192.168.1.1/hook",
            "http://172.16.0.1/hook",
        ]
        for url in urls:
            delivery = delivery_to(url)
            assert not attempt(delivery), url
            assert delivery.last_error.startswith("Refused"), (url, delivery.last_error)
    assert receiver.requests == []


def test_the_allow_list_lets_a_development_receiver_through():
    with Receiver() as receiver, override_settings(WEBHOOK_ALLOWED_NETWORKS=["127.0.0.0/8"]):
        assert attempt(delivery_to(receiver.url))
    assert len(receiver.requests) == 1


@NO_PRIVATE_NETWORKS
@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1/hook", "http://localhost:8000/", "http://[::1]/", "http://169.254.169.254/"],
)
def test_the_form_refuses_literal_private_addresses(url):
    endpoint = WebhookEndpoint(name="Receiver", url=url, secret="s", events=["published"])
    with pytest.raises(ValidationError) as error:
        endpoint.full_clean()
    assert "public addresses" in str(error.value)
    WebhookEndpoint(name="R", url="https://hooks.example.org/", secret="s").full_clean()


def test_the_receivers_answer_is_never_stored():
    secret = "receiver-internal-token-1234"

    with Receiver(statuses=(500,)) as receiver:
        receiver.body = secret
        delivery = delivery_to(receiver.url)
        assert not attempt(delivery)
    delivery.refresh_from_db()
    assert delivery.response_code == 500
    assert delivery.last_error == "HTTP 500"
    assert secret not in str(WebhookDelivery.objects.values().get(pk=delivery.pk))


class TricklingServer:
    """Accepts a POST and answers one header line every 0.2 s, for up to 30 s."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/hook"
        self.stop = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self):
        connection, _ = self.sock.accept()
        with connection:
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\n")
            deadline = time.monotonic() + 30
            while not self.stop.is_set() and time.monotonic() < deadline:
                try:
                    connection.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    return
                self.stop.wait(0.2)

    def close(self):
        self.stop.set()
        self.sock.close()


def test_a_trickling_receiver_is_cut_off_at_the_total_timeout():
    server = TricklingServer()
    try:
        with override_settings(WEBHOOK_TIMEOUT=1):
            delivery = delivery_to(server.url)
            started = time.monotonic()
            ok = attempt(delivery)
            elapsed = time.monotonic() - started
    finally:
        server.close()
    assert not ok
    assert delivery.last_error.startswith("No answer")
    # Each header line comes well within any per-read timeout; only a total bound stops it
    # (the server would go on for 30 s).
    assert elapsed < 10

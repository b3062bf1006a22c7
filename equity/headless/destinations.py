"""Where the site may send a request on an editor's behalf (webhooks), and for how long.

A webhook endpoint is an address an editor typed; the site then POSTs to it from inside the
hosting network. Without a check that is server-side request forgery: ``http://127.0.0.1``,
``http://169.254.169.254`` (cloud metadata), ``http://10.0.0.5`` or a public name that
resolves to one of those reach services no visitor could. So:

- **Public destinations only.** Every address a host name resolves to must be a global
  (public) IP address, checked *when connecting*, on the address actually connected to, so a
  name cannot resolve to a public address when saved and a private one when used (DNS
  rebinding). ``WEBHOOK_ALLOWED_NETWORKS`` (a list of CIDR networks, empty by default; the
  development and test settings allow loopback) lets an operator allow private ones.
- **A bounded total time.** ``WEBHOOK_TIMEOUT`` (seconds) bounds the whole request —
  connecting, sending, and reading the answer — not only each read: a receiver that trickles
  one header line every few seconds is cut off at the deadline.

``session()`` returns a ``requests.Session`` that enforces both; ``check_url`` is the same
check for forms (literal addresses and ``localhost`` are refused when saved).
"""

from __future__ import annotations

import ipaddress
import socket
import threading
from contextlib import contextmanager, suppress
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class RefusedDestination(Exception):
    """The destination resolves to an address the site does not send to. Not an
    ``OSError``: the HTTP client must not retry it or turn it into a connection error."""


def allowed_networks() -> list:
    return [
        ipaddress.ip_network(network, strict=False)
        for network in getattr(settings, "WEBHOOK_ALLOWED_NETWORKS", [])
    ]


def address_is_allowed(ip: str) -> bool:
    """Whether ``ip`` is a public address, or in ``WEBHOOK_ALLOWED_NETWORKS``."""
    address = ipaddress.ip_address(ip.split("%", 1)[0])
    if getattr(address, "ipv4_mapped", None) is not None:
        address = address.ipv4_mapped
    if any(address in network for network in allowed_networks()):
        return True
    return address.is_global and not address.is_multicast


def check_url(url: str) -> None:
    """Form validation: refuse a URL whose host is a literal non-public address or
    ``localhost`` (a name is checked again, resolved, when the request is made).

    :raises ValidationError: with a message for the editor.
    """
    host = (urlsplit(url).hostname or "").strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        host = "127.0.0.1"
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return  # a name: resolved and checked at delivery time
    if not address_is_allowed(host):
        raise ValidationError(
            "This address is on a private or local network: the site only sends webhooks "
            "to public addresses."
        )


_local = threading.local()


class _GuardedConnectionMixin:
    def _new_conn(self) -> socket.socket:
        # Resolve here and connect to the checked address itself: no second lookup.
        try:
            infos = socket.getaddrinfo(self._dns_host, self.port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise requests.ConnectionError(f"Cannot resolve {self.host}") from error
        for *_info, sockaddr in infos:
            if not address_is_allowed(sockaddr[0]):
                raise RefusedDestination(f"{self.host} is not a public address")
        family, kind, proto, _name, sockaddr = infos[0]
        sock = socket.socket(family, kind, proto)
        sock.settimeout(self.timeout if isinstance(self.timeout, int | float) else None)
        _sockets().append(sock)
        try:
            sock.connect(sockaddr)
        except OSError as error:
            sock.close()
            raise requests.ConnectionError(f"Cannot connect to {self.host}") from error
        return sock


class GuardedHTTPConnection(_GuardedConnectionMixin, HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnectionMixin, HTTPSConnection):
    pass


class GuardedHTTPPool(HTTPConnectionPool):
    ConnectionCls = GuardedHTTPConnection


class GuardedHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = GuardedHTTPSConnection


class GuardedAdapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kwargs):
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": GuardedHTTPPool,
            "https": GuardedHTTPSPool,
        }


def _sockets() -> list:
    if not hasattr(_local, "sockets"):
        _local.sockets = []
    return _local.sockets


def session() -> requests.Session:
    """A session that sends only to allowed destinations (no redirects followed by it)."""
    guarded = requests.Session()
    guarded.trust_env = False  # no proxy from the environment: the check is on the receiver
    adapter = GuardedAdapter(max_retries=0)
    guarded.mount("http://", adapter)
    guarded.mount("https://", adapter)
    return guarded


class Deadline:
    expired = False


@contextmanager
def deadline(seconds: float):
    """Cut every connection opened in this thread inside the block at ``seconds`` after
    entering it: a blocked read then ends at once. The yielded object's ``expired`` says
    whether that happened — check it, since a cut read can look like the end of a response.
    """
    _local.sockets = []
    sockets = _sockets()
    state = Deadline()

    def cut():
        state.expired = True
        for sock in list(sockets):
            with suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(seconds, cut)
    timer.daemon = True
    timer.start()
    try:
        yield state
    finally:
        timer.cancel()
        _local.sockets = []

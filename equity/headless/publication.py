"""The publication pipeline: the one place that decides "what the public can see changed".

Three modules: ``sources`` (the signals below, each turned into a change), ``changes`` (what
a change affects: pages, events, addresses; the registry of shared records) and this one (the
record of each change, the content version, and the two signals consumers subscribe to).

Sources (connected once by ``connect()``, from the equity app's ``ready``):

- Wagtail's page signals: ``page_published`` and ``page_unpublished`` (also sent by
  ``publish_scheduled`` for scheduled publishing and expiry), ``pre_page_move`` /
  ``post_page_move`` and the page's ``pre_delete`` (sent for every descendant too);
- privacy: a ``PageViewRestriction`` or ``CollectionViewRestriction`` saved, deleted, or its
  groups changed;
- shared objects registered with ``register()`` (library resources and topics, media
  contacts, tags, images, documents, site settings, sites, redirects): saved or deleted, or,
  for models with drafts (``DraftStateMixin``), published or unpublished. A draft saved
  changes nothing, here or anywhere downstream.

Each source becomes a ``Change``: the pages whose public output changed — the page itself,
or, for a shared object, every live public page that shows it, found through Wagtail's
reference index (transitively: an image in a resource shown on a landing page) and the page
types that list every object of a kind — with the event for each, and the addresses that
show them (each page's URL with its ``get_cached_paths()``, its ancestors' (listings, feeds,
home, sitemap), the pages' API details and the API listings that include them).

Consumers subscribe to two signals, each sent with ``change=``:

- ``content_changing``, inside the writer's transaction, once per change: for records that
  must commit or roll back with the content (the webhook outbox);
- ``content_changed``, after the transaction commits: the front-end cache purge.

Before ``content_changed`` is sent a ``PublicationRecord`` is written: the new content
version that the response and content caches key on, and the ``Last-Modified`` of every
public response (``content_version()``). With a shared cache (Redis) the version is mirrored
there (for ``MIRROR_TIMEOUT`` seconds, so a publish during a cache outage is missed for at
most that long) and cached responses need no query; with a process-local cache every request
asks the database, so another process's publish is never missed.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import threading

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from .changes import Change, PageEvent, register, resource_api_paths  # noqa: F401 (the API)

logger = logging.getLogger(__name__)

content_changing = Signal()
content_changed = Signal()

VERSION_CACHE_KEY = "publication:version"
# Seconds the shared cache's copy of the content version lives: a publish during a cache
# outage cannot update it, so it must expire on its own.
MIRROR_TIMEOUT = 60
# How many records to keep: only the newest matters, older ones are history.
KEEP_RECORDS = 1000


class AtomicPublicationMixin:
    """Publish and unpublish a page in one transaction, with what the pipeline records inside
    it (the publication record, the webhook outbox): a process killed half-way leaves the
    page live *and* its deliveries recorded, or neither. Wagtail's own actions write the page,
    its revision and the signal's receivers in separate statements."""

    def publish(self, *args, **kwargs):
        with transaction.atomic():
            return super().publish(*args, **kwargs)

    def unpublish(self, *args, **kwargs):
        with transaction.atomic():
            return super().unpublish(*args, **kwargs)


# --- The record -----------------------------------------------


def record(change: Change) -> None:
    """Hand ``change`` to the pipeline: ``content_changing`` now, and ``content_changed``
    once the current transaction commits (at once outside a transaction)."""
    content_changing.send(sender=Change, change=change)
    _request_memo.value = None  # this thread's next read sees the change
    if transaction.get_connection().in_atomic_block:
        # A record inside the transaction too: it commits (or rolls back) with the content,
        # and this connection's own later reads already see the new version. Other
        # processes keep reading the old one until the commit, so the shared copy is dropped
        # rather than replaced.
        _write_record(change.reason)
        with contextlib.suppress(Exception):
            caches["default"].delete(VERSION_CACHE_KEY)
    transaction.on_commit(lambda: _commit(change))


def _write_record(reason: str):
    """A new ``PublicationRecord``, ``changed_at`` strictly after the previous one; None
    (logged) if it cannot be written, which never fails the writer's transaction."""
    from equity.models import PublicationRecord

    try:
        with transaction.atomic():
            previous = PublicationRecord.objects.order_by("-pk").values_list("changed_at").first()
            now = timezone.now().replace(microsecond=0)
            if previous is not None and now <= previous[0]:
                now = previous[0] + datetime.timedelta(seconds=1)
            new = PublicationRecord.objects.create(changed_at=now, reason=reason[:255])
            if new.pk % 100 == 0:
                PublicationRecord.objects.filter(pk__lte=new.pk - KEEP_RECORDS).delete()
    except Exception:
        logger.exception("Could not write the publication record for %s", reason)
        return None
    return new


def _commit(change: Change) -> None:
    # Written after the content committed, in its own statement: any process that reads this
    # version also reads the content it stands for (the row is newer than the commit).
    new = _write_record(change.reason)
    if new is not None:
        try:
            caches["default"].set(VERSION_CACHE_KEY, (new.pk, new.changed_at), MIRROR_TIMEOUT)
        except Exception:  # a cache outage: the mirror expires within MIRROR_TIMEOUT
            logger.warning("Cache unavailable: content version %s not mirrored", new.pk)
    content_changed.send(sender=Change, change=change)


def _cache_is_shared() -> bool:
    return not isinstance(caches["default"], LocMemCache)


# The version read during the current request (this thread): every cache of one response
# keys on the same version, at one query (or one cache read) per request at most.
_request_memo = threading.local()


def _start_request_memo(**kwargs) -> None:
    _request_memo.active, _request_memo.value = True, None


def _end_request_memo(**kwargs) -> None:
    _request_memo.active, _request_memo.value = False, None


def content_version() -> tuple[int, datetime.datetime | None]:
    """``(version, changed_at)`` of the newest ``PublicationRecord``: ``(0, None)`` before
    the first change. Read from the shared cache when there is one (a publish writes it there
    after the database), otherwise from the database, so it is never older than a commit
    another process made; read once per request."""
    if getattr(_request_memo, "active", False) and _request_memo.value is not None:
        return _request_memo.value
    value = _read_content_version()
    if getattr(_request_memo, "active", False):
        _request_memo.value = value
    return value


def _read_content_version() -> tuple[int, datetime.datetime | None]:
    from equity.models import PublicationRecord

    if _cache_is_shared():
        try:
            value = caches["default"].get(VERSION_CACHE_KEY)
        except Exception:  # a cache outage: the database still knows
            logger.warning("Cache unavailable: content version read from the database")
            value = None
        if value is not None:
            return value
    row = PublicationRecord.objects.order_by("-pk").values_list("pk", "changed_at").first()
    value = row or (0, None)
    if _cache_is_shared() and row is not None:
        with contextlib.suppress(Exception):  # a cache outage: the next request asks again
            caches["default"].add(VERSION_CACHE_KEY, value, MIRROR_TIMEOUT)
    return value


def request_content_version(request) -> tuple[int, datetime.datetime | None]:
    """``content_version()`` for ``request`` (the same value for the whole request)."""
    value = getattr(request, "_content_version", None)
    if value is None:
        value = content_version()
        request._content_version = value
    return value


def connect() -> None:
    """Connect every source of the pipeline (``equity.headless.sources``); once, from the
    equity app's ``ready``."""
    from . import sources

    sources.connect()

"""The publication pipeline: the one place that decides "what the public can see changed".

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
import dataclasses
import datetime
import logging
import threading
from collections.abc import Callable, Iterable

import swapper
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

logger = logging.getLogger(__name__)

content_changing = Signal()
content_changed = Signal()

VERSION_CACHE_KEY = "publication:version"
# Seconds the shared cache's copy of the content version lives: a publish during a cache
# outage cannot update it, so it must expire on its own.
MIRROR_TIMEOUT = 60
# How many records to keep: only the newest matters, older ones are history.
KEEP_RECORDS = 1000
# Fields Wagtail writes to a live page's row when an editor saves a draft of it
# (``Page.save_revision``): nothing a visitor sees.
DRAFT_BOOKKEEPING_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "comments",
    }
)


def saves_only_a_draft(update_fields) -> bool:
    """Whether a save with these ``update_fields`` only records a new draft."""
    return bool(update_fields) and set(update_fields) <= DRAFT_BOOKKEEPING_FIELDS


def page_model():
    return swapper.load_model("wagtailcore", "Page")


# --- What changed ---------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PageEvent:
    """One page whose public output changed. ``event`` is ``published``, ``unpublished``,
    ``deleted`` or ``updated``; ``reason`` (for ``updated``) names the object that caused it,
    e.g. ``{"type": "equity.Resource", "id": 7}``. ``public`` says whether anonymous visitors
    could see the page before or after the change (webhooks speak only of such pages)."""

    page_id: int
    event: str
    type: str
    title: str
    url: str | None
    public: bool
    reason: dict | None = None


@dataclasses.dataclass
class Change:
    """What one source changed: page events, absolute addresses to purge, and the shared
    object (``{"type": "equity.Resource", "id": 7, "event": "published", "object": obj}``)
    when a shared object was the source."""

    reason: str
    pages: list[PageEvent] = dataclasses.field(default_factory=list)
    addresses: set[str] = dataclasses.field(default_factory=set)
    shared_object: dict | None = None

    def merge(self, other: Change) -> None:
        known = {(p.page_id, p.event) for p in self.pages}
        self.pages += [p for p in other.pages if (p.page_id, p.event) not in known]
        self.addresses |= other.addresses
        if self.shared_object is None:
            self.shared_object = other.shared_object


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


# --- Addresses ------------------------------------------------------------------------------


def _reverse(name: str, *args) -> str | None:
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


def _site_root(page) -> str | None:
    site = page.get_site()
    return site.root_url.rstrip("/") if site is not None else None


def api_paths(page) -> list[str]:
    """The API addresses that show ``page``: its v2 and v3 details and the listings that
    include it (v2 ``pages``, v3 pages and every extra v2 endpoint its type declares in
    ``api_endpoints``, e.g. ``("releases",)``)."""
    endpoints = ("pages", *getattr(type(page), "api_endpoints", ()))
    paths = [
        _reverse("wagtailapi_v3:detail_page", page.pk),
        _reverse("wagtailapi_v3:list_pages"),
    ]
    for endpoint in endpoints:
        paths += [
            _reverse(f"wagtailapi_v2:{endpoint}:detail", page.pk),
            _reverse(f"wagtailapi_v2:{endpoint}:listing"),
        ]
    return [path for path in paths if path]


def page_addresses(page, *, with_ancestors: bool = True) -> set[str]:
    """Every absolute address that shows ``page``: its own cached URLs (Wagtail's
    ``get_cached_paths()``), its API addresses and, by default, its ancestors' cached URLs
    (the listings, feeds and home page that include it)."""
    from wagtail.contrib.frontend_cache.utils import _get_page_cached_urls

    page = page.specific_deferred
    root = _site_root(page)
    if root is None:
        return set()
    addresses = set(_get_page_cached_urls(page))
    addresses |= {root + path for path in api_paths(page)}
    if with_ancestors:
        for ancestor in page.get_ancestors().filter(depth__gt=1).specific(defer=True):
            addresses |= set(_get_page_cached_urls(ancestor))
    return addresses


def _is_public(page) -> bool:
    return bool(page.live) and not page.get_view_restrictions().exists()


def page_event(page, event: str, reason: dict | None = None, public: bool | None = None):
    page = page.specific_deferred
    try:
        url = page.get_full_url()
    except Exception:  # a page outside any site has no address
        url = None
    return PageEvent(
        page_id=page.pk,
        event=event,
        type=(page.specific_class or type(page))._meta.label,
        title=page.title,
        url=url,
        public=_is_public(page) if public is None else public,
        reason=reason,
    )


# --- Shared objects -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class SharedModel:
    """A model whose rows live pages show.

    ``listed_by``: page models that list every row of this model (a library page lists
    every resource), so any change affects their live pages. ``dependents(obj)``: extra live
    pages that show ``obj`` where the reference index cannot know it (a site setting shown
    on every release). ``api_paths(obj)``: the object's own API addresses (relative).
    """

    model: type
    listed_by: tuple[type, ...] = ()
    dependents: Callable | None = None
    api_paths: Callable | None = None


_registry: dict[type, SharedModel] = {}


def register(model, *, listed_by=(), dependents=None, api_paths=None) -> None:
    """Make saves and deletes of ``model`` (or publishes, for models with drafts) go through
    the pipeline. Call from an ``AppConfig.ready``."""
    _registry[model] = SharedModel(model, tuple(listed_by), dependents, api_paths)
    if _connected:
        _connect_shared(model)


def shared_model_for(obj) -> SharedModel | None:
    for model, entry in _registry.items():
        if isinstance(obj, model):
            return entry
    return None


def dependent_pages(obj, *, depth: int = 3) -> list:
    """Live, public pages that show ``obj``: through Wagtail's reference index (following
    other registered shared objects up to ``depth`` steps), the page types that list every
    object of its kind, and the model's own ``dependents``."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    Page = page_model()
    page_type = ContentType.objects.get_for_model(Page)
    page_ids: set[int] = set()
    seen = {(type(obj), obj.pk)}
    frontier = [obj]
    extra = []
    for _ in range(depth):
        next_frontier = []
        for current in frontier:
            entry = shared_model_for(current)
            if entry is not None:
                for listing_model in entry.listed_by:
                    page_ids |= set(listing_model.objects.live().values_list("pk", flat=True))
                if entry.dependents is not None:
                    extra += list(entry.dependents(current))
            for reference in ReferenceIndex.get_references_to(current).select_related(
                "base_content_type"
            ):
                if reference.base_content_type_id == page_type.pk:
                    page_ids.add(int(reference.object_id))
                    continue
                model = reference.base_content_type.model_class()
                if model is None or not any(issubclass(model, m) for m in _registry):
                    continue
                source = model._default_manager.filter(pk=reference.object_id).first()
                if source is not None and (model, source.pk) not in seen:
                    seen.add((model, source.pk))
                    next_frontier.append(source)
        frontier = next_frontier
        if not frontier:
            break
    page_ids |= {page.pk for page in extra}
    return list(Page.objects.live().public().filter(pk__in=page_ids).order_by("path"))


def shared_object_change(obj, event: str) -> Change:
    label = obj._meta.label
    reason = {"type": label, "id": obj.pk}
    change = Change(reason=label, shared_object={**reason, "event": event, "object": obj})
    for page in dependent_pages(obj):
        change.pages.append(page_event(page, "updated", reason=reason, public=True))
        change.addresses |= page_addresses(page)
    entry = shared_model_for(obj)
    if entry is not None and entry.api_paths is not None:
        root = _default_root()
        change.addresses |= {root + path for path in entry.api_paths(obj) if path}
    return change


def _default_root() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url.rstrip("/") if site is not None else ""


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


# --- Sources --------------------------------------------------------------------------------


def _safely(build: Callable[[], Change | None]) -> None:
    """Never let the pipeline fail a publish: log, and fall back to a change that at least
    moves the content version."""
    try:
        change = build()
    except Exception:
        logger.exception("Could not work out what a content change affects")
        change = Change(reason="unknown")
    if change is not None:
        record(change)


def _page_change(instance, event: str, reason: str, public: bool | None = None) -> Change:
    """The page itself, and the live public pages that show it (a card, a related page, a
    link: the reference index knows them), which now show its new title or address."""
    change = Change(reason=reason)
    change.pages.append(page_event(instance, event, public=public))
    change.addresses |= page_addresses(instance)
    because = {"type": "wagtailcore.Page", "id": instance.pk}
    for page in dependent_pages(instance, depth=1):
        if page.pk != instance.pk:
            change.pages.append(page_event(page, "updated", reason=because, public=True))
            change.addresses |= page_addresses(page)
    return change


def on_page_published(sender, instance, **kwargs):
    _safely(lambda: _page_change(instance, "published", "page.published"))


# Pages being deleted in this thread: Wagtail unpublishes a live page it deletes, after our
# pre_delete receiver, and receivers need to hear "deleted" only.
_deleting = threading.local()


def on_page_unpublished(sender, instance, **kwargs):
    deleting = getattr(_deleting, "pks", set())
    if instance.pk in deleting:
        deleting.discard(instance.pk)
        return
    # Unpublished: was it public a moment ago? Only its restrictions can say.
    restricted = instance.get_view_restrictions().exists()
    _safely(lambda: _page_change(instance, "unpublished", "page.unpublished", not restricted))


def on_page_deleted(sender, instance, **kwargs):
    # pre_delete: the page's address and ancestors are still readable. Wagtail unpublishes a
    # live page first, so "was it ever public" is what receivers may be told of.
    public = instance.first_published_at is not None and not (
        instance.get_view_restrictions().exists()
    )
    if instance.live:
        if not hasattr(_deleting, "pks"):
            _deleting.pks = set()
        _deleting.pks.add(instance.pk)
    _safely(lambda: _page_change(instance, "deleted", "page.deleted", public))


def on_pre_page_move(sender, instance, **kwargs):
    try:
        instance._addresses_before_move = page_addresses(instance)
        instance._public_before_move = _is_public(instance)
    except Exception:
        logger.exception("Could not list the addresses of page %s before its move", instance.pk)


def on_post_page_move(sender, instance, **kwargs):
    def build():
        page = page_model().objects.get(pk=instance.pk)
        if not page.live:
            return Change(reason="page.moved")  # a draft moved: its address was never public
        change = Change(reason="page.moved")
        reason = {"type": "page.moved", "id": page.pk}
        public = _is_public(page) or getattr(instance, "_public_before_move", False)
        change.pages.append(page_event(page, "updated", reason=reason, public=public))
        change.addresses |= page_addresses(page)
        change.addresses |= getattr(instance, "_addresses_before_move", set())
        return change

    _safely(build)


def privacy_change(page, restriction) -> Change:
    """A view restriction on ``page`` added, changed or removed: for the page and its live
    descendants the public sees a publish (now public) or an unpublish (now private)."""
    label = restriction._meta.label
    change = Change(reason=label)
    for affected in page.get_descendants(inclusive=True).live().specific(defer=True):
        public = _is_public(affected)
        event = "published" if public else "unpublished"
        # Whether it was public before cannot be told after the write: say it to receivers
        # either way (an app holding the page must drop it; one without it may fetch it).
        change.pages.append(page_event(affected, event, public=True))
        change.addresses |= page_addresses(affected)
    return change


def on_restriction_write(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    if isinstance(instance, PageViewRestriction):
        page = page_model().objects.filter(pk=instance.page_id).first()
        if page is not None:
            _safely(lambda: privacy_change(page, instance))
    elif isinstance(instance, CollectionViewRestriction):
        _safely(lambda: _collection_change(instance))


def _collection_change(restriction) -> Change:
    """A collection made private or public: every image and document in it, and the live
    pages that show them."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    change = Change(reason=restriction._meta.label)
    for model in (get_image_model(), get_document_model()):
        for obj in model.objects.filter(collection_id=restriction.collection_id):
            change.merge(shared_object_change(obj, "updated"))
    return change


def on_restriction_groups_changed(sender, instance, action, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        on_restriction_write(sender, instance)


def on_shared_object_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or shared_model_for(instance) is None:
        return
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import DraftStateMixin

    if created and isinstance(instance, BaseSiteSetting | BaseGenericSetting):
        return  # created empty by the first read (``for_site``): nothing shown changed

    if isinstance(instance, DraftStateMixin):
        return  # follows its publish and unpublish signals instead
    _safely(lambda: shared_object_change(instance, "published"))


def on_shared_object_published(sender, instance, **kwargs):
    if shared_model_for(instance) is not None:
        _safely(lambda: shared_object_change(instance, "published"))


def on_shared_object_unpublished(sender, instance, **kwargs):
    if shared_model_for(instance) is not None:
        _safely(lambda: shared_object_change(instance, "unpublished"))


def on_shared_object_deleting(sender, instance, **kwargs):
    # pre_delete: the reference index still knows who shows it (Wagtail clears it after).
    if shared_model_for(instance) is not None:
        _safely(lambda: shared_object_change(instance, "deleted"))


_connected = False


def _connect_shared(model) -> None:
    from wagtail.models import DraftStateMixin
    from wagtail.signals import published, unpublished

    uid = f"publication.{model._meta.label_lower}"
    if issubclass(model, DraftStateMixin):
        published.connect(on_shared_object_published, sender=model, dispatch_uid=f"{uid}.pub")
        unpublished.connect(on_shared_object_unpublished, sender=model, dispatch_uid=f"{uid}.unpub")
    else:
        post_save.connect(on_shared_object_saved, sender=model, dispatch_uid=f"{uid}.save")
    pre_delete.connect(on_shared_object_deleting, sender=model, dispatch_uid=f"{uid}.delete")


def resource_api_paths(obj) -> list[str | None]:
    """A library record's API addresses: the resources listings, and a resource's details."""
    paths = [_reverse("wagtailapi_v2:resources:listing"), _reverse("wagtailapi_v3:list_resources")]
    if obj._meta.model_name == "resource":
        paths += [
            _reverse("wagtailapi_v2:resources:detail", obj.pk),
            _reverse("wagtailapi_v3:resource_detail", obj.pk),
        ]
    return paths


def _media_api_paths(endpoint: str):
    def paths(obj) -> list[str | None]:
        return [
            _reverse(f"wagtailapi_v2:{endpoint}:listing"),
            _reverse(f"wagtailapi_v2:{endpoint}:detail", obj.pk),
        ]

    return paths


def _register_wagtail_models() -> None:
    """Wagtail's own records that public pages show: images and documents (their API
    addresses too), sites (the root page and so the menu and every address) and redirects."""
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Site

    register(get_image_model(), api_paths=_media_api_paths("images"))
    register(get_document_model(), api_paths=_media_api_paths("documents"))
    register(Site)
    if apps.is_installed("wagtail.contrib.redirects"):
        from wagtail.contrib.redirects.models import Redirect

        register(Redirect, api_paths=lambda redirect: [redirect.old_path])


def _subclasses(model) -> Iterable[type]:
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, model)]


def _require_frontend_cache_first() -> None:
    """Wagtail's front-end cache app connects its purge handlers in its own ``ready``: it
    must run before ours, or its handlers would come back after we remove them."""
    from django.apps import apps
    from django.core.exceptions import ImproperlyConfigured

    labels = [config.name for config in apps.get_app_configs()]
    frontend_cache = "wagtail.contrib.frontend_cache"
    if frontend_cache in labels and labels.index(frontend_cache) > labels.index("equity"):
        raise ImproperlyConfigured(
            f"List {frontend_cache!r} before 'equity' in INSTALLED_APPS: the publication "
            "pipeline replaces its purge-on-publish handlers, which must be connected first."
        )


def connect() -> None:
    """Connect every source, and take the page signals from Wagtail's own front-end cache
    handlers: purging is one of this pipeline's consumers, so it must not run twice."""
    global _connected
    from wagtail.contrib.frontend_cache import signal_handlers as frontend_cache
    from wagtail.models import CollectionViewRestriction, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

    _require_frontend_cache_first()
    Page = page_model()
    for model in _subclasses(Page):
        page_published.disconnect(frontend_cache.page_published_signal_handler, sender=model)
        page_unpublished.disconnect(frontend_cache.page_unpublished_signal_handler, sender=model)

    uid = "publication"
    page_published.connect(on_page_published, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid=f"{uid}.unpublished")
    pre_page_move.connect(on_pre_page_move, dispatch_uid=f"{uid}.pre_move")
    post_page_move.connect(on_post_page_move, dispatch_uid=f"{uid}.post_move")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid=f"{uid}.deleted")
    for model in (PageViewRestriction, CollectionViewRestriction):
        label = model._meta.label_lower
        post_save.connect(on_restriction_write, sender=model, dispatch_uid=f"{uid}.{label}.s")
        post_delete.connect(on_restriction_write, sender=model, dispatch_uid=f"{uid}.{label}.d")
        m2m_changed.connect(
            on_restriction_groups_changed,
            sender=model.groups.through,
            dispatch_uid=f"{uid}.{label}.groups",
        )
    request_started.connect(_start_request_memo, dispatch_uid=f"{uid}.request_started")
    request_finished.connect(_end_request_memo, dispatch_uid=f"{uid}.request_finished")
    _connected = True
    _register_wagtail_models()
    for model in _registry:
        _connect_shared(model)

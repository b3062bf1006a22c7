"""The sources of the publication pipeline: Wagtail's page signals, privacy changes and the
saves, publishes and deletes of registered shared records, each turned into a ``Change`` and
handed to ``publication.record``. ``connect()`` (from the equity app's ``ready``, through
``publication.connect``) connects them all once.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable

from django.core.signals import request_finished, request_started
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .changes import (
    Change,
    _is_public,
    _registry,
    dependent_pages,
    page_addresses,
    page_event,
    page_model,
    register_wagtail_models,
    shared_model_for,
    shared_object_change,
)
from .publication import _end_request_memo, _start_request_memo, record

logger = logging.getLogger(__name__)


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
    link: the reference index knows them; its translations), which now show its new title
    or address."""
    change = Change(reason=reason)
    change.pages.append(page_event(instance, event, public=public))
    change.addresses |= page_addresses(instance)
    because = {"type": "wagtailcore.Page", "id": instance.pk}
    # Its translations show it in their language switcher (and, for a source, whether they
    # are behind it).
    translations = list(instance.get_translations().live().public()) if instance.pk else []
    for page in [*dependent_pages(instance, depth=1), *translations]:
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


connected = False


def connect_shared(model) -> None:
    from wagtail.models import DraftStateMixin
    from wagtail.signals import published, unpublished

    uid = f"publication.{model._meta.label_lower}"
    if issubclass(model, DraftStateMixin):
        published.connect(on_shared_object_published, sender=model, dispatch_uid=f"{uid}.pub")
        unpublished.connect(on_shared_object_unpublished, sender=model, dispatch_uid=f"{uid}.unpub")
    else:
        post_save.connect(on_shared_object_saved, sender=model, dispatch_uid=f"{uid}.save")
    pre_delete.connect(on_shared_object_deleting, sender=model, dispatch_uid=f"{uid}.delete")


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
    global connected
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
    connected = True
    register_wagtail_models()
    for model in _registry:
        connect_shared(model)

"""Figures derived from the published pages, kept until the next publication.

A newsroom's filter choices (the tags and years of its releases), its number of releases per
filter, the home page's latest releases and the site's menu are aggregates over the live
pages: their cost grows with the number of releases, yet they only change when a page is
published, unpublished, moved, deleted or made private (or a tag or site is edited).
``cached(name, compute, *parts)`` keeps such a value in Django's cache under a *content
version*, which every one of those events replaces, so every stored value becomes
unreachable at once::

    EQUITY_CONTENT_CACHE = {"ENABLED": True, "ALIAS": "default", "TIMEOUT": 600,
                            "LOCAL_TIMEOUT": 10}

Off unless enabled (a project turns it on in production). With a shared cache (Redis) a
publication reaches every process at once, including ``publish_scheduled`` run from cron.
A process-local cache cannot hear other processes: there values are kept ``LOCAL_TIMEOUT``
seconds, so a worker falls behind a publication by at most that long.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

DEFAULTS = {"ENABLED": False, "ALIAS": "default", "TIMEOUT": 600, "LOCAL_TIMEOUT": 10}


class Generation:
    """A value in the cache that names the current version of something; replacing it makes
    every entry stored under the previous value unreachable."""

    def __init__(self, key: str):
        self.key = key

    def current(self, cache) -> str:
        value = cache.get(self.key)
        if value is None:
            value = str(time.time_ns())
            # add(), not set(): two processes starting at once agree on one value.
            if not cache.add(self.key, value, timeout=None):
                value = cache.get(self.key) or value
        return value

    def replace(self, cache) -> None:
        cache.set(self.key, str(time.time_ns()), timeout=None)

    def replace_now_and_on_commit(self, cache) -> None:
        """Replace it now, and again once the current transaction commits: a request that
        read the old rows before the commit may have stored them under the first value."""
        self.replace(cache)
        transaction.on_commit(lambda: self.replace(cache))


CONTENT_VERSION = Generation("equity:content-version")

# What Wagtail writes to a live page's row when an editor saves a draft of it
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


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "EQUITY_CONTENT_CACHE", {})}


def timeout_for(cache, conf: dict) -> int:
    """How long an entry may live: briefly in a cache other processes cannot invalidate."""
    if isinstance(cache, LocMemCache):
        return min(conf["TIMEOUT"], conf["LOCAL_TIMEOUT"])
    return conf["TIMEOUT"]


def cached(name: str, compute, *parts):
    """``compute()``, or the value it returned earlier for ``name`` and ``parts`` under the
    current content version."""
    conf = config()
    if not conf["ENABLED"]:
        return compute()
    cache = caches[conf["ALIAS"]]
    # Parts may come from a query string: hashed, the key stays short and safe for any backend.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"equity:content:{CONTENT_VERSION.current(cache)}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout_for(cache, conf))
    return value


def content_changed(**kwargs) -> None:
    """Signal receiver: what visitors may see has changed."""
    CONTENT_VERSION.replace_now_and_on_commit(caches[config()["ALIAS"]])


def connect() -> None:
    """Replace the content version on every event that changes which pages are public, or
    what a published page says (called from the app's ``ready``)."""
    from django.db.models.signals import post_delete, post_save
    from taggit.models import Tag
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .webhooks import page_model

    uid = "equity.content_cache"
    page_published.connect(content_changed, dispatch_uid=f"{uid}.published")
    page_unpublished.connect(content_changed, dispatch_uid=f"{uid}.unpublished")
    post_page_move.connect(content_changed, dispatch_uid=f"{uid}.moved")
    # Sent for the base page row of every deleted page, descendants included.
    post_delete.connect(content_changed, sender=page_model(), dispatch_uid=f"{uid}.deleted")
    # Privacy: a restriction added or removed changes what is public without a publication;
    # a tag renamed or deleted in the admin changes the filter choices; a site given another
    # root page has another menu.
    for model in (PageViewRestriction, Tag, Site):
        label = model._meta.label_lower
        post_save.connect(content_changed, sender=model, dispatch_uid=f"{uid}.{label}.saved")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"{uid}.{label}.deleted")

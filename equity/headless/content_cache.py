"""Figures derived from the published pages, kept until public content next changes.

A newsroom's filter choices (the tags and years of its releases), its number of releases per
filter, the home page's latest releases and the site's menu are aggregates over the live
pages: their cost grows with the number of releases, yet they change only when the
publication pipeline (``equity.headless.publication``) records a change of public content.
``cached(name, compute, *parts)`` keeps such a value in Django's cache under the current
*content version* (the newest ``PublicationRecord``), so a recorded change makes every stored
value unreachable at once, in every process::

    EQUITY_CONTENT_CACHE = {"ENABLED": True, "ALIAS": "default", "TIMEOUT": 600}

Off unless enabled (a project turns it on in production).
"""

import hashlib

from django.conf import settings
from django.core.cache import caches

from .publication import content_version

DEFAULTS = {"ENABLED": False, "ALIAS": "default", "TIMEOUT": 600}


def config() -> dict:
    return {**DEFAULTS, **getattr(settings, "EQUITY_CONTENT_CACHE", {})}


def cached(name: str, compute, *parts):
    """``compute()``, or the value it returned earlier for ``name`` and ``parts`` under the
    current content version."""
    conf = config()
    if not conf["ENABLED"]:
        return compute()
    cache = caches[conf["ALIAS"]]
    # Parts may come from a query string: hashed, the key stays short and safe for any backend.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"equity:content:{content_version()[0]}:{name}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, conf["TIMEOUT"])
    return value

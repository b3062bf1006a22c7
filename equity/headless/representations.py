"""Representations computed once per published revision: the representation store.

A live page's API representation (v2, v3; per ``fields``, ``rich_text_format`` and host)
and its rendered StreamField body HTML only change when the page is published again or
when something it shows changes — both are events of the publication pipeline
(``equity.headless.publication``). So the first anonymous request builds them and stores
them here; later requests, on any address that includes the page (its detail, any list,
any filter or offset), read them back instead of serialising the StreamField again.

Keys and invalidation
    An entry's key names its kind (``v2``, ``v3``, ``html``…), the object (label and id),
    the live revision it was built from (a publish makes a new key), the page's
    ``url_path`` (an ancestor's new slug), the variant (endpoint, fields, format, host,
    language) and, with a process-local cache, the content version. With a shared cache
    (Redis) the entry also records the *generation* of each object it depends on: the
    page (and, for details, its parent), or a record and the kinds of shared records it
    shows (a resource's topics). ``content_changed`` gives every page a change names —
    which the pipeline finds through Wagtail's reference index, so a resource edited and
    published renews the landing page that shows it — and every shared record (and its
    kind) a new generation, making the stored entries unreachable at once in every
    process. A change the pipeline could not analyse, or of a site or setting, renews the
    *epoch* every entry depends on. Nothing expires on a timer (``TIMEOUT`` only bounds
    memory).

    An entry is written only when each of its generations is no newer than the content
    version read when the request started: a render that may have read content older than
    a change committed meanwhile is served but never stored.

Who reads and writes
    Only anonymous ``GET``/``HEAD`` requests without a session cookie, an ``Authorization``
    header, a ``token`` parameter or a preview: drafts, previews, signed-in editors and API
    tokens never read or write entries, and a visitor who unlocked a password-protected page
    carries a session. Pages with a view restriction on themselves or an ancestor are never
    stored.

Switched on with the content cache (``EQUITY_CONTENT_CACHE["ENABLED"]``; its ``ALIAS``);
``REPRESENTATION_TIMEOUT`` (seconds, default a day) bounds how long an unused entry lives.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from .content_cache import config
from .publication import content_version, request_content_version

logger = logging.getLogger(__name__)

PREFIX = "equity:repr"
EPOCH = "epoch"
DEFAULT_TIMEOUT = 24 * 3600


def _cache():
    return caches[config()["ALIAS"]]


def _shared(cache) -> bool:
    return not isinstance(cache, LocMemCache)


def enabled() -> bool:
    return bool(config()["ENABLED"])


def eligible(request) -> bool:
    """Whether ``request`` may read and write stored representations (see the module)."""
    if request is None or not enabled() or request.method not in ("GET", "HEAD"):
        return False
    if getattr(request, "is_preview", False) or "token" in request.GET:
        return False
    if request.headers.get("Authorization"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def begin(request) -> None:
    """Read the content version for ``request`` now, before any content: call first."""
    if eligible(request):
        request_content_version(request)


# --- Dependencies ---------------------------------------------------------------------------


def page_dependency(page_id) -> str:
    return f"page:{page_id}"


def record_dependency(label: str, pk) -> str:
    return f"{label.lower()}:{pk}"


def dependencies(obj) -> list[str]:
    """What a representation of ``obj`` depends on: a page itself (the pipeline names a
    page whenever something it shows changes); a shared record itself and every kind of
    registered shared record it points at (a resource's topics, its document)."""
    from .changes import _registry, page_model

    if isinstance(obj, page_model()):
        return [page_dependency(obj.pk)]
    deps = [record_dependency(obj._meta.label, obj.pk)]
    for field in obj._meta.get_fields():
        related = getattr(field, "related_model", None)
        if field.is_relation and related is not None and related in _registry:
            deps.append(record_dependency(related._meta.label, "*"))
    return deps


def restricted_paths() -> list[str]:
    """Tree paths of every page with a view restriction (itself and its descendants are
    restricted): one query."""
    from wagtail.models import PageViewRestriction

    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def is_restricted(page, paths: Iterable[str]) -> bool:
    return any(page.path.startswith(path) for path in paths)


# --- The store ------------------------------------------------------------------------------


def entry_key(kind: str, label: str, pk, revision, *variant) -> str:
    """The key of one representation. ``revision`` is the live revision (or anything that
    changes with the object's own content); ``variant`` whatever else the output depends on."""
    digest = hashlib.sha256(repr(variant).encode()).hexdigest()[:32]
    key = f"{PREFIX}:{kind}:{label.lower()}:{pk}:{revision}:{digest}"
    cache = _cache()
    if not _shared(cache):
        # Generations live in the cache: a process-local one cannot see another process's
        # changes, so its entries key on the content version (read from the database).
        key += f":v{content_version()[0]}"
    return key


def _gen_key(dependency: str) -> str:
    return f"{PREFIX}:gen:{dependency}"


class Batch:
    """The stored representations of several objects, read in two cache round trips.

    ``Batch(request, {key: deps})``; ``get(key)`` is the stored value or ``None``;
    ``put(key, value, deps)`` stores one (kept until ``save()``)."""

    def __init__(self, request, keys: dict[str, list[str]] | Iterable[str]):
        self.request = request
        self.cache = _cache()
        self.found: dict[str, object] = {}
        self.pending: dict[str, tuple[object, list[str]]] = {}
        keys = list(keys)
        if not keys:
            return
        try:
            entries = self.cache.get_many(keys)
            if not _shared(self.cache):
                self.found = {key: entry["value"] for key, entry in entries.items()}
                return
            needed = {dep for entry in entries.values() for dep in entry["gens"]}
            gens = self._gens(needed) if needed else {}
        except Exception:  # a cache outage: everything is built afresh
            logger.warning("Representation store unavailable: building afresh")
            return
        for key, entry in entries.items():
            if all(gens.get(dep) == gen for dep, gen in entry["gens"].items()):
                self.found[key] = entry["value"]

    def _gens(self, deps: Iterable[str]) -> dict[str, tuple]:
        keys = {_gen_key(dep): dep for dep in deps}
        values = self.cache.get_many(keys)
        return {keys[key]: value for key, value in values.items()}

    def get(self, key: str):
        return self.found.get(key)

    def put(self, key: str, value, deps: list[str]) -> None:
        self.pending[key] = (value, deps)

    def save(self) -> None:
        """Write the entries ``put`` since the batch was read (see the module for when an
        entry is skipped). Never raises."""
        if not self.pending:
            return
        timeout = config().get("REPRESENTATION_TIMEOUT", DEFAULT_TIMEOUT)
        try:
            if not _shared(self.cache):
                entries = {key: {"value": value} for key, (value, _) in self.pending.items()}
            else:
                entries = self._with_generations()
            if entries:
                self.cache.set_many(entries, timeout)
        except Exception:
            logger.warning("Representation store unavailable: nothing stored")
        self.pending = {}

    def _with_generations(self) -> dict:
        started = request_content_version(self.request)[0]
        deps = {dep for _, entry_deps in self.pending.values() for dep in entry_deps}
        deps.add(EPOCH)
        gens = self._gens(deps)
        missing = deps - set(gens)
        if missing:
            # Never renewed (or evicted): a generation as of this request's start.
            for dep in missing:
                self.cache.add(_gen_key(dep), (started, uuid.uuid4().hex), None)
            gens.update(self._gens(missing))
        if any(dep not in gens or gens[dep][0] > started for dep in deps):
            return {}  # something changed since this request started reading
        return {
            key: {"value": value, "gens": {dep: gens[dep] for dep in (*entry_deps, EPOCH)}}
            for key, (value, entry_deps) in self.pending.items()
        }


# --- Invalidation ---------------------------------------------------------------------------


def _is_global(change) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Locale, Site

    if change.reason == "unknown":
        return True
    shared = change.shared_object or {}
    obj = shared.get("object")
    return isinstance(obj, Site | Locale | BaseSiteSetting | BaseGenericSetting)


def _translations_of(change) -> list:
    """The ids of the other translations (Wagtail's ``translation_key``) of the record
    ``change`` names."""
    obj = (change.shared_object or {}).get("object")
    key = getattr(obj, "translation_key", None)
    if key is None:
        return []
    others = type(obj)._default_manager.filter(translation_key=key).exclude(pk=obj.pk)
    return list(others.values_list("pk", flat=True))


def on_content_changed(sender, change, **kwargs) -> None:
    """Renew the generation of every page and shared record ``change`` names (connected
    to ``content_changed`` by the equity app)."""
    if not enabled():
        return
    cache = _cache()
    if not _shared(cache):
        return  # entries key on the content version, which this change renewed
    version = content_version()[0]
    deps = {page_dependency(page.page_id) for page in change.pages}
    if change.shared_object:
        label, pk = change.shared_object["type"], change.shared_object["id"]
        deps |= {record_dependency(label, pk), record_dependency(label, "*")}
        # A record's translations list it and say how far behind it they are, as a page's
        # do (the pipeline names a page's translations with it).
        deps |= {record_dependency(label, other) for other in _translations_of(change)}
    if _is_global(change):
        deps.add(EPOCH)
    values = {_gen_key(dep): (version, uuid.uuid4().hex) for dep in deps}
    try:
        cache.set_many(values, None)
    except Exception:  # the resilient cache deletes what it could not write
        logger.warning("Representation store unavailable: generations not renewed")

"""What one change of public content affects: the pages, their events and the addresses.

Part of the publication pipeline (``equity.headless.publication`` says how it fits): a
``Change`` lists the ``PageEvent`` of each page whose public output changed and the absolute
addresses that show them. Shared records (library resources, contacts, images, settings…)
are registered here with ``register()``, and ``dependent_pages()`` finds the live public pages
that show one, through Wagtail's reference index.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import swapper
from django.urls import NoReverseMatch, reverse


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
    """The API addresses that show ``page``: its v2 and v3 details, lookups (``find/``) and
    the listings that include it (v2 ``pages``, v3 pages and every extra v2 endpoint its
    type declares in ``api_endpoints``, e.g. ``("releases",)``)."""
    endpoints = ("pages", *getattr(type(page), "api_endpoints", ()))
    paths = [
        _reverse("wagtailapi_v3:detail_page", page.pk),
        _reverse("wagtailapi_v3:list_pages"),
        # ``find/?html_path=`` answers the page itself; a purge of the path covers every query.
        _reverse("wagtailapi_v3:find_page"),
    ]
    for endpoint in endpoints:
        paths += [
            _reverse(f"wagtailapi_v2:{endpoint}:detail", page.pk),
            _reverse(f"wagtailapi_v2:{endpoint}:listing"),
            _reverse(f"wagtailapi_v2:{endpoint}:find"),
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
    from . import sources

    if sources.connected:
        sources.connect_shared(model)


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


def resource_api_paths(obj) -> list[str | None]:
    """A library record's API addresses: the resources listings, and a resource's details
    and the v2 lookup (``find/?id=``)."""
    paths = [_reverse("wagtailapi_v2:resources:listing"), _reverse("wagtailapi_v3:list_resources")]
    if obj._meta.model_name == "resource":
        paths += [
            _reverse("wagtailapi_v2:resources:detail", obj.pk),
            _reverse("wagtailapi_v2:resources:find"),
            _reverse("wagtailapi_v3:resource_detail", obj.pk),
        ]
    return paths


def _media_api_paths(endpoint: str):
    def paths(obj) -> list[str | None]:
        return [
            _reverse(f"wagtailapi_v2:{endpoint}:listing"),
            _reverse(f"wagtailapi_v2:{endpoint}:detail", obj.pk),
            _reverse(f"wagtailapi_v2:{endpoint}:find"),
        ]

    return paths


def register_wagtail_models() -> None:
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

"""Where stored representations (``equity.headless.representations``) are read and written.

- ``StoredRepresentationsMixin``: a Wagtail API v2 viewset (pages, releases, resources)
  whose detail and listing items come from the store. A listing reads all its items in one
  batch: the second request for ``?fields=*`` serialises no StreamField at all, and its
  ``total_count`` is kept per query until the next recorded change. A translation's
  parity (``translation_status``) is stored like the rest: the pipeline names a page's or
  record's translations when it changes, and an editor's sync is a recorded change too.
- ``stored_v3_detail``: a django-ninja "view" decorator for the v3 page detail
  (``/api/v3/pages/<id>/``), which keeps the JSON body per page revision, query string and
  host.
- ``render_stream``: a page's StreamField body as HTML (``{% stored_body page %}``).
"""

from __future__ import annotations

import contextlib
import json
from functools import wraps

from django.core.exceptions import EmptyResultSet
from django.http import HttpResponse
from django.utils import translation
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from equity.api_params import decorated_operation

from . import representations as store
from .content_cache import cached


def _revision(obj):
    """The live revision a live object's row was published from (``None``: never stored)."""
    if getattr(obj, "live", True) is False:
        return None
    return getattr(obj, "live_revision_id", None) or None


def _root(request) -> str:
    return request.build_absolute_uri("/")


# --- API v2 ---------------------------------------------------------------------------------


class _StoredListSerializer:
    """Reads every item's entry in one batch, serialises only the missing ones."""

    def to_representation(self, data):
        from django.db.models.manager import BaseManager

        items = list(data.all() if isinstance(data, BaseManager) else data)
        child = self.child
        request = child.context.get("request")
        if not store.eligible(request):
            return [child.to_representation(item) for item in items]
        # Stand-ins (``_stored_stand_ins``) carry their value: never serialised, never read twice.
        found = {item.pk: item._stored_value for item in items if hasattr(item, "_stored_value")}
        keys = {item.pk: child._stored_key(item) for item in items if item.pk not in found}
        restricted = None
        batch = store.Batch(request, [key for key in keys.values() if key])
        result = []
        for item in items:
            key = keys.get(item.pk)
            value = found.get(item.pk) or (batch.get(key) if key else None)
            if value is None:
                value = child._serialise(item)
                if restricted is None:
                    restricted = store.restricted_paths()
                if key and not (hasattr(item, "path") and store.is_restricted(item, restricted)):
                    batch.put(key, value, child._dependencies(item, value))
            result.append(value)
        batch.save()
        return result


class _StoredSerializer:
    """A v2 serializer whose ``to_representation`` goes through the store."""

    def _stored_key(self, instance) -> str | None:
        revision = _revision(instance)
        if revision is None:
            return None
        request, view = self.context["request"], self.context.get("view")
        variant = (
            getattr(request.resolver_match, "view_name", ""),  # the endpoint and action
            getattr(view, "action", ""),
            request.GET.get("fields", ""),
            self.context.get("_wagtail_rich_text_format"),
            _root(request),
            translation.get_language(),
        )
        return store.entry_key(
            "v2",
            getattr(instance, "_label", None) or type(instance)._meta.label,
            instance.pk,
            revision,
            getattr(instance, "url_path", ""),
            *variant,
        )

    def _serialise(self, instance):
        return super().to_representation(instance)

    def _dependencies(self, instance, value) -> list[str]:
        deps = store.dependencies(instance)
        parent = (value.get("meta") or {}).get("parent") if isinstance(value, dict) else None
        if isinstance(parent, dict) and parent.get("id"):
            deps.append(store.page_dependency(parent["id"]))
        return deps

    def to_representation(self, instance):
        request = self.context.get("request")
        key = self._stored_key(instance) if store.eligible(request) else None
        if key is None:
            return self._serialise(instance)
        batch = store.Batch(request, [key])
        value = batch.get(key)
        if value is not None:
            return value
        value = self._serialise(instance)
        restricted = hasattr(instance, "path") and store.is_restricted(
            instance, store.restricted_paths()
        )
        if not restricted:
            batch.put(key, value, self._dependencies(instance, value))
            batch.save()
        return value


def stored_serializer_class(serializer_class: type) -> type:
    """``serializer_class`` (a Wagtail v2 serializer) reading and writing the store. Wagtail
    builds a serializer class per request, so this one is not kept either."""
    from rest_framework.serializers import ListSerializer

    list_class = type("StoredListSerializer", (_StoredListSerializer, ListSerializer), {})
    meta = type("Meta", (serializer_class.Meta,), {"list_serializer_class": list_class})
    return type(
        f"Stored{serializer_class.__name__}",
        (_StoredSerializer, serializer_class),
        {"Meta": meta, "__module__": serializer_class.__module__},
    )


class StoredRepresentationsMixin:
    """For a Wagtail v2 viewset: its items' representations come from the store.

    A listing whose items are all stored reads only their keys (id, live revision,
    ``url_path``): no rows with bodies, no prefetches. The viewset's queryset is built once
    per request (Wagtail builds it, and the public pages, up to four times, with a
    view-restriction query each)."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        store.begin(request)

    def get_serializer_class(self):
        return stored_serializer_class(super().get_serializer_class())

    def get_queryset(self):
        if getattr(self, "_queryset", None) is None:
            self._queryset = super().get_queryset()
        return self._queryset.all()

    def get_base_queryset(self):
        # Pages viewsets only: the public pages, with one view-restriction query.
        if getattr(self, "_base_queryset", None) is None:
            self._base_queryset = super().get_base_queryset()
        return self._base_queryset.all()

    def paginate_queryset(self, queryset):
        if hasattr(queryset, "query") and store.eligible(self.request):
            # ``total_count`` counts every public match (10,000 releases): kept per query
            # until the next recorded change, as the content cache keeps its aggregates.
            with contextlib.suppress(EmptyResultSet):  # nothing can match: counted as it is
                sql = str(queryset.query)
                queryset.count = lambda count=queryset.count: cached("api-count", count, sql)
        page = super().paginate_queryset(queryset)
        if hasattr(page, "query") and store.eligible(self.request):
            stand_ins = _stored_stand_ins(self, page)
            if stand_ins is not None:
                return stand_ins
        return page


class _StandIn:
    """A listed row's key fields and, once read, its stored value: what ``_stored_key`` and
    the list serializer read of an item. Not a model instance: building one of a page type
    (Wagtail's and modelcluster's ``__init__``) costs more than reading its stored value."""

    __slots__ = ("_label", "_stored_value", "id", "live", "live_revision_id", "pk", "url_path")

    def __init__(self, label: str, row: dict):
        self._label = label
        self.pk = self.id = row["pk"]  # a page type's pk is its page_ptr_id
        self.live = row.get("live", True)
        self.live_revision_id = row.get("live_revision_id")
        self.url_path = row.get("url_path", "")


def _stored_stand_ins(view, page) -> list | None:
    """Stand-ins (``_StandIn``) for the rows of ``page`` (a sliced queryset), each with its
    stored value, when every one of them is stored; else ``None``."""
    model = page.model
    fields = ["pk", "live", "live_revision_id"]
    if hasattr(model, "url_path"):
        fields.append("url_path")
    if not all(hasattr(model, name) for name in fields[1:]):
        return None
    serializer = view.get_serializer(many=True).child
    stand_ins = [_StandIn(model._meta.label, row) for row in page.values(*fields)]
    keys = [serializer._stored_key(item) for item in stand_ins]
    if not all(keys):
        return None
    batch = store.Batch(view.request, keys)
    for instance, key in zip(stand_ins, keys, strict=True):
        instance._stored_value = batch.get(key)
        if instance._stored_value is None:
            return None
    return stand_ins


# --- API v3 ---------------------------------------------------------------------------------


def stored_v3_detail(run):
    """Ninja "view" decorator: ``/api/v3/pages/<id>/`` (``version=live``) from the store."""
    if getattr(decorated_operation(run), "url_name", None) != "detail_page":
        return run

    @wraps(run)
    def detail(request, *args, **kwargs):
        if not store.eligible(request) or request.GET.get("version", "live") != "live":
            return run(request, *args, **kwargs)
        store.begin(request)
        from wagtail.api.v3.querysets import get_pages_queryset

        try:
            page_id = int(kwargs.get("page_id"))
            row = (
                get_pages_queryset(request)
                .filter(pk=page_id)
                .values("pk", "live_revision_id", "url_path", "path")
                .first()
            )
        except (TypeError, ValueError, OverflowError):
            row = None
        if row is None or not row["live_revision_id"]:
            return run(request, *args, **kwargs)
        query = sorted(request.GET.lists())
        key = store.entry_key(
            "v3", "page", page_id, row["live_revision_id"], row["url_path"],
            query, _root(request), translation.get_language(),
        )  # fmt: skip
        batch = store.Batch(request, [key])
        stored = batch.get(key)
        if stored is not None:
            return HttpResponse(stored["body"], content_type=stored["content_type"])
        response = run(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if any(row["path"].startswith(path) for path in store.restricted_paths()):
                return response
            body = response.content
            data = json.loads(body)
            deps = [store.page_dependency(page_id)]
            parent = (data.get("meta") or {}).get("parent")
            if isinstance(parent, dict) and parent.get("id"):
                deps.append(store.page_dependency(parent["id"]))
            value = {"body": body, "content_type": response["Content-Type"]}
            batch.put(key, value, deps)
            batch.save()
        return response

    return detail


# --- Page HTML ------------------------------------------------------------------------------


def render_stream(context, page, field_name: str = "body") -> str:
    """``{% for block in page.<field_name> %}{% include_block block %}{% endfor %}``, stored
    per live revision for anonymous visitors of a public page."""
    value = getattr(page, field_name)

    def render() -> str:
        flat = context.flatten()
        # As ``include_block`` does: each block gets a copy of the context, its output escaped
        # unless it is already safe.
        return "".join(
            conditional_escape(child.render_as_block(context=dict(flat))) for child in value
        )

    request = context.get("request")
    revision = _revision(page)
    if revision is None or not store.eligible(request):
        return mark_safe(render())  # the block templates escape their values
    store.begin(request)
    key = store.entry_key(
        "html", "page", page.pk, revision, page.url_path, field_name,
        _root(request), translation.get_language(),
    )  # fmt: skip
    batch = store.Batch(request, [key])
    html = batch.get(key)
    if html is None:
        html = render()
        if not store.is_restricted(page, store.restricted_paths()):
            batch.put(key, html, store.dependencies(page))
            batch.save()
    return mark_safe(html)

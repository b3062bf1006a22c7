"""What changed between two revisions of a translation's source: the fields (and, in
StreamFields, the blocks) a translator has to follow (``equity.translation``'s *stale*).
Works for any model with revisions (pages and library resources)."""

import json

from django.core.exceptions import FieldDoesNotExist
from wagtail.fields import StreamField
from wagtail.models import Revision

# What Wagtail itself keeps on a page or resource row (tree position, publication state,
# bookkeeping):
# a change of these is not a change a translator has to follow.
BOOKKEEPING_FIELDS = frozenset(
    {
        "pk",
        "id",
        "page_ptr",
        "path",
        "depth",
        "numchild",
        "translation_key",
        "locale",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "owner",
        "locked",
        "locked_at",
        "locked_by",
        "content_type",
        "url_path",
        "slug",
        "go_live_at",
        "expire_at",
        "expired",
        "alias_of",
        "wagtail_admin_comments",
        "comments",
        "created_at",
        "updated_at",
    }
)
# Keys of a child row (contacts, related pages, …) that identify it rather than say anything.
CHILD_ROW_KEYS = frozenset({"pk", "id", "page", "resource", "sort_order"})


def _loads(value):
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def _strip_child_rows(value):
    if isinstance(value, list) and all(isinstance(item, dict) for item in value):
        return [{k: v for k, v in item.items() if k not in CHILD_ROW_KEYS} for item in value]
    return value


def _block_changes(old: list, new: list) -> list[dict]:
    old_by_id = {block.get("id"): block for block in old if isinstance(block, dict)}
    new_ids = set()
    changes = []
    for block in new:
        if not isinstance(block, dict):
            continue
        new_ids.add(block.get("id"))
        previous = old_by_id.get(block.get("id"))
        if previous is None:
            changes.append({"id": block.get("id"), "type": block.get("type"), "change": "added"})
        elif previous.get("value") != block.get("value") or previous.get("type") != block.get(
            "type"
        ):
            changes.append({"id": block.get("id"), "type": block.get("type"), "change": "changed"})
    for block_id, block in old_by_id.items():
        if block_id not in new_ids:
            changes.append({"id": block_id, "type": block.get("type"), "change": "removed"})
    return changes


def content_changes(old: Revision | None, new: Revision | None, model) -> list[dict]:
    """The fields (and StreamField blocks) whose content differs between two revisions of a
    page or resource (``model``): ``[{"field", "label", "blocks"}]`` in the model's field
    order, bookkeeping ignored."""
    if old is None or new is None:
        return []
    before, after = old.content or {}, new.content or {}
    changes = []
    # In the model's field order: revision content is JSON, whose key order the database
    # does not keep (PostgreSQL's jsonb sorts keys).
    order = {f.name: index for index, f in enumerate(model._meta.get_fields())}
    names = sorted(dict.fromkeys([*after, *before]), key=lambda n: (order.get(n, len(order)), n))
    for name in names:
        if name in BOOKKEEPING_FIELDS or name.startswith("_"):
            continue
        try:
            model_field = model._meta.get_field(name)
            label = str(getattr(model_field, "verbose_name", name))
        except FieldDoesNotExist:
            model_field, label = None, name.replace("_", " ")
        if isinstance(model_field, StreamField):
            blocks = _block_changes(_loads(before.get(name)) or [], _loads(after.get(name)) or [])
            if blocks:
                changes.append({"field": name, "label": label, "blocks": blocks})
        elif _strip_child_rows(before.get(name)) != _strip_child_rows(after.get(name)):
            changes.append({"field": name, "label": label, "blocks": []})
    return changes

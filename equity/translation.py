"""Translations of pages: which exist for readers, and whether each is in line with its source.

A page in the default language (``settings.LANGUAGE_CODE``) is a *source*; its copies in the
other locales are its *translations* (Wagtail ties them together with ``translation_key``).
For each translation this module answers, from Wagtail's own revisions and publish log:

- **up to date**: the published translation reflects the source's live revision;
- **stale**: the source has been published since the translation was last synced — *since*
  when (the first such publish) and *which* fields changed (and, in StreamFields, which
  blocks were added, changed or removed), by comparing the source revision the translation
  reflects with the source's live revision;
- **missing**: there is no live translation in that locale.

"Synced" is an editor's statement — *this translation now says what the source says* —
recorded with ``mark_synced`` (the admin's "Mark as synced" button); it takes effect when
the translation is next published (``on_page_published``), so readers only see a translation
called current once its reviewed text is live. A source that is not live has nothing newer to
reflect: its translations count as up to date.

Everything here reads rows; nothing is cached (the page caches around it are invalidated on
every publish, which is when a status can change).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import swapper
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from typing_extensions import TypedDict
from wagtail.fields import StreamField
from wagtail.models import Locale, PageLogEntry, Revision

from .models.translation import TranslationBasis

UP_TO_DATE = "up_to_date"
STALE = "stale"
MISSING = "missing"
STATUS_LABELS = {UP_TO_DATE: _("Up to date"), STALE: _("Behind its source"), MISSING: _("Missing")}

# What Wagtail itself keeps on a page row (tree position, publication state, bookkeeping):
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
    }
)
# Keys of a child row (contacts, related pages, …) that identify it rather than say anything.
CHILD_ROW_KEYS = frozenset({"pk", "id", "page", "sort_order"})


def page_model():
    return swapper.load_model("wagtailcore", "Page")


def language_order() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def language_rank(code: str) -> int:
    """Where a language comes in ``settings.LANGUAGES`` (unknown ones last)."""
    order = language_order()
    return order.index(code) if code in order else len(order)


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def default_locale() -> Locale | None:
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return None


# --- What readers can switch to ---------------------------------------------------------------


def live_translations(page) -> list:
    """The page and its translations that anyone may read (live, public), in the order of
    ``settings.LANGUAGES``. The page itself is included even when it is not live (a preview).

    One query for a page without live translations (most pages); view restrictions are only
    read when there are translations to check."""
    others = list(
        page_model()
        .objects.filter(translation_key=page.translation_key)
        .exclude(pk=page.pk)
        .live()
        .select_related("locale")
    )
    if others:
        public = set(
            page_model()
            .objects.filter(pk__in=[other.pk for other in others])
            .public()
            .values_list("pk", flat=True)
        )
        others = [other for other in others if other.pk in public]
    pages = [*others, page]
    pages.sort(key=lambda p: language_rank(p.locale.language_code))
    return pages


class TranslationLink(TypedDict):
    language_code: str
    language_name: str
    id: int
    url: str
    full_url: str
    is_current: bool


def translation_links(page, request=None) -> list[TranslationLink]:
    """``[{language_code, language_name, id, url, full_url, is_current}]`` for the switcher and
    the ``hreflang`` alternates: only translations that exist and are live."""
    links = []
    for translation in live_translations(page):
        url = translation.get_url(request)
        if url is None:
            continue
        links.append(
            TranslationLink(
                language_code=translation.locale.language_code,
                language_name=language_name(translation.locale.language_code),
                id=translation.pk,
                url=url,
                full_url=translation.get_full_url(request) or url,
                is_current=translation.pk == page.pk,
            )
        )
    return links


# --- Parity ----------------------------------------------------------------------------------


@dataclass
class TranslationState:
    """The parity of one locale's translation of a source page.

    ``changes``: ``[{"field", "label", "blocks": [{"id", "type", "change"}]}]`` (``blocks`` only
    for StreamFields; ``change`` is added / changed / removed); empty when up to date, ``None``
    when unknown (a translation that was never synced).
    """

    language_code: str
    status: str
    page: Any = None
    source: Any = None
    since: datetime | None = None
    changes: list[dict] | None = field(default_factory=list)
    sync_pending: bool = False
    basis_revision_id: int | None = None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def language_name(self) -> str:
        return language_name(self.language_code)

    @property
    def changed_labels(self) -> list[str]:
        return [change["label"] for change in self.changes or []]

    def as_api(self, request=None) -> dict:
        return {
            "locale": self.language_code,
            "status": self.status,
            "since": self.since.isoformat() if self.since else None,
            "changed_fields": self.changes,
            "sync_pending": self.sync_pending,
            "page": _page_ref(self.page, request) if self.page is not None else None,
        }


def _page_ref(page, request=None) -> dict:
    return {"id": page.pk, "locale": page.locale.language_code, "url": page.get_url(request)}


def is_in_default_language(page) -> bool:
    return page.locale.language_code == settings.LANGUAGE_CODE


def source_of(page):
    """The page's source (its translation in the default locale), or ``None`` when the page
    is itself in the default locale or the source is gone."""
    if is_in_default_language(page):
        return None
    return (
        page_model()
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .select_related("locale")
        .first()
    )


def state_of(translation, source) -> TranslationState:
    """The parity of ``translation`` (a page in another locale) against ``source``."""
    code = translation.locale.language_code
    basis = TranslationBasis.objects.filter(page=translation).first()
    pending = basis is not None and basis.synced_revision_id is not None
    if not translation.live:
        return TranslationState(code, MISSING, source=source, sync_pending=pending)
    if source is None or not source.live or source.live_revision_id is None:
        return TranslationState(code, UP_TO_DATE, translation, source, sync_pending=pending)
    basis_revision_id = basis.source_revision_id if basis is not None else None
    if basis_revision_id == source.live_revision_id:
        return TranslationState(
            code, UP_TO_DATE, translation, source, sync_pending=pending,
            basis_revision_id=basis_revision_id,
        )  # fmt: skip
    if basis_revision_id is None:
        return TranslationState(
            code, STALE, translation, source, since=source.last_published_at, changes=None,
            sync_pending=pending,
        )  # fmt: skip
    changes = content_changes(
        Revision.objects.filter(pk=basis_revision_id).first(),
        Revision.objects.filter(pk=source.live_revision_id).first(),
        source.specific_class,
    )
    if not changes:
        # Published again without a change a reader could see: still in line.
        return TranslationState(
            code, UP_TO_DATE, translation, source, sync_pending=pending,
            basis_revision_id=basis_revision_id,
        )  # fmt: skip
    first_publish = (
        PageLogEntry.objects.filter(
            page_id=source.pk, action="wagtail.publish", revision_id__gt=basis_revision_id
        )
        .order_by("timestamp")
        .values_list("timestamp", flat=True)
        .first()
    )
    return TranslationState(
        code, STALE, translation, source, since=first_publish or source.last_published_at,
        changes=changes, sync_pending=pending, basis_revision_id=basis_revision_id,
    )  # fmt: skip


def states_for_source(source) -> list[TranslationState]:
    """The parity of every other locale's translation of ``source`` (missing ones too)."""
    translations = {
        page.locale_id: page
        for page in page_model()
        .objects.filter(translation_key=source.translation_key)
        .exclude(pk=source.pk)
        .select_related("locale")
    }
    states = []
    order = language_order()
    for locale in sorted(
        Locale.objects.exclude(pk=source.locale_id),
        key=lambda loc: (
            order.index(loc.language_code) if loc.language_code in order else len(order)
        ),
    ):
        translation = translations.get(locale.pk)
        if translation is None:
            states.append(TranslationState(locale.language_code, MISSING, source=source))
        else:
            states.append(state_of(translation, source))
    return states


def state_for_page(page) -> TranslationState | None:
    """The parity of a translation page; ``None`` for a page in the default locale."""
    if is_in_default_language(page):
        return None
    return state_of(page, source_of(page))


def translation_status(page, request=None) -> dict:
    """The API's ``translation_status`` object.

    The same keys for both roles, so a typed client has one shape::

        {"role": "source" | "translation", "locale", "status", "since", "changed_fields",
         "sync_pending", "source": {"id", "locale", "url"} | null, "translations": [<state>]}

    A source (default locale) has ``status`` null and one state per other locale in
    ``translations``; a translation has its own state's values and ``translations`` empty.
    A state is ``{"locale", "status": "up_to_date" | "stale" | "missing", "since":
    ISO datetime | null, "changed_fields": [{"field", "label", "blocks": [{"id", "type",
    "change"}]}] | null, "sync_pending": bool, "page": {"id", "locale", "url"} | null}``.
    """
    locale = page.locale.language_code
    state = state_for_page(page)
    if state is None:
        return {
            "role": "source",
            "locale": locale,
            "status": None,
            "since": None,
            "changed_fields": [],
            "sync_pending": False,
            "source": None,
            "translations": [s.as_api(request) for s in states_for_source(page)],
        }
    source = state.source
    as_api = state.as_api(request)
    return {
        "role": "translation",
        "locale": locale,
        "status": as_api["status"],
        "since": as_api["since"],
        "changed_fields": as_api["changed_fields"],
        "sync_pending": as_api["sync_pending"],
        "source": _page_ref(source, request) if source is not None and source.live else None,
        "translations": [],
    }


def translations_map(page, request=None) -> dict[str, dict]:
    """The API's ``translations``: ``{language_code: {"id", "url"}}`` of the live, public
    translations (the page itself excluded)."""
    return {
        link["language_code"]: {"id": link["id"], "url": link["url"]}
        for link in translation_links(page, request)
        if not link["is_current"]
    }


# --- What changed between two revisions of a source ---------------------------------------


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
    page: ``[{"field", "label", "blocks"}]`` in the model's field order, bookkeeping ignored."""
    if old is None or new is None:
        return []
    before, after = old.content or {}, new.content or {}
    changes = []
    for name in dict.fromkeys([*after, *before]):
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


# --- Recording syncs ----------------------------------------------------------------------


def mark_synced(translation, user=None) -> TranslationBasis:
    """Record that ``translation`` now says what its source's live revision says; it counts
    as up to date once it is published (``on_page_published``). Raises ``ValueError`` when
    the page has no live source."""
    source = source_of(translation)
    if source is None or source.live_revision_id is None:
        raise ValueError("This page has no live source page to sync with.")
    basis, _created = TranslationBasis.objects.get_or_create(page=translation)
    basis.synced_revision_id = source.live_revision_id
    basis.synced_at = timezone.now()
    basis.synced_by = user if user is not None and user.is_authenticated else None
    basis.save()
    return basis


def on_copy_for_translation_done(sender, source_obj, target_obj, **kwargs) -> None:
    """A new translation starts as a copy of its source's live content: it reflects the
    source's live revision (it still has to be translated and published to be read)."""
    if not hasattr(target_obj, "live_revision_id") or not hasattr(target_obj, "path"):
        return  # a snippet, not a page
    source = source_of(target_obj) or source_obj
    TranslationBasis.objects.update_or_create(
        page=target_obj, defaults={"source_revision_id": source.live_revision_id}
    )


def on_page_published(sender, instance, revision=None, **kwargs) -> None:
    """Publishing a synced translation makes the synced source revision its basis."""
    TranslationBasis.objects.filter(page_id=instance.pk, synced_revision__isnull=False).update(
        source_revision=F("synced_revision"), synced_revision=None
    )


def connect() -> None:
    from wagtail.signals import copy_for_translation_done, page_published

    copy_for_translation_done.connect(
        on_copy_for_translation_done, dispatch_uid="equity-translation-copied"
    )
    page_published.connect(on_page_published, dispatch_uid="equity-translation-published")

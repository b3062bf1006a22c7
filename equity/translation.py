"""Translations of pages and library resources: which exist for readers, and whether each is
in line with its source.

A page or resource in the default language (``settings.LANGUAGE_CODE``) is a *source*; its
copies in the other locales are its *translations* (Wagtail ties them together with
``translation_key``). The functions below take a page or a ``Resource`` (no tree, no view
restrictions, ``url`` is ``href``), and answer from Wagtail's revisions and publish log:

- **up to date**: the published translation reflects the source's live revision;
- **stale**: the source has been published since the translation was last synced — *since*
  when (the first such publish) and *which* fields changed (and, in StreamFields, which
  blocks were added, changed or removed), by comparing the source revision the translation
  reflects with the source's live revision;
- **missing**: there is no live translation in that locale.

"Synced" is an editor's statement — *this translation now says what the source says* —
recorded with ``equity.translation_sync.mark_synced`` (the admin's "Sync with source" button);
it takes effect when the translation is next published, so readers only see a translation
called current once its reviewed text is live. A source that is not live has nothing newer to
reflect: its translations count as up to date.

Everything here reads rows; nothing is cached (the page caches around it are invalidated on
every publish, which is when a status can change).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import swapper
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from typing_extensions import TypedDict
from wagtail.log_actions import registry as log_registry
from wagtail.models import Locale, Revision

from .models.translation import ResourceTranslationBasis, TranslationBasis
from .translation_changes import content_changes

UP_TO_DATE = "up_to_date"
STALE = "stale"
MISSING = "missing"
STATUS_LABELS = {UP_TO_DATE: _("Up to date"), STALE: _("Behind its source"), MISSING: _("Missing")}


def page_model():
    return swapper.load_model("wagtailcore", "Page")


def is_page(obj) -> bool:
    return isinstance(obj, page_model())


def _translations_of(obj):
    """The queryset of every object sharing ``obj``'s model's ``translation_key``s."""
    if is_page(obj):
        return page_model().objects.all()
    return obj.get_translation_model()._default_manager.all()


def basis_model(obj):
    return TranslationBasis if is_page(obj) else ResourceTranslationBasis


def _basis_of(obj):
    model = basis_model(obj)
    return model.objects.filter(**{model.translated_field: obj}).first()


def _url(obj, request=None) -> str | None:
    return obj.get_url(request) if is_page(obj) else obj.href


def language_rank(code: str) -> int:
    """Where a language comes in ``settings.LANGUAGES`` (unknown ones last)."""
    order = [language for language, _name in settings.LANGUAGES]
    return order.index(code) if code in order else len(order)


def language_name(code: str) -> str:
    return dict(settings.LANGUAGES).get(code, code)


def default_locale() -> Locale | None:
    try:
        return Locale.get_default()
    except Locale.DoesNotExist:
        return None


def live_translations(page) -> list:
    """The page (or resource) and its translations that anyone may read (live, public), in
    the order of ``settings.LANGUAGES``. The object itself is included even when it is not live
    (a preview).

    One query for a page without live translations (most pages); view restrictions are only
    read when there are translations to check."""
    others = list(
        _translations_of(page)
        .filter(translation_key=page.translation_key, live=True)
        .exclude(pk=page.pk)
        .select_related("locale")
    )
    if others and is_page(page):
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


@dataclass
class TranslationState:
    """The parity of one locale's translation of a source page or resource (``page``).

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
    return {"id": page.pk, "locale": page.locale.language_code, "url": _url(page, request)}


def is_in_default_language(page) -> bool:
    return page.locale.language_code == settings.LANGUAGE_CODE


def source_of(page):
    """The page's (or resource's) source: its translation in the default locale, or ``None``
    when it is itself in the default locale or the source is gone."""
    if is_in_default_language(page):
        return None
    return (
        _translations_of(page)
        .filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .first()
    )


def state_of(translation, source) -> TranslationState:
    """The parity of ``translation`` (a page or resource in another locale) against
    ``source``."""
    code = translation.locale.language_code
    basis = _basis_of(translation)
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
        getattr(source, "specific_class", None) or type(source),
    )
    if not changes:
        # Published again without a change a reader could see: still in line.
        return TranslationState(
            code, UP_TO_DATE, translation, source, sync_pending=pending,
            basis_revision_id=basis_revision_id,
        )  # fmt: skip
    first_publish = (
        log_registry.get_logs_for_instance(source)
        .filter(action="wagtail.publish", revision_id__gt=basis_revision_id)
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
    return states_for_sources([source])[source.pk]


def states_for_sources(sources) -> dict[int, list[TranslationState]]:
    """``states_for_source`` of many sources of one model (an admin listing's rows): two
    queries for all of them, plus ``state_of``'s for each translation that exists."""
    sources = list(sources)
    if not sources:
        return {}
    locales = sorted(Locale.objects.all(), key=lambda loc: language_rank(loc.language_code))
    translations = {
        (obj.translation_key, obj.locale_id): obj
        for obj in _translations_of(sources[0])
        .filter(translation_key__in={source.translation_key for source in sources})
        .select_related("locale")
    }
    states = {}
    for source in sources:
        states[source.pk] = []
        for locale in locales:
            if locale.pk == source.locale_id:
                continue
            translation = translations.get((source.translation_key, locale.pk))
            states[source.pk].append(
                TranslationState(locale.language_code, MISSING, source=source)
                if translation is None
                else state_of(translation, source)
            )
    return states


def state_for_page(page) -> TranslationState | None:
    """The parity of a translation (page or resource); ``None`` in the default locale."""
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
    translations (the object itself excluded; a resource's ``url`` is its ``href``)."""
    if not is_page(page):
        return {
            other.locale.language_code: {"id": other.pk, "url": other.href}
            for other in live_translations(page)
            if other.pk != page.pk
        }
    return {
        link["language_code"]: {"id": link["id"], "url": link["url"]}
        for link in translation_links(page, request)
        if not link["is_current"]
    }

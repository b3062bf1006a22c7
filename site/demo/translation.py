"""Building translated demo pages from their sources, for the demo loaders.

The translations are written by people (the strings the demo modules give), never produced
by a machine at run time: ``translate_page`` copies a source page into a locale the way the
admin's "Translate" does (``copy_for_translation``), swaps each source string for its
translation, points chosen pages at their translations, and publishes. StreamField blocks
keep their ids, so a translation's blocks stay paired with its source's.
"""

import copy

from wagtail.models import Locale


def _translate_value(value, strings: dict[str, str], pages: dict[int, int]):
    if isinstance(value, str):
        return strings.get(value, value)
    if isinstance(value, list):
        return [_translate_value(item, strings, pages) for item in value]
    if isinstance(value, dict):
        translated = {}
        for key, item in value.items():
            if key == "page" and isinstance(item, int):
                translated[key] = pages.get(item, item)
            elif key in ("id", "type"):
                translated[key] = item
            else:
                translated[key] = _translate_value(item, strings, pages)
        return translated
    return value


def translate_stream(stream_value, strings: dict[str, str], pages: dict[int, int]) -> list:
    """The raw data of a StreamField value with every string that ``strings`` knows
    replaced, and chosen page ids mapped through ``pages`` (source id → translation id)."""
    return _translate_value(copy.deepcopy(list(stream_value.raw_data)), strings, pages)


def translate_page(
    source,
    language_code: str,
    fields: dict,
    streams: tuple[str, ...] = (),
    strings: dict[str, str] | None = None,
    pages: dict[int, int] | None = None,
):
    """The live translation of ``source`` in ``language_code``: created (its parent must have
    been translated first) and published if missing, left as it is otherwise (idempotent).
    Returns ``None`` when that locale does not exist."""
    locale = Locale.objects.filter(language_code=language_code).first()
    if locale is None:
        return None
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translated = source.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(translated, name, value)
    for name in streams:
        setattr(
            translated, name, translate_stream(getattr(source, name), strings or {}, pages or {})
        )
    translated.save()
    translated.save_revision().publish()
    return translated

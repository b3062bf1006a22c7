"""API field serializers shared by the plugin's page types (v2 uses them directly, v3 through
Wagtail's compatibility shim, which reads the return annotations for the OpenAPI schema)."""

from rest_framework.fields import Field
from typing_extensions import TypedDict  # pydantic (API v3) needs this one on Python 3.11
from wagtail.images.models import SourceImageIOError


class ImageRenditionDict(TypedDict):
    url: str
    full_url: str
    width: int
    height: int
    alt: str


class ProgressByStatusDict(TypedDict):
    planned: int
    in_progress: int
    complete: int
    paused: int


class ProgressDict(TypedDict):
    complete: int
    total: int
    percent: int
    by_status: ProgressByStatusDict


class ProgressField(Field):
    """A roadmap's computed progress, ``{complete, total, percent, by_status}`` (typed in v3)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> ProgressDict:
        return ProgressDict(**value)


class ImageWithAltField(Field):
    """An image of a page as a rendition object ``{url, full_url, width, height, alt}``.

    Reads the whole page (``source="*"``) so the alt text can come from the page's own
    alt-text field, falling back to the image's description in the library (not to its
    title, which Wagtail's ``default_alt_text`` would use and is usually a file name).
    """

    def __init__(self, image_field: str, alt_field: str, filter_spec: str, **kwargs):
        self.image_field = image_field
        self.alt_field = alt_field
        self.filter_spec = filter_spec
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, instance) -> ImageRenditionDict | None:
        image = getattr(instance, self.image_field)
        if image is None:
            return None
        try:
            rendition = image.get_rendition(self.filter_spec)
        except SourceImageIOError:
            # A missing file in storage must not take the whole response down.
            return None
        return ImageRenditionDict(
            url=rendition.url,
            full_url=rendition.full_url,
            width=rendition.width,
            height=rendition.height,
            alt=getattr(instance, self.alt_field) or getattr(image, "description", ""),
        )


# --- Translations (equity.translation) -------------------------------------------------------


class TranslationRefDict(TypedDict):
    id: int
    url: str | None


class PageRefWithLocaleDict(TypedDict):
    id: int
    locale: str
    url: str | None


class ChangedBlockDict(TypedDict):
    id: str | None
    type: str | None
    change: str


class ChangedFieldDict(TypedDict):
    field: str
    label: str
    blocks: list[ChangedBlockDict]


class TranslationStateDict(TypedDict):
    locale: str
    status: str
    since: str | None
    changed_fields: list[ChangedFieldDict] | None
    sync_pending: bool
    page: PageRefWithLocaleDict | None


class TranslationStatusDict(TypedDict):
    role: str
    locale: str
    status: str | None
    since: str | None
    changed_fields: list[ChangedFieldDict] | None
    sync_pending: bool
    source: PageRefWithLocaleDict | None
    translations: list[TranslationStateDict]


class TranslationsField(Field):
    """The page's live, public translations: ``{language_code: {"id", "url"}}``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> dict[str, TranslationRefDict]:
        from .translation import translations_map

        return translations_map(page, self.context.get("request"))


class TranslationStatusField(Field):
    """Translation parity (``equity.translation.translation_status``): for a source page each
    other locale's state; for a translation its own (up_to_date / stale / missing)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> TranslationStatusDict:
        from .translation import translation_status

        return translation_status(page, self.context.get("request"))


def translation_api_fields() -> list:
    """``APIField``s every page type lists: ``translations`` and ``translation_status``.
    Detail views only in v2 (``TRANSLATION_DETAIL_ONLY_FIELDS``): they cost queries per page."""
    from wagtail.api import APIField

    return [
        APIField("translations", serializer=TranslationsField()),
        APIField("translation_status", serializer=TranslationStatusField()),
    ]


TRANSLATION_DETAIL_ONLY_FIELDS = ["translations", "translation_status"]

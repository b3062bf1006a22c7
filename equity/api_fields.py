"""API field serializers shared by the plugin's page types (v2 uses them directly, v3 through
Wagtail's compatibility shim, which reads the return annotations for the OpenAPI schema)."""

import logging

from rest_framework.fields import Field
from typing_extensions import TypedDict  # pydantic (API v3) needs this one on Python 3.11

from .images import DECODE_ERRORS

logger = logging.getLogger(__name__)


class ImageRenditionDict(TypedDict):
    url: str
    full_url: str
    width: int
    height: int
    alt: str


def rendition_for_api(image, filter_spec: str, alt: str) -> ImageRenditionDict | None:
    """``image`` as ``{url, full_url, width, height, alt}`` at ``filter_spec``, or ``None``.

    ``None`` when there is no image, or when its file is missing from storage or cannot be
    read: one broken reference must not take a whole page or list down. The failure is
    logged (with the image id) for the site's maintainers; the caller never sees a path.
    """
    if image is None:
        return None
    try:
        rendition = image.get_rendition(filter_spec)
    except DECODE_ERRORS as error:
        logger.error(
            "Image %s could not be rendered as %s for the API (%s); serialised as null",
            image.pk,
            filter_spec,
            type(error).__name__,
            exc_info=error,
        )
        return None
    return ImageRenditionDict(
        url=rendition.url,
        full_url=rendition.full_url,
        width=rendition.width,
        height=rendition.height,
        alt=alt,
    )


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
        alt = getattr(instance, self.alt_field) or getattr(image, "description", "")
        return rendition_for_api(image, self.filter_spec, alt)


OG_IMAGE_SPEC = "fill-1200x630"  # the size Open Graph and Twitter cards display


class CanonicalURLField(Field):
    """The page's one public address (absolute), for ``<link rel="canonical">``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> str | None:
        request = self.context.get("request") if isinstance(self.context, dict) else None
        return page.get_full_url(request)


class OpenGraphImageField(Field):
    """The image to show when the page is shared (``og:image``): its hero image at 1200x630,
    or ``null`` for a page without one (or whose image file is unreadable)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> ImageRenditionDict | None:
        image = getattr(page, "hero_image", None)
        alt = getattr(page, "hero_image_alt", "") or getattr(image, "description", "")
        return rendition_for_api(image, OG_IMAGE_SPEC, alt)


def seo_api_fields() -> list:
    """The sharing fields every page type adds to its ``api_fields`` (``seo_title`` and
    ``search_description`` are already in each page's ``meta``, in v2 and v3)."""
    from wagtail.api import APIField

    return [
        APIField("canonical_url", serializer=CanonicalURLField()),
        APIField("og_image", serializer=OpenGraphImageField()),
    ]


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

"""API field serializers shared by the plugin's page types (v2 uses them directly, v3 through
Wagtail's compatibility shim, which reads the return annotations for the OpenAPI schema)."""

from rest_framework.fields import Field
from typing_extensions import TypedDict  # pydantic (API v3) needs this one on Python 3.11
from wagtail.images.models import SourceImageIOError

from .images import DECODE_ERRORS, not_decodable


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
        except DECODE_ERRORS as error:
            # A missing or undecodable file must not take the whole response down.
            if not isinstance(error, SourceImageIOError):
                not_decodable(image, error)
            return None
        return ImageRenditionDict(
            url=rendition.url,
            full_url=rendition.full_url,
            width=rendition.width,
            height=rendition.height,
            alt=getattr(instance, self.alt_field) or getattr(image, "description", ""),
        )

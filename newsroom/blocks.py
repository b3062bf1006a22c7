"""StreamField blocks of a press release.

Every block is a named class whose ``Meta`` carries an icon, a template, a block-picker
preview, a description and a preview value. The call to action and the page chooser come
from the ``equity`` app rather than being written twice.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock

from equity.api_fields import ImageRenditionDict, rendition_for_api
from equity.api_schema import APIObject, register_block_schema
from equity.blocks import CallToActionBlock
from equity.embeds import OEmbedBlock

PREVIEW_TEMPLATE = "newsroom/blocks/preview.html"
# The release title is the page's h1, so body headings start at h2.
BODY_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


class ParagraphBlock(blocks.RichTextBlock):
    """Running text of the release."""

    def __init__(self, **kwargs):
        kwargs.setdefault("features", BODY_RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "newsroom/blocks/paragraph.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Paragraph"
        description = "Running text with links, lists and subheadings."
        preview_value = "<p>City leaders met in Sacramento today to agree a shared response.</p>"


class StatementBlock(blocks.StructBlock):
    """A quotation attributed to a named person, as journalists quote it."""

    quote = blocks.TextBlock(help_text="The words as spoken or written, without quotation marks.")
    speaker_name = blocks.CharBlock(max_length=120, help_text="For example: Jordan Ellis.")
    speaker_title = blocks.CharBlock(
        max_length=160, required=False, help_text="For example: President; Mayor of El Centro."
    )
    organisation = blocks.CharBlock(max_length=160, required=False)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/statement.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Statement or quote"
        description = "A quotation with the speaker's name, title and organisation."
        preview_value = {
            "quote": "Our cities stand together against hate in every form.",
            "speaker_name": "Jordan Ellis",
            "speaker_title": "President",
            "organisation": "Example League of Cities",
        }


def captioned_image_preview() -> dict:
    """A preview needs a real image: the first one in the library, if any."""
    image = get_image_model().objects.order_by("pk").first()
    return {"image": image, "alt_text": "An example image", "caption": "A caption."}


class CaptionedImageBlock(blocks.StructBlock):
    """An image with its alt text (required) and an optional visible caption."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text="Describe the image for people who cannot see it. Leave blank to use the "
        "description stored with the image; one of the two is required.",
    )
    caption = blocks.CharBlock(max_length=300, required=False)

    class Meta:
        icon = "image"
        template = "newsroom/blocks/captioned_image.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Image"
        description = "A photo or chart with alt text and an optional caption."
        preview_value = staticmethod(captioned_image_preview)

    def clean(self, value):
        value = super().clean(value)
        image = value.get("image")
        if image is not None and not (value.get("alt_text") or getattr(image, "description", "")):
            raise StructBlockValidationError(
                block_errors={
                    "alt_text": ValidationError(
                        "Describe the image for people who cannot see it "
                        "(or give the image a description in the image library)."
                    )
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        """``{image, caption}``; ``None`` when the image is gone or its file is unreadable."""
        image = value.get("image")
        alt = value.get("alt_text") or getattr(image, "description", "")
        rendition = rendition_for_api(image, "max-1200x1200", alt)
        if rendition is None:
            return None
        return {"image": rendition, "caption": value.get("caption") or ""}


class CaptionedImage(APIObject):
    """An image of a release in the API: its rendition (with alt text) and caption."""

    image: ImageRenditionDict
    caption: str


register_block_schema(CaptionedImageBlock, CaptionedImage | None)


class ReleaseEmbedBlock(OEmbedBlock):
    """A video or post from another site, embedded by its address (in the API: its stored
    oEmbed data, ``equity.embeds``)."""

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Embed"
        description = "A video or social media post, by its public address."
        preview_value = "https://video.example.org/press-conference"


class ReleaseCallToActionBlock(CallToActionBlock):
    """The shared call to action (page on this site or external URL, exactly one)."""

    class Meta:
        template = "newsroom/blocks/call_to_action.html"
        preview_template = PREVIEW_TEMPLATE
        icon = "link"
        description = "A button-style link to one page on this site or one external address."
        preview_value = {"label": "Report an incident", "url": "https://report.example.org/"}


class NewsArticleStreamBlock(blocks.StreamBlock):
    """Everything the body of a press release can hold."""

    paragraph = ParagraphBlock()
    statement = StatementBlock()
    image = CaptionedImageBlock()
    embed = ReleaseEmbedBlock()
    call_to_action = ReleaseCallToActionBlock()

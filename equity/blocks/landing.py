"""The blocks of a landing or content page's body: text sections, the community callout, the
featured-page card, and resource sections (``equity.blocks.resources``)."""

import swapper
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..headless.links import is_public
from ..rich_text import SECTION_RICH_TEXT_FEATURES, SHORT_RICH_TEXT_FEATURES
from .base import PREVIEW_TEMPLATE
from .links import APIPageChooserBlock, CallToActionBlock, page_api_representation
from .resources import ResourceSectionBlock


class RichTextSectionBlock(blocks.StructBlock):
    """A titled passage of text."""

    heading = blocks.CharBlock(max_length=120, help_text="Shown as a section heading (h2).")
    body = blocks.RichTextBlock(features=SECTION_RICH_TEXT_FEATURES)

    class Meta:
        icon = "doc-full"
        template = "equity/blocks/rich_text_section.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Text section"
        group = "Text"
        description = "A heading followed by formatted text, links and lists."
        preview_value = {
            "heading": "Why equity is city work",
            "body": "<p>Cities decide where parks, buses and clinics go. "
            "<b>Those choices shape who thrives.</b></p>",
        }


class CommunityCalloutBlock(blocks.StructBlock):
    """An invitation to join something, with one call to action and an optional contact."""

    heading = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=SHORT_RICH_TEXT_FEATURES)
    call_to_action = CallToActionBlock()
    contact_name = blocks.CharBlock(
        required=False, max_length=120, help_text="Who answers questions (optional)."
    )
    contact_email = blocks.EmailBlock(
        required=False, help_text="Their email address; shown as a mailto: link."
    )

    class Meta:
        icon = "group"
        template = "equity/blocks/community_callout.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Community callout"
        group = "Calls to action"
        description = "A highlighted invitation with a sign-up link and a contact person."
        preview_value = {
            "heading": "Join the Advancing Equity Community",
            "text": "<p>An online space where city leaders trade ideas and resources.</p>",
            "call_to_action": {"label": "Sign up now", "url": "https://community.example.org/"},
            "contact_name": "Alex Rivera",
            "contact_email": "community@example.org",
        }

    def clean(self, value):
        value = super().clean(value)
        if value.get("contact_email") and not value.get("contact_name"):
            raise StructBlockValidationError(
                block_errors={
                    "contact_name": ValidationError("Give the name of the person at this address.")
                }
            )
        return value


def featured_page_preview() -> dict:
    """A featured-page preview needs a real page to point at: the first live one will do."""
    Page = swapper.load_model("wagtailcore", "Page")
    return {
        "page": Page.objects.live().filter(depth__gt=1).order_by("path").first(),
        "heading": "Equity Roadmap",
        "summary": "The actions we plan and how far along they are.",
        "label": "Read more",
    }


class FeaturedPageStructValue(blocks.StructValue):
    """A card shows its page only when the public may open it
    (``equity.headless.links.is_public``)."""

    @cached_property
    def public_page(self):
        page = self.get("page")
        return page if is_public(page) else None


class FeaturedPageCardBlock(blocks.StructBlock):
    """A card that points at another page of the site, such as the roadmap."""

    page = APIPageChooserBlock()
    heading = blocks.CharBlock(
        required=False, max_length=120, help_text="Defaults to the chosen page's title."
    )
    summary = blocks.TextBlock(
        required=False, help_text="One or two sentences; defaults to the page's search description."
    )
    label = blocks.CharBlock(
        required=False,
        max_length=40,
        default="Read more",
        help_text='The link text, e.g. "Read more".',
    )

    class Meta:
        icon = "doc-empty-inverse"
        template = "equity/blocks/featured_page_card.html"
        value_class = FeaturedPageStructValue
        preview_template = PREVIEW_TEMPLATE
        label = "Featured page"
        group = "Calls to action"
        description = "A card linking to one page, with a heading, a summary and a link label."
        preview_value = staticmethod(featured_page_preview)

    def get_api_representation(self, value, context=None):
        page = page_api_representation(value.get("page"), context)
        return {
            "page": page,
            # A blank heading falls back to the title of a page the public may see only.
            "heading": value.get("heading") or (page["title"] if page else ""),
            "summary": value.get("summary"),
            "label": value.get("label") or "Read more",
        }


class EquityLandingStreamBlock(blocks.StreamBlock):
    """Everything an Advancing Equity landing page's body can hold."""

    rich_text_section = RichTextSectionBlock()
    community_callout = CommunityCalloutBlock()
    featured_page_card = FeaturedPageCardBlock()
    resource_section = ResourceSectionBlock()

"""Links to pages and addresses, shared by every page's blocks (the newsroom's too): the API
page chooser (``{id, title, url}``, only for pages the public may open) and the call to
action (a page on this site or an external address, exactly one of the two)."""

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..headless.links import is_public
from ..validators import SafeURLBlock
from .base import PREVIEW_TEMPLATE, package_paths


def page_api_representation(page, context: dict | None = None) -> dict | None:
    """A chosen page as apps need it: ``{id, title, url}``; ``None`` unless the public may
    open it (``equity.headless.links.is_public``: live, no view restriction on it or an ancestor).

    A draft, unpublished, embargoed or private page an editor chose must not leak its title
    or address through the API.
    """
    request = (context or {}).get("request")
    if not is_public(page, request):
        return None
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


class APIPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser whose API value is ``{id, title, url}`` instead of a bare id."""

    def get_api_representation(self, value, context=None):
        return page_api_representation(value, context)


class LinkStructValue(blocks.StructValue):
    """A link's URL and text, whether the editor chose a page or typed a URL."""

    @cached_property
    def href(self) -> str | None:
        page = self.get("page")
        if page is not None:
            # A page the public cannot open has no public address: the link disappears.
            return page.url if is_public(page) else None
        return self.get("url") or None

    @cached_property
    def text(self) -> str:
        page = self.get("page")
        title = page.title if is_public(page) else ""
        return self.get("label") or title or self.href or ""


class CallToActionBlock(blocks.StructBlock):
    """A labelled link to a page on this site OR an external URL: exactly one of the two."""

    label = blocks.CharBlock(
        max_length=80,
        help_text='What the link says, as a verb: "Sign up now", "Read the roadmap".',
    )
    page = APIPageChooserBlock(required=False, help_text="A page on this site…")
    url = SafeURLBlock(
        required=False,
        contact=True,
        label="URL",
        help_text="…or an address elsewhere (https://…, mailto: or tel:).",
    )

    class Meta:
        icon = "link"
        template = "equity/blocks/call_to_action.html"
        preview_template = PREVIEW_TEMPLATE
        value_class = LinkStructValue
        label = "Call to action"
        description = "A button-style link to one page on this site or one external address."
        preview_value = {"label": "Sign up now", "url": "https://community.example.org/join"}

    def clean(self, value):
        value = super().clean(value)
        has_page, has_url = value.get("page") is not None, bool(value.get("url"))
        if has_page and has_url:
            message = "Choose a page or enter a URL, not both."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        if not has_page and not has_url:
            message = "Choose a page or enter a URL for this call to action."
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(message), "url": ValidationError(message)}
            )
        return value

    def get_api_representation(self, value, context=None):
        page = page_api_representation(value.get("page"), context)
        return {
            "label": value.get("label"),
            "url": page["url"] if page else (value.get("url") or None),
            "page": page,
        }


DECONSTRUCT_ALIASES = package_paths(APIPageChooserBlock)

"""An embed finder that never leaves the machine.

Wagtail's default finders ask oEmbed providers over the network. Tests (and any offline
install) must not depend on that, so this finder answers every URL with a plain,
accessible link card built locally.
"""

from django.utils.html import format_html
from wagtail.embeds.finders.base import EmbedFinder


class LocalEmbedFinder(EmbedFinder):
    """Answer any http(s) URL with a local link card instead of a provider's iframe."""

    def __init__(self, **options):
        self.options = options

    def accept(self, url: str) -> bool:
        return url.startswith(("http://", "https://"))

    def find_embed(self, url: str, max_width: int | None = None, max_height: int | None = None):
        html = format_html('<a class="embed-link" href="{}">Watch or read: {}</a>', url, url)
        return {
            "title": url,
            "author_name": "",
            "provider_name": "Local embed",
            "type": "link",
            "thumbnail_url": None,
            "width": None,
            "height": None,
            "html": html,
        }

"""Embeds in the APIs: the stored oEmbed data of an embedded address, not only the address.

Wagtail's ``EmbedBlock`` gives an API client the URL an editor pasted, so every front end
would have to call the provider itself (and cope with its rate limits, outages and CORS).
:class:`OEmbedBlock` answers what the site already knows instead: Wagtail's ``Embed`` record
for the address, which ``wagtail.embeds.embeds.get_embed`` fetches once through the
configured finders (``WAGTAILEMBEDS_FINDERS``) and stores::

    {"url": "https://video.example.org/press-conference",
     "oembed": {"type": "video", "html": "<iframe …>", "title": "…", "author_name": "…",
                "provider_name": "…", "thumbnail_url": "https://…" | null,
                "width": 640 | null, "height": 360 | null} | null}

``html`` is the provider's markup as stored (the HTML site renders the same); ``width`` and
``height`` are the provider's pixels. An address that cannot be embedded (no finder accepts
it, the provider answers nothing, the network fails) has ``"oembed": null`` — the page still
answers 200, and the reason is logged. The OpenAPI type is ``EmbeddedMedia`` in
``equity.api_schema``. Every embed block of the project's page types is an ``OEmbedBlock``.
"""

import logging

from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException

logger = logging.getLogger(__name__)


def oembed_data(value: EmbedValue) -> dict | None:
    """The stored oEmbed data for ``value`` (fetched and stored on first use), or ``None``
    when it cannot be had."""
    try:
        embed = get_embed(value.url, value.max_width, value.max_height)
    except EmbedException:
        logger.warning("No embed for %s", value.url)
        return None
    except Exception:  # a finder's own failure must not break the page or the list
        logger.exception("Embed lookup failed for %s", value.url)
        return None
    return {
        "type": embed.type,
        "html": embed.html,
        "title": embed.title,
        "author_name": embed.author_name,
        "provider_name": embed.provider_name,
        "thumbnail_url": embed.thumbnail_url or None,
        "width": embed.width,
        "height": embed.height,
    }


class OEmbedBlock(EmbedBlock):
    """An ``EmbedBlock`` whose API value is ``{url, oembed}`` (see the module docstring)."""

    def get_api_representation(self, value, context=None):
        if value is None:
            return None
        return {"url": value.url, "oembed": oembed_data(value)}

"""The equity app's models, one module per concern; this package re-exports them all.

- ``landing_page``: ``EquityLandingPage`` (and its mixin), the hub's front door.
- ``roadmap``: ``EquityRoadmapPage``, priorities and actions with computed progress.
- ``library``: ``Resource``, ``Topic`` and their inlines (the reusable resource library),
  and ``ResourceLibraryPage``, its public, filterable listing.
- ``translation``: ``TranslationBasis``, the source revision each translated page reflects.
- ``webhooks``: ``WebhookEndpoint`` and ``WebhookDelivery`` (publish webhooks and their log).
"""

from .landing_page import EquityLandingPage, EquityLandingPageMixin
from .library import (
    Resource,
    ResourceHost,
    ResourceLibraryPage,
    ResourceLibraryPageMixin,
    ResourceReadingListItem,
    Topic,
)
from .roadmap import EquityRoadmapPage, EquityRoadmapPageMixin
from .translation import TranslationBasis
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "EquityLandingPage",
    "EquityLandingPageMixin",
    "EquityRoadmapPage",
    "EquityRoadmapPageMixin",
    "Resource",
    "ResourceHost",
    "ResourceLibraryPage",
    "ResourceLibraryPageMixin",
    "ResourceReadingListItem",
    "Topic",
    "TranslationBasis",
    "WebhookDelivery",
    "WebhookEndpoint",
]

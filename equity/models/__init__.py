"""The equity app's models, one module per concern; this package re-exports them all.

- ``landing_page``: ``EquityLandingPage`` (and its mixin), the hub's front door.
- ``content_page``: ``EquityContentPage`` (and its mixin), a general page editors add freely.
- ``roadmap``: ``EquityRoadmapPage``, priorities and actions with computed progress.
- ``library``: ``Resource``, ``Topic`` and their inlines (the reusable resource library,
  translatable); ``library_page``: ``ResourceLibraryPage``, its public, filterable listing.
- ``publication``: ``PublicationRecord``, the content version and ``Last-Modified`` of
  the public surfaces (written by ``equity.headless.publication``).
- ``translation``: ``TranslationBasis`` and ``ResourceTranslationBasis``, the source revision
  each translated page or resource reflects.
- ``webhooks``: ``WebhookEndpoint`` and ``WebhookDelivery`` (publish webhooks and their log).
"""

from .content_page import EquityContentPage, EquityContentPageMixin
from .landing_page import EquityLandingPage, EquityLandingPageMixin
from .library import Resource, ResourceHost, ResourceReadingListItem, Topic
from .library_page import ResourceLibraryPage, ResourceLibraryPageMixin
from .publication import PublicationRecord
from .roadmap import EquityRoadmapPage, EquityRoadmapPageMixin
from .translation import ResourceTranslationBasis, TranslationBasis
from .webhooks import WebhookDelivery, WebhookEndpoint

__all__ = [
    "EquityContentPage",
    "EquityContentPageMixin",
    "EquityLandingPage",
    "EquityLandingPageMixin",
    "EquityRoadmapPage",
    "EquityRoadmapPageMixin",
    "PublicationRecord",
    "Resource",
    "ResourceHost",
    "ResourceLibraryPage",
    "ResourceLibraryPageMixin",
    "ResourceReadingListItem",
    "ResourceTranslationBasis",
    "Topic",
    "TranslationBasis",
    "WebhookDelivery",
    "WebhookEndpoint",
]

"""StreamField blocks of the Advancing Equity hub, one module per concern; this package
re-exports them all, and migrations name each block by its path here (``equity.blocks.X``).

- ``links``: the API page chooser (``{id, title, url}``) and the call to action, shared by
  every page's blocks (the newsroom imports them rather than writing its own).
- ``landing``: a landing or content page's body: text sections, the community callout, the
  featured-page card (``EquityLandingStreamBlock``).
- ``resources``: webinars, publications, organisations, library entries and the resource
  section that lists them.
- ``roadmap``: the roadmap's priorities and actions (its rules are ``equity.roadmap``).
- ``base``: the block picker's preview template and the migration path of the blocks.

Every block is a named class whose ``Meta`` carries an icon, a template, a description and a
preview value, so editors see a real preview in the block picker. Each block's API output is
designed rather than accidental: rich text as display HTML, chosen pages as
``{id, title, url}``, dates as ISO strings.
"""

from ..rich_text import SECTION_RICH_TEXT_FEATURES, SHORT_RICH_TEXT_FEATURES
from ..roadmap import ACTION_STATUS_LABELS, ACTION_STATUSES, progress_summary, target_label
from .base import PREVIEW_TEMPLATE
from .landing import (
    CommunityCalloutBlock,
    EquityLandingStreamBlock,
    FeaturedPageCardBlock,
    FeaturedPageStructValue,
    RichTextSectionBlock,
)
from .links import APIPageChooserBlock, CallToActionBlock, LinkStructValue, page_api_representation
from .resources import (
    WEBINAR_PREVIEW,
    LibraryResourceBlock,
    OrganisationBlock,
    PublicationBlock,
    ReadingListItemBlock,
    ResourceChooserBlock,
    ResourceItemsBlock,
    ResourceSectionBlock,
    ResourceSectionValue,
    WebinarBlock,
    public_resource,
)
from .roadmap import (
    PriorityBlock,
    PriorityStructValue,
    RoadmapActionBlock,
    RoadmapActionStructValue,
    RoadmapStreamBlock,
    TargetBlock,
)

__all__ = [
    "ACTION_STATUSES",
    "ACTION_STATUS_LABELS",
    "PREVIEW_TEMPLATE",
    "SECTION_RICH_TEXT_FEATURES",
    "SHORT_RICH_TEXT_FEATURES",
    "WEBINAR_PREVIEW",
    "APIPageChooserBlock",
    "CallToActionBlock",
    "CommunityCalloutBlock",
    "EquityLandingStreamBlock",
    "FeaturedPageCardBlock",
    "FeaturedPageStructValue",
    "LibraryResourceBlock",
    "LinkStructValue",
    "OrganisationBlock",
    "PriorityBlock",
    "PriorityStructValue",
    "PublicationBlock",
    "ReadingListItemBlock",
    "ResourceChooserBlock",
    "ResourceItemsBlock",
    "ResourceSectionBlock",
    "ResourceSectionValue",
    "RichTextSectionBlock",
    "RoadmapActionBlock",
    "RoadmapActionStructValue",
    "RoadmapStreamBlock",
    "TargetBlock",
    "WebinarBlock",
    "page_api_representation",
    "progress_summary",
    "public_resource",
    "target_label",
]

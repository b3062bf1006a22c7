"""One card per kind of library item, whichever way it was added.

A resource from the library (``Resource``) and an item typed in place on a page (the webinar,
publication and organisation blocks) are turned into the same ``ResourceCard``, rendered by
one template per kind (``equity/cards/<kind>.html`` through ``equity/includes/card.html``), so
a monthly magazine issue shows its month, a webinar says "Free to watch" and an organisation
shows its badge wherever it appears.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

MONTH = "month"
DAY = "day"


@dataclass
class ResourceCard:
    """What a card shows. ``date_precision``: ``"day"`` or ``"month"`` (an issue's month)."""

    kind: str
    kind_label: str
    title: str
    href: str = ""
    summary: str = ""
    date: datetime.date | None = None
    date_precision: str = DAY
    hosts: list[str] = field(default_factory=list)
    publisher: str = ""
    acronym: str = ""
    free_to_watch: bool = False
    reading_list: list[dict] = field(default_factory=list)

    @property
    def template_name(self) -> str:
        return f"equity/cards/{self.kind}.html"

    @property
    def date_iso(self) -> str:
        if self.date is None:
            return ""
        return self.date.strftime("%Y-%m" if self.date_precision == MONTH else "%Y-%m-%d")

    @property
    def date_format(self) -> str:
        """A Django ``date`` filter format: "F Y" for a month, "j F Y" for a day."""
        return "F Y" if self.date_precision == MONTH else "j F Y"


def card_for_resource(resource) -> ResourceCard:
    return ResourceCard(
        kind=resource.kind,
        kind_label=resource.get_kind_label(),
        title=resource.title,
        href=resource.href,
        summary=resource.summary,
        date=resource.date,
        date_precision=resource.date_precision or DAY,
        hosts=resource.host_names,
        free_to_watch=bool(resource.free_to_watch),
        reading_list=resource.reading_list_entries,
    )


def card_for_block(block_type: str, value) -> ResourceCard:
    """A card for an inline ``webinar``, ``publication`` or ``organisation`` block value."""
    from .models.library import ResourceKind

    if block_type == "webinar":
        return ResourceCard(
            kind=ResourceKind.WEBINAR,
            kind_label=ResourceKind.WEBINAR.label,
            title=value.get("title", ""),
            href=value.get("watch_url", ""),
            summary=value.get("summary", ""),
            date=value.get("first_offered_on"),
            hosts=list(value.get("host_organisations") or []),
            free_to_watch=bool(value.get("free_to_watch")),
        )
    if block_type == "publication":
        return ResourceCard(
            kind=ResourceKind.PUBLICATION,
            kind_label=ResourceKind.PUBLICATION.label,
            title=value.get("title", ""),
            href=value.get("url", ""),
            summary=value.get("summary", ""),
            date=value.get("issue_date"),
            date_precision=MONTH,
            publisher=value.get("publisher", ""),
        )
    return ResourceCard(
        kind=ResourceKind.ORGANISATION,
        kind_label=ResourceKind.ORGANISATION.label,
        title=value.get("name", ""),
        href=value.get("website", ""),
        summary=value.get("description", ""),
        acronym=value.get("acronym", ""),
        reading_list=[
            {
                "title": item.get("title"),
                "url": item.get("url"),
                "description": item.get("description"),
            }
            for item in value.get("reading_list") or []
        ],
    )

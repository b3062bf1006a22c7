"""API field serializers of a press release.

API v2 uses them directly; v3 through Wagtail's compatibility shim, which reads the return
annotations (``TypedDict``s) for the OpenAPI schema. Lists read ``.all()`` so that the
prefetching done by the newsroom's endpoint and pages is used.
"""

from django.utils import timezone
from rest_framework.fields import Field
from typing_extensions import TypedDict  # pydantic (API v3) needs this one on Python 3.11
from wagtail.rich_text import expand_db_html

from equity.blocks import page_api_representation


def _prefetched_or(manager, name: str, related: str):
    """The prefetched rows when the queryset prefetched them, else one query that joins."""
    if name in getattr(manager.instance, "_prefetched_objects_cache", {}):
        return manager.all()
    return manager.select_related(related)


class ContactDict(TypedDict):
    name: str
    role: str
    organisation: str
    phone: str
    email: str


class ReleaseStatusDict(TypedDict):
    code: str
    label: str


class AboutDict(TypedDict):
    heading: str
    text: str


class RelatedPageDict(TypedDict):
    id: int
    title: str
    url: str


class ReleaseStatusField(Field):
    """``{"code", "label"}``: ``embargoed`` / "Embargoed until <date-time>" while an embargo is
    in force (drafts and previews), else ``immediate`` / "For immediate release" (also once
    an embargo has lifted)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> ReleaseStatusDict:
        return ReleaseStatusDict(code=page.current_release_status, label=page.release_line)


class EmbargoField(Field):
    """The embargo's end as an ISO 8601 date-time with its UTC offset, or ``null``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> str | None:
        return timezone.localtime(value).isoformat() if value is not None else None


class TagsField(Field):
    """Tags as a list of names, alphabetical."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager) -> list[str]:
        return sorted((tag.name for tag in manager.all()), key=str.lower)


class ContactsField(Field):
    """The release's media contacts, in the editor's order."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager) -> list[ContactDict]:
        links = _prefetched_or(manager, "media_contacts", "contact")
        # Published contacts only: a draft edit of a contact is not public.
        return [
            ContactDict(**link.contact.api_representation()) for link in links if link.contact.live
        ]


class RelatedPagesField(Field):
    """Related pages as ``{id, title, url}``; pages the public may not open are left out."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, manager) -> list[RelatedPageDict]:
        links = _prefetched_or(manager, "related_links", "related_page")
        pages = (link.related_page for link in links)
        represented = (page_api_representation(page, self.context) for page in pages)
        return [RelatedPageDict(**item) for item in represented if item is not None]


class AboutField(Field):
    """The organisation's "About" paragraph from the site's newsroom settings."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, page) -> AboutDict:
        request = self.context.get("request") if isinstance(self.context, dict) else None
        heading, text = page.about_paragraph(request)
        return AboutDict(heading=heading, text=expand_db_html(text or ""))

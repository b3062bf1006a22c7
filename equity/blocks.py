"""StreamField blocks of the Advancing Equity hub.

Every block is a named class whose ``Meta`` carries an icon, a template, a description and a
preview value, so editors see a real preview in the block picker. Each block's API output is
designed rather than accidental: rich text as display HTML, chosen pages as
``{id, title, url}``, dates as ISO strings.

The call-to-action block and the API page chooser are app-independent: the newsroom imports
them from here rather than writing its own.
"""

import datetime
import re
from collections import Counter

import swapper
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from .headless.links import is_public
from .validators import SafeURLBlock

# Rich text inside a section: headings start at h3 because the section heading is an h2.
SECTION_RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "link", "ol", "ul", "document-link"]
SHORT_RICH_TEXT_FEATURES = ["bold", "italic", "link"]
# Block-picker previews: Wagtail's preview page plus this app's stylesheet.
PREVIEW_TEMPLATE = "equity/blocks/preview.html"


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


WEBINAR_PREVIEW = {
    "title": "Equity 101 for council members",
    "summary": "An hour-long introduction to the vocabulary and first steps.",
    "first_offered_on": datetime.date(2020, 8, 27),
    "host_organisations": ["League of Cities", "Equity Institute"],
    "watch_url": "https://video.example.org/equity-101",
    "free_to_watch": True,
}


class WebinarBlock(blocks.StructBlock):
    """A recorded webinar or video."""

    title = blocks.CharBlock(max_length=200)
    summary = blocks.TextBlock()
    first_offered_on = blocks.DateBlock(help_text="When it was first shown live.")
    host_organisations = blocks.ListBlock(
        blocks.CharBlock(max_length=120, label="Organisation"), min_num=1
    )
    watch_url = SafeURLBlock(label="Watch URL")
    free_to_watch = blocks.BooleanBlock(required=False, default=True)

    class Meta:
        icon = "media"
        template = "equity/blocks/webinar.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Webinar or video"
        description = "A recorded session: title, summary, first date shown, hosts and a link."
        preview_value = WEBINAR_PREVIEW


class PublicationBlock(blocks.StructBlock):
    """An issue of a magazine, a report or another publication."""

    title = blocks.CharBlock(max_length=200)
    publisher = blocks.CharBlock(max_length=120, help_text="For example: Western City magazine.")
    issue_date = blocks.DateBlock(help_text="The issue's date; only month and year are shown.")
    url = SafeURLBlock(label="URL")
    summary = blocks.TextBlock(required=False)

    class Meta:
        icon = "doc-full-inverse"
        template = "equity/blocks/publication.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Publication"
        description = "A magazine issue or report, with its publisher, date and link."
        preview_value = {
            "title": "November 2020 issue",
            "publisher": "Western City magazine",
            "issue_date": datetime.date(2020, 11, 1),
            "url": "https://magazine.example.org/2020-11",
        }


class ReadingListItemBlock(blocks.StructBlock):
    """One entry of an organisation's reading list."""

    title = blocks.CharBlock(max_length=200)
    url = SafeURLBlock(label="URL")
    description = blocks.CharBlock(max_length=400, help_text="One line on why it is worth reading.")

    class Meta:
        icon = "list-ul"
        label = "Reading list item"


class OrganisationBlock(blocks.StructBlock):
    """A partner organisation, optionally with a reading list of its material."""

    name = blocks.CharBlock(max_length=200)
    acronym = blocks.CharBlock(required=False, max_length=20)
    description = blocks.TextBlock()
    website = SafeURLBlock()
    reading_list = blocks.ListBlock(ReadingListItemBlock(), default=[])

    class Meta:
        icon = "site"
        template = "equity/blocks/organisation.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Organisation"
        description = (
            "An organisation with a description, its website and an optional reading list."
        )
        preview_value = {
            "name": "Equity Institute",
            "acronym": "EI",
            "description": "A network of local governments working on racial equity.",
            "website": "https://institute.example.org/",
            "reading_list": [
                {
                    "title": "A resolution template",
                    "url": "https://institute.example.org/resolution",
                    "description": "Talking points for a council resolution.",
                }
            ],
        }


class ResourceChooserBlock(blocks.ChooserBlock):
    """Choose an entry of the resource library (``equity.Resource``) through its chooser.

    In the API a chosen resource is embedded as ``{id, title, kind, url, summary}``; a
    resource that has since been deleted is ``null`` and renders as nothing.
    """

    @cached_property
    def target_model(self):
        return apps.get_model("equity", "Resource")

    @cached_property
    def widget(self):
        # Imported late: the chooser viewset needs the Resource model, which imports this module.
        from .choosers import resource_chooser_viewset

        return resource_chooser_viewset.widget_class()

    def get_form_state(self, value):
        return self.widget.get_value_data(value)

    def bulk_to_python(self, values):
        """All resources of a stream in one query, with the hosts, topics and reading lists
        their template shows prefetched (not two more queries per resource)."""
        resources = (
            self.target_model.objects.with_listing_data()
            .with_reader_versions()
            .in_bulk([value for value in values if value is not None])
        )
        return [resources.get(value) for value in values]

    def get_api_representation(self, value, context=None):
        resource = public_resource(value)
        return resource.summary_for_api() if resource is not None else None

    class Meta:
        icon = "folder-inverse"


def public_resource(resource):
    """What a reader sees of the chosen resource: its live translation in the page's language,
    else the resource if the public may see it (published: its row is the live version), else
    ``None``: deleted, never published, unpublished or expired resources are left out of every
    page, in HTML and API alike (``equity.library_translation.reader_version``)."""
    from .library_translation import reader_version

    return reader_version(resource)


class LibraryResourceBlock(blocks.StructBlock):
    """A resource from the library, shown as it is edited there (one place, every page)."""

    resource = ResourceChooserBlock()

    class Meta:
        icon = "folder-inverse"
        template = "equity/blocks/library_resource.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Library resource"
        description = "An entry of the resource library; edit it once there, it changes everywhere."
        preview_value = staticmethod(lambda: {"resource": library_resource_preview()})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["resource"] = public_resource(value.get("resource"))
        return context

    def get_api_representation(self, value, context=None):
        resource = public_resource(value.get("resource"))
        return {"resource": resource.summary_for_api() if resource is not None else None}


def library_resource_preview():
    """The newest library entry, for the block picker's preview (None on an empty library)."""
    return apps.get_model("equity", "Resource").objects.first()


class ResourceItemsBlock(blocks.StreamBlock):
    """The items of a resource section: library entries, or one-off webinars, publications
    and organisations typed in place, in any order."""

    library_resource = LibraryResourceBlock()
    webinar = WebinarBlock()
    publication = PublicationBlock()
    organisation = OrganisationBlock()

    class Meta:
        min_num = 1


class ResourceSectionValue(blocks.StructValue):
    def visible_items(self) -> list:
        """The items a visitor sees: a library entry the public may not see (deleted,
        unpublished, not yet published) is left out rather than rendered as an empty row."""
        return [
            item
            for item in self.get("items") or []
            if item.block_type != "library_resource"
            or public_resource(item.value.get("resource")) is not None
        ]


class ResourceSectionBlock(blocks.StructBlock):
    """A titled list of resources for cities."""

    heading = blocks.CharBlock(max_length=120)
    intro = blocks.RichTextBlock(required=False, features=SHORT_RICH_TEXT_FEATURES)
    items = ResourceItemsBlock()

    class Meta:
        value_class = ResourceSectionValue
        icon = "folder-open-inverse"
        template = "equity/blocks/resource_section.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Resource section"
        group = "Resources"
        description = (
            "A heading, an introduction and a list of webinars, publications or organisations."
        )
        preview_value = {
            "heading": "Learning opportunities",
            "intro": "<p>Free to watch.</p>",
            "items": [("webinar", WEBINAR_PREVIEW)],
        }


class EquityLandingStreamBlock(blocks.StreamBlock):
    """Everything an Advancing Equity landing page's body can hold."""

    rich_text_section = RichTextSectionBlock()
    community_callout = CommunityCalloutBlock()
    featured_page_card = FeaturedPageCardBlock()
    resource_section = ResourceSectionBlock()


# --- The equity roadmap -----------------------------------------------------------------

ACTION_STATUSES = [
    ("planned", "Planned"),
    ("in_progress", "In progress"),
    ("complete", "Complete"),
    ("paused", "Paused"),
]
ACTION_STATUS_LABELS = dict(ACTION_STATUSES)
TARGET_PATTERN = re.compile(
    r"^(?P<year>\d{4})-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})-(?P<day>\d{2}))$"
)


def progress_summary(statuses: list[str]) -> dict:
    """Progress computed from the actions' statuses, never typed in by an editor."""
    counts = Counter(statuses)
    total = len(statuses)
    complete = counts["complete"]
    return {
        "complete": complete,
        "total": total,
        "percent": round(100 * complete / total) if total else 0,
        "by_status": {status: counts[status] for status, _ in ACTION_STATUSES},
    }


def target_label(target: str) -> str:
    """A target as people read it: 2025-Q3 → Q3 2025; 2025-06-30 → 30 June 2025."""
    match = TARGET_PATTERN.match(target or "")
    if not match:
        return target or ""
    if match["quarter"]:
        return f"Q{match['quarter']} {match['year']}"
    date = datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    return f"{date.day} {date:%B %Y}"


class TargetBlock(blocks.CharBlock):
    """A target date (2025-06-30) or quarter (2025-Q3)."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return value
        match = TARGET_PATTERN.match(value)
        if match and match["month"]:
            try:
                datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
            except ValueError:
                match = None
        if not match:
            raise ValidationError("Write a date as 2025-06-30 or a quarter as 2025-Q3.")
        return value


class RoadmapActionStructValue(blocks.StructValue):
    @property
    def status_label(self) -> str:
        return ACTION_STATUS_LABELS.get(self.get("status"), "")

    @property
    def target_label(self) -> str:
        return target_label(self.get("target"))

    @property
    def public_resource(self):
        """The evidence resource if the public may see it (see ``public_resource``)."""
        return public_resource(self.get("resource"))


class RoadmapActionBlock(blocks.StructBlock):
    """One planned action: what, who, by when, how far along, and the evidence."""

    title = blocks.CharBlock(max_length=200)
    description = blocks.TextBlock(required=False)
    status = blocks.ChoiceBlock(choices=ACTION_STATUSES, default="planned")
    target = TargetBlock(
        required=False, max_length=10, help_text="A date (2025-06-30) or a quarter (2025-Q3)."
    )
    owner_team = blocks.CharBlock(max_length=120, help_text="The team responsible.")
    evidence_url = SafeURLBlock(
        required=False, label="Evidence link", help_text="A report or page showing progress…"
    )
    resource = ResourceChooserBlock(required=False, help_text="…or a resource from the library.")

    class Meta:
        # A neutral icon (a tick suggested every action was done), and the title and status
        # in the collapsed header, so a priority's actions read at a glance.
        icon = "list-ul"
        label = "Action"
        label_format = "{title} · {status}"
        value_class = RoadmapActionStructValue

    def clean(self, value):
        value = super().clean(value)
        if value.get("evidence_url") and value.get("resource") is not None:
            message = "Give an evidence link or a library resource, not both."
            raise StructBlockValidationError(
                block_errors={
                    "evidence_url": ValidationError(message),
                    "resource": ValidationError(message),
                }
            )
        return value

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        representation["status_label"] = value.status_label
        representation["target_label"] = value.target_label
        return representation


class PriorityStructValue(blocks.StructValue):
    @cached_property
    def progress(self) -> dict:
        return progress_summary([action.get("status") for action in self.get("actions")])


class PriorityBlock(blocks.StructBlock):
    """A roadmap priority and the actions that deliver it."""

    title = blocks.CharBlock(max_length=200)
    summary = blocks.TextBlock()
    actions = blocks.ListBlock(RoadmapActionBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "equity/blocks/priority.html"
        preview_template = PREVIEW_TEMPLATE
        label = "Priority"
        value_class = PriorityStructValue
        description = "A priority with its actions, their status, target and owner."
        preview_value = {
            "title": "Education",
            "summary": "Help city leaders build the knowledge to act.",
            "actions": [
                {
                    "title": "Run an introductory webinar series",
                    "status": "complete",
                    "target": "2021-Q2",
                    "owner_team": "Member engagement",
                },
                {
                    "title": "Publish a glossary of equity terms",
                    "status": "in_progress",
                    "target": "2026-Q1",
                    "owner_team": "Policy",
                },
            ],
        }

    def get_api_representation(self, value, context=None):
        representation = super().get_api_representation(value, context)
        representation["progress"] = value.progress
        return representation


class RoadmapStreamBlock(blocks.StreamBlock):
    """A roadmap's priorities, in the order the editor sets."""

    priority = PriorityBlock()

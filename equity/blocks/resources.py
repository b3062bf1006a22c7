"""Resources for cities: webinars, publications and organisations typed in place, entries of
the resource library (``equity.Resource``) chosen through its chooser, and the resource
section that lists them."""

import datetime

from django.apps import apps
from django.utils.functional import cached_property
from wagtail import blocks

from ..choosers import resource_chooser_viewset
from ..library_translation import reader_version
from ..rich_text import SHORT_RICH_TEXT_FEATURES
from ..validators import SafeURLBlock
from .base import PREVIEW_TEMPLATE, package_paths

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


DECONSTRUCT_ALIASES = package_paths(ResourceChooserBlock)

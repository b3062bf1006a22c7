"""The equity roadmap's blocks: priorities and their actions (status, target, owner, evidence),
with progress computed by ``equity.roadmap``."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..roadmap import (
    ACTION_STATUS_LABELS,
    ACTION_STATUSES,
    TARGET_PATTERN,
    progress_summary,
    target_label,
)
from ..validators import SafeURLBlock
from .base import PREVIEW_TEMPLATE, package_paths
from .resources import ResourceChooserBlock, public_resource


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


DECONSTRUCT_ALIASES = package_paths(TargetBlock)

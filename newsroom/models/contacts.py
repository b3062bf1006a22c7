"""Media contacts: the people journalists can call or write to about a release (a snippet
with drafts, history, preview and scheduling)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from wagtail.admin.panels import FieldPanel, FieldRowPanel, PublishingPanel
from wagtail.models import DraftStateMixin, PreviewableMixin, RevisionMixin
from wagtail.search import index

from equity.forms import ScheduleModelForm
from equity.models.mixins import LiveBaselineRevisionMixin

phone_validator = RegexValidator(
    r"^\+?[0-9()\-.\s]{7,25}$",
    message="Enter a phone number of 7 to 25 characters using digits, spaces, brackets, dots "
    "or dashes, with an optional leading + (for example +1 916-555-0134).",
)


def validate_phone_digits(value: str) -> None:
    digits = sum(character.isdigit() for character in value)
    if digits < 7:
        raise ValidationError(
            "A phone number needs at least 7 digits (for example 916-555-0134).", code="phone"
        )


def public_contacts(links) -> list:
    """The contacts of a release's contact links that the public may see (published), in
    the editor's order."""
    return [link.contact for link in links if link.contact.live]


class MediaContact(
    LiveBaselineRevisionMixin,
    DraftStateMixin,
    RevisionMixin,
    PreviewableMixin,
    index.Indexed,
    models.Model,
):
    """A person journalists can call or write to about a release.

    Edited as a Wagtail snippet with drafts, history, preview and scheduling: releases show
    the published version only (``live``); a draft edit goes public when it is published."""

    name = models.CharField(max_length=120)
    role = models.CharField(
        max_length=160, blank=True, help_text="For example: Communications Director."
    )
    organisation = models.CharField(max_length=160, blank=True)
    phone = models.CharField(
        max_length=25, blank=True, validators=[phone_validator, validate_phone_digits]
    )
    email = models.EmailField(blank=True, help_text="For example: press@example.org.")

    panels = [
        FieldPanel("name"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        PublishingPanel(),
    ]
    base_form_class = ScheduleModelForm
    search_fields = [
        index.SearchField("name"),
        index.SearchField("organisation"),
        index.SearchField("role"),
        index.AutocompleteField("name"),
        index.FilterField("organisation"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "media contact"

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name

    def clean(self):
        super().clean()
        if not self.phone and not self.email:
            message = "Give a phone number or an email address (or both) so journalists can "
            message += "reach this contact."
            raise ValidationError({"phone": message, "email": message})

    def get_preview_template(self, request, mode_name):
        return "newsroom/media_contact_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "contact": self}

    def api_representation(self) -> dict:
        return {
            "name": self.name,
            "role": self.role,
            "organisation": self.organisation,
            "phone": self.phone,
            "email": self.email,
        }

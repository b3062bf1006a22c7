"""Publish webhooks: the endpoints editors configure and the log of every delivery.

The sending lives in ``equity.webhooks``; these are the admin-managed records.
"""

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel

WEBHOOK_EVENTS = [
    ("published", "Published (pages and library resources)"),
    ("unpublished", "Unpublished (pages)"),
    (
        "updated",
        "Updated (live pages changed by something they show: a library resource, a contact, "
        "an image, a setting; moved; made public or private)",
    ),
    ("deleted", "Deleted (pages and library resources)"),
]
EVENT_NAMES = [name for name, _ in WEBHOOK_EVENTS]


def all_events() -> list[str]:
    return list(EVENT_NAMES)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def validate_events(value) -> None:
    if not isinstance(value, list) or not value or set(value) - set(EVENT_NAMES):
        raise ValidationError(f"Choose one or more of: {', '.join(EVENT_NAMES)}.")


class WebhookEndpointForm(WagtailAdminModelForm):
    events = forms.MultipleChoiceField(
        choices=WEBHOOK_EVENTS,
        widget=forms.CheckboxSelectMultiple,
        help_text="Which changes are sent to this address.",
    )


class WebhookEndpoint(models.Model):
    """An address that receives a signed JSON POST when content is published or removed."""

    name = models.CharField(max_length=120, help_text="Who receives it, e.g. “City website”.")
    url = models.URLField(
        "URL",
        max_length=500,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="An http:// or https:// address that accepts POST requests.",
    )
    secret = models.CharField(
        max_length=200,
        default=new_secret,
        help_text="Shared with the receiver, which checks the X-Webhook-Signature header "
        "(HMAC-SHA256 of the body) with it. Generated for you; change it to rotate.",
    )
    events = models.JSONField(default=all_events, validators=[validate_events])
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    base_form_class = WebhookEndpointForm
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        FieldPanel("events"),
        FieldPanel("active"),
    ]

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = "webhook endpoint"

    def __str__(self) -> str:
        return f"{self.name} ({self.url})"

    def clean(self):
        from ..headless.destinations import check_url

        super().clean()
        try:
            check_url(self.url or "")
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from None

    def wants(self, event: str) -> bool:
        return self.active and event in (self.events or [])


class WebhookDelivery(models.Model):
    """One event sent (or being sent) to one endpoint: the log editors see in the admin."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        RETRYING = "retrying", "Retrying"
        SUCCEEDED = "succeeded", "Succeeded"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=120)
    object_id = models.CharField(max_length=40)
    title = models.CharField(max_length=255, blank=True)
    payload = models.JSONField()
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    response_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # What went wrong, in the site's own words: never the receiver's answer, which may hold
    # its secrets (and, from an internal service, would tell what runs where).
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "webhook delivery"
        verbose_name_plural = "webhook deliveries"

    def __str__(self) -> str:
        return f"{self.event} {self.object_type} {self.object_id} → {self.endpoint.name}"

"""Signal wiring of the plugin: publish webhooks for pages and library resources."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.signals import page_published, page_unpublished

from . import webhooks
from .models import Resource


def connect() -> None:
    """Connect the receivers (idempotent: each has a dispatch_uid)."""
    page_published.connect(webhooks.on_page_published, dispatch_uid="equity-webhook-published")
    page_unpublished.connect(
        webhooks.on_page_unpublished, dispatch_uid="equity-webhook-unpublished"
    )
    # pre_delete: the page's address and type are still readable. Sent once per page (the
    # base Page row), also for each descendant of a deleted page.
    pre_delete.connect(
        webhooks.on_page_deleted,
        sender=webhooks.page_model(),
        dispatch_uid="equity-webhook-page-deleted",
    )
    post_save.connect(
        webhooks.on_resource_saved, sender=Resource, dispatch_uid="equity-webhook-resource"
    )
    post_delete.connect(
        webhooks.on_resource_deleted,
        sender=Resource,
        dispatch_uid="equity-webhook-resource-deleted",
    )

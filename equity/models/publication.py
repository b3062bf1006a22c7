"""The record of every committed change to what the public can see.

``equity.headless.publication`` writes one ``PublicationRecord`` after each transaction that
changed public content commits. The newest row is the site's *content version* (its ``pk``,
which every response and content cache keys on) and its ``changed_at`` is the
``Last-Modified`` of every public response. Both come from the database, so every process —
each gunicorn worker, ``publish_scheduled`` run from cron, the task worker, a shell — agrees
on them with or without a shared cache.
"""

from django.db import models


class PublicationRecord(models.Model):
    """One committed change of public content (a publish, an unpublish, a move, a delete, a
    privacy change, or an edit of a shared object that live pages show)."""

    changed_at = models.DateTimeField(
        help_text="When the change committed, in whole seconds; strictly later than the "
        "previous record, since HTTP dates have one-second precision."
    )
    reason = models.CharField(
        max_length=255, help_text='What changed, e.g. "page.published" or "equity.Resource".'
    )

    class Meta:
        get_latest_by = "pk"
        verbose_name = "publication record"

    def __str__(self) -> str:
        return f"{self.reason} at {self.changed_at:%Y-%m-%d %H:%M:%S}"

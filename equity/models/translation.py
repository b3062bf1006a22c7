"""Which version of its source each translated page or library resource reflects
(translation parity).

A page or resource written in the default language is the *source*; its copies in other
locales (Wagtail's ``translation_key`` ties them together) are its *translations*. The records
below say which of the source's revisions the live translation was brought in line with; the
status (up to date, stale since when and in which fields, missing) is computed from them in
``equity.translation``.
"""

import swapper
from django.conf import settings
from django.db import models

swapper.set_app_prefix("wagtailcore", "wagtail")


class BaseTranslationBasis(models.Model):
    """``source_revision`` is the source's revision the *published* translation reflects.
    ``synced_revision`` is set when an editor marks the translation as synced with the
    source's current version; it becomes ``source_revision`` when the translation is next
    published (sync, then publish: readers only ever see what was reviewed).
    """

    source_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    synced_revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    synced_at = models.DateTimeField(null=True, blank=True)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    # The name of the one-to-one field to the translated object.
    translated_field = ""

    class Meta:
        abstract = True


class TranslationBasis(BaseTranslationBasis):
    """One per translated page."""

    page = models.OneToOneField(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        related_name="translation_basis",
    )
    translated_field = "page"

    class Meta:
        verbose_name = "translation basis"

    def __str__(self) -> str:
        return f"Translation basis of page {self.page_id}"


class ResourceTranslationBasis(BaseTranslationBasis):
    """One per translated library resource."""

    resource = models.OneToOneField(
        "equity.Resource", on_delete=models.CASCADE, related_name="translation_basis"
    )
    translated_field = "resource"

    class Meta:
        verbose_name = "resource translation basis"

    def __str__(self) -> str:
        return f"Translation basis of resource {self.resource_id}"

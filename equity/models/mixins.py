"""Page-type rules and fields shared by the plugin's page types (the newsroom uses them too)."""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.images import get_image_model_string

from ..headless.publication import AtomicPublicationMixin


class LiveRevisionMixin(AtomicPublicationMixin):
    """Keep ``live_revision`` true to the page row when Wagtail rebuilds a page from one of
    its revisions (and, as every plugin page has this mixin, publish atomically: see
    ``AtomicPublicationMixin``).

    Wagtail 8.0's ``Page.with_content_json`` keeps the row's ``live`` flag but takes
    ``live_revision`` from the revision's stored content: the revision that was live when
    that content was saved. Saving a draft of an unpublished page (the admin then saves the
    whole row) therefore pointed ``live_revision`` back at an old revision, so the history
    called it the "Live version" of a page that is not live, and scheduling that draft (an
    embargo) took Wagtail's "already live" path and left the row unchanged. Publishing sets
    ``live_revision`` itself afterwards, so keeping the row's value is always right here.
    Found by the soak test (``bench/soak.py``)."""

    def with_content_json(self, content):
        page = super().with_content_json(content)
        page.live_revision_id = self.live_revision_id
        return page


class OnePerSiteMixin:
    """Allow one page of this type per site: creating a second anywhere in the same site is
    refused (the admin does not offer it)."""

    @classmethod
    def can_create_at(cls, parent) -> bool:
        if not super().can_create_at(parent):
            return False
        site_root = parent if parent.depth <= 2 else parent.get_ancestors().get(depth=2)
        return not cls.objects.descendant_of(site_root, inclusive=True).exists()


class HeroImageMixin(models.Model):
    """A wide image at the top of a page, with alt text that cannot be left out: typed for
    this page, or else the description stored with the image."""

    hero_image = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A wide image at the top of the page, at least 1600 × 600 pixels. It is "
        "cropped to fit, so keep what matters near the centre.",
    )
    hero_image_alt = models.CharField(
        "hero image alt text",
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Leave blank to use the "
        "description stored with the image; one of the two is required.",
    )

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.hero_image and not self.hero_alt_text:
            raise ValidationError(
                {
                    "hero_image_alt": "Describe the hero image for people who cannot see it "
                    "(or give the image a description in the image library)."
                }
            )

    @property
    def hero_alt_text(self) -> str:
        """The page's own alt text, else the image's description; never the image's title,
        which is usually a file name and says nothing to a screen-reader user."""
        if self.hero_image is None:
            return ""
        return self.hero_image_alt or getattr(self.hero_image, "description", "")

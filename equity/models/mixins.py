"""Page-type rules and fields shared by the plugin's page types (the newsroom uses them too)."""

import datetime

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
    """Allow one page of this type per site: creating, copying or moving a second anywhere in
    the same site is refused (the admin does not offer it, and says why when asked; see
    ``page_count_refusal``)."""

    @classmethod
    def same_site_page(cls, parent, exclude=None):
        """The page of this type already in ``parent``'s site (other than ``exclude``), or
        ``None``."""
        site_root = parent if parent.depth <= 2 else parent.get_ancestors().get(depth=2)
        pages = cls.objects.descendant_of(site_root, inclusive=True)
        if exclude is not None:
            pages = pages.exclude(pk=exclude.pk)
        return pages.first()

    @classmethod
    def can_create_at(cls, parent) -> bool:
        if not super().can_create_at(parent):
            return False
        return cls.same_site_page(parent) is None

    def can_move_to(self, parent) -> bool:
        if not super().can_move_to(parent):
            return False
        return type(self).same_site_page(parent, exclude=self) is None


def page_count_refusal(page_class, parent, page=None) -> str | None:
    """Why a page of ``page_class`` cannot be added (copied, or moved when ``page`` is given)
    under ``parent`` because of a one-per-site or a maximum-count rule, in an editor's words;
    ``None`` when no such rule refuses it (another reason may still apply).

    Wagtail itself only says "You do not have permission to copy to page …", even to a
    superuser, which sends editors looking for a permission nobody can give them."""
    name = page_class._meta.verbose_name
    parent_title = parent.specific_deferred.get_admin_display_title()
    if not page_class.can_exist_under(parent):
        return None
    if issubclass(page_class, OnePerSiteMixin):
        existing = page_class.same_site_page(parent, exclude=page)
        if existing is not None:
            return (
                f"A site can have only one {name}, and this site already has one "
                f"(“{existing.get_admin_display_title()}”). Choose a place in another site, "
                "or add a content page for new content."
            )
    per_parent = page_class.max_count_per_parent
    if per_parent is not None:
        siblings = parent.get_children().type(page_class)
        if page is not None:
            siblings = siblings.not_page(page)
        if siblings.count() >= per_parent:
            return (
                f"“{parent_title}” can have only {per_parent} {name} below it, and it already "
                "has one. Choose another place, or add a content page for new content."
            )
    limit = page_class.max_count
    if limit is not None and page is None and page_class.objects.count() >= limit:
        return (
            f"This site allows only {limit} {name} in all, and there already are as "
            "many. Add a content page for new content."
        )
    return None


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


class LiveBaselineRevisionMixin:
    """For snippets with ``DraftStateMixin``: a record that is live without a live revision
    (created before it had revisions, by a data migration, or in bulk by a loader) gets one
    recorded from its current row before its first publish through Wagtail.

    Wagtail reads ``live_revision`` (from the revision being published) to tell "already live"
    from "not yet live". Without a live revision, scheduling a change to such a record took
    the "not yet live" path: it unpublished the record at once and put the change live only
    at the scheduled time. The baseline is dated just before the revision being published, so
    that revision stays the latest."""

    def with_content_json(self, content):
        obj = super().with_content_json(content)
        # The row knows which revision is live; the revision's copy is from when it was saved.
        obj.live_revision_id = self.live_revision_id
        return obj

    def publish(self, revision, *args, **kwargs):
        if self.pk is not None and self.live and self.live_revision_id is None:
            row = type(self).objects.get(pk=self.pk)
            baseline = row.save_revision(log_action=False, clean=False)
            type(baseline).objects.filter(pk=baseline.pk).update(
                created_at=revision.created_at - datetime.timedelta(microseconds=1)
            )
            type(self).objects.filter(pk=self.pk).update(
                live_revision=baseline, latest_revision=revision
            )
            self.live_revision_id = baseline.pk
            self.latest_revision_id = revision.pk
        return super().publish(revision, *args, **kwargs)

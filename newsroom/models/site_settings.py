"""The newsroom's site setting: the organisation's "About" paragraph, edited once per site and
per language, printed at the foot of every release."""

from django.conf import settings
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Orderable


@register_setting(icon="doc-full")
class NewsroomSettings(ClusterableModel, BaseSiteSetting):
    """The organisation's standard paragraph, printed at the foot of every release; written
    once per language (the default language here, the others under "In other languages")."""

    about_heading = models.CharField(
        max_length=160, blank=True, help_text="For example: About the League of California Cities."
    )
    about_text = RichTextField(
        blank=True,
        features=["bold", "italic", "link"],
        help_text="The organisation's standard “About” paragraph.",
    )

    panels = [
        FieldPanel("about_heading"),
        FieldPanel("about_text"),
        InlinePanel(
            "about_translations",
            heading="In other languages",
            label="Translation",
            help_text="The paragraph as printed on releases in that language; a language "
            "without one shows the paragraph above.",
        ),
    ]

    class Meta:
        verbose_name = "newsroom settings"

    def about_for(self, locale) -> tuple[str, str]:
        """``(heading, text)`` for releases in ``locale``: its translation when there is one,
        else the default paragraph. No query for the default language."""
        if locale is not None and locale.language_code != settings.LANGUAGE_CODE:
            translation = self.about_translations.filter(locale=locale).first()
            if translation is not None and translation.text:
                return translation.heading or self.about_heading, translation.text
        return self.about_heading, self.about_text


class NewsroomAboutTranslation(Orderable):
    """The About paragraph in another language."""

    settings = ParentalKey(
        NewsroomSettings, on_delete=models.CASCADE, related_name="about_translations"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    heading = models.CharField(max_length=160, blank=True)
    text = RichTextField(blank=True, features=["bold", "italic", "link"])

    panels = [FieldPanel("locale"), FieldPanel("heading"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        verbose_name = "About paragraph translation"
        constraints = [
            models.UniqueConstraint(
                fields=["settings", "locale"], name="newsroom_about_one_per_locale"
            )
        ]

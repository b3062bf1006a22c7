"""Library resources and topics become translatable (Wagtail's ``TranslatableMixin``).

Every existing resource and topic is kept, in the default language: the standard three steps
of adding ``locale`` and ``translation_key`` to rows that already exist (add them nullable,
give each row the default language's Locale and a key of its own, then make them required
and unique together). Topic names and slugs become unique within a language. Resources get
the record of which source revision a translation reflects (``ResourceTranslationBasis``).
"""

import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.utils.translation import get_supported_language_variant


def default_locale(Locale):
    """The Locale of ``settings.LANGUAGE_CODE`` (or of a variant of it, like the "en-us" of a
    database from before languages were configured, which a later migration renames), else
    the first Locale, else a new one."""
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is not None:
        return locale
    for candidate in Locale.objects.order_by("pk"):
        try:
            if get_supported_language_variant(candidate.language_code) == settings.LANGUAGE_CODE:
                return candidate
        except LookupError:
            continue
    return Locale.objects.order_by("pk").first() or Locale.objects.create(
        language_code=settings.LANGUAGE_CODE
    )


def populate_locale_and_translation_key(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for name in ("Topic", "Resource"):
        model = apps.get_model("equity", name)
        rows = model.objects.filter(models.Q(locale__isnull=True) | models.Q(translation_key=None))
        if not rows.exists():
            continue
        locale = default_locale(Locale)
        for pk in rows.values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(locale=locale, translation_key=uuid.uuid4())


def locale_field(null: bool):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="wagtailcore.locale",
        verbose_name="locale",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("equity", "0010_merge_resource_card_fields"),
        ("wagtailcore", "0098_apitoken"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # 1. Nullable, so existing rows can be added to.
        *[
            operation
            for model_name in ("resource", "topic")
            for operation in (
                migrations.AddField(model_name, "locale", locale_field(null=True)),
                migrations.AddField(
                    model_name, "translation_key", models.UUIDField(editable=False, null=True)
                ),
            )
        ],
        # 2. Each existing row in the default language, with a key of its own.
        migrations.RunPython(populate_locale_and_translation_key, migrations.RunPython.noop),
        # 3. Required and unique together, as TranslatableMixin declares them.
        *[
            operation
            for model_name in ("resource", "topic")
            for operation in (
                migrations.AlterField(model_name, "locale", locale_field(null=False)),
                migrations.AlterField(
                    model_name,
                    "translation_key",
                    models.UUIDField(default=uuid.uuid4, editable=False),
                ),
                migrations.AlterUniqueTogether(model_name, {("translation_key", "locale")}),
            )
        ],
        migrations.AlterField(
            model_name="topic", name="name", field=models.CharField(max_length=80)
        ),
        migrations.AlterField(
            model_name="topic",
            name="slug",
            field=models.SlugField(help_text="Used in filter addresses.", max_length=80),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("slug", "locale"), name="equity_topic_slug_per_locale"
            ),
        ),
        migrations.AddConstraint(
            model_name="topic",
            constraint=models.UniqueConstraint(
                fields=("name", "locale"), name="equity_topic_name_per_locale"
            ),
        ),
        migrations.CreateModel(
            name="ResourceTranslationBasis",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("synced_at", models.DateTimeField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "resource",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="translation_basis",
                        to="equity.resource",
                    ),
                ),
                (
                    "source_revision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                    ),
                ),
                (
                    "synced_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "synced_revision",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                    ),
                ),
            ],
            options={"verbose_name": "resource translation basis"},
        ),
    ]

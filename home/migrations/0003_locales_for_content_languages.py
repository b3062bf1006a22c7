"""A Locale for every content language (settings.WAGTAIL_CONTENT_LANGUAGES).

Databases created before translations were turned on have one Locale, named after the old
LANGUAGE_CODE ("en-us"); it becomes the default language's Locale ("en"), keeping every page.
Each other configured language gets its Locale. Safe to run again (a later language added to
CONTENT_LANGUAGES can also be added under Settings → Locales).
"""

from django.conf import settings
from django.db import migrations
from django.utils.translation import get_supported_language_variant


def locales_for_content_languages(apps, schema_editor):
    Locale = apps.get_model("wagtailcore.Locale")
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    default = settings.LANGUAGE_CODE
    if not Locale.objects.filter(language_code=default).exists():
        for locale in Locale.objects.exclude(language_code__in=codes):
            # "en-us" is a variant of "en": the same content, under the configured name.
            try:
                variant_of_default = get_supported_language_variant(locale.language_code) == default
            except LookupError:
                variant_of_default = False
            if variant_of_default:
                locale.language_code = default
                locale.save(update_fields=["language_code"])
                break
    for code in codes:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]

    operations = [migrations.RunPython(locales_for_content_languages, migrations.RunPython.noop)]

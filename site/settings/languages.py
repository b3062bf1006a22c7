"""Languages: the ones content is written in, the default one, and the translations."""

from django.utils.translation import get_language_info

from .env import PROJECT_DIR, env_list

# Content is written in CONTENT_LANGUAGES (comma-separated Django language codes; the first is
# the default, the language of the unprefixed addresses); every other language is served
# under its prefix: /es/…  A new language also needs its Locale (Settings → Locales, or
# `manage.py migrate`, which adds a Locale for every configured language).
CONTENT_LANGUAGES = env_list("CONTENT_LANGUAGES", "en,es")
LANGUAGE_CODE = CONTENT_LANGUAGES[0]
# Each language is named in itself in the language switcher ("Español", not "Spanish").
LANGUAGES = [
    (
        code,
        get_language_info(code)["name_local"][:1].upper()
        + get_language_info(code)["name_local"][1:],
    )
    for code in CONTENT_LANGUAGES
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The project's own templates (site/templates); each app ships its own locale/ folder.
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Which languages the Wagtail admin itself may be shown in stays Wagtail's default (all).

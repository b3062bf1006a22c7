"""Stemming in each page's own language on PostgreSQL.

Wagtail's PostgreSQL search backend indexes and queries everything with one text search
configuration (``SEARCH_CONFIG``). With Spanish pages that stems "ciudades" as English would
and misses "ciudad". Here each object is indexed with the configuration of its locale
(``SEARCH_LANGUAGE_CONFIGS``: ``{"en": "english", "es": "spanish"}`` by default), and a search
uses the configuration of the active language (the address's: ``/es/search/`` is Spanish) when
the searched model is translatable, the default language's otherwise (library resources are
written in the default language). SQLite's FTS5 backend has no stemming to configure.
"""

from collections import defaultdict

from django.conf import settings
from django.utils.translation import get_language

DEFAULT_CONFIGS = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "pt": "portuguese",
}


def language_configs() -> dict[str, str]:
    return {**DEFAULT_CONFIGS, **getattr(settings, "SEARCH_LANGUAGE_CONFIGS", {})}


def config_for_language(language_code: str | None, fallback: str | None) -> str | None:
    """The PostgreSQL text search configuration for a language (``es-mx`` → ``es``); languages
    without one (Chinese, Vietnamese, Korean, Tagalog) use ``simple``: no stemming."""
    if not language_code:
        return fallback
    configs = language_configs()
    code = language_code.lower()
    return configs.get(code) or configs.get(code.split("-")[0]) or "simple"


class _WithConfig:
    """The backend, seen by Wagtail's object indexer with another ``config``."""

    def __init__(self, backend, config):
        self._backend = backend
        self.config = config

    def __getattr__(self, name):
        return getattr(self._backend, name)


def locale_aware_backend_class(backend_class):
    """A subclass of Wagtail's PostgreSQL backend class with per-language configurations."""
    from wagtail.models import Locale

    base_index = backend_class.index_class
    base_compiler = backend_class.query_compiler_class

    class LocaleAwareIndex(base_index):
        def add_items(self, model, objs):
            default = config_for_language(settings.LANGUAGE_CODE, self.backend.config)
            translatable = hasattr(model, "locale_id")
            codes = dict(Locale.objects.values_list("pk", "language_code")) if translatable else {}
            groups = defaultdict(list)
            for obj in objs:
                code = codes.get(getattr(obj, "locale_id", None))
                groups[config_for_language(code, default) if code else default].append(obj)
            backend = self.backend
            try:
                for config, group in groups.items():
                    self.backend = _WithConfig(backend, config)
                    super().add_items(model, group)
            finally:
                self.backend = backend

    class LocaleAwareQueryCompiler(base_compiler):
        def get_config(self, backend):
            model = getattr(self.queryset, "model", None)
            language = get_language() if hasattr(model, "locale_id") else settings.LANGUAGE_CODE
            return config_for_language(language, backend.config)

    return type(
        f"LocaleAware{backend_class.__name__}",
        (backend_class,),
        {"index_class": LocaleAwareIndex, "query_compiler_class": LocaleAwareQueryCompiler},
    )

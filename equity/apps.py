from django.apps import AppConfig


class EquityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "equity"
    verbose_name = "Advancing Equity"

    def ready(self):
        # Before the API's URLs are imported (they build the v3 schemas): type StreamFields.
        from . import api_schema, content_cache, signals, translation

        api_schema.install()
        signals.connect()
        content_cache.connect()
        translation.connect()

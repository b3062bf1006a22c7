from django.apps import AppConfig


class EquityConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "equity"
    verbose_name = "Advancing Equity"

    def ready(self):
        # Before the API's URLs are imported (they build the v3 schemas): type StreamFields.
        from . import (
            api_schema,
            library_translation,
            spreadsheets,
            translation_sync,
            webhooks,
        )
        from .headless import publication, representations
        from .models import (
            Resource,
            ResourceLibraryPage,
            ResourceTranslationBasis,
            Topic,
            TranslationBasis,
        )

        api_schema.install()
        # The library's CSV export, and every other CSV export of the admin, formula-safe.
        spreadsheets.install()
        publication.connect()
        # The library's records: every library page lists them all, and pages choose them.
        publication.register(
            Resource,
            listed_by=[ResourceLibraryPage],
            # A page choosing one language's version shows the reader's: it follows them all.
            dependents=library_translation.pages_choosing_a_translation,
            api_paths=publication.resource_api_paths,
        )
        publication.register(
            Topic, listed_by=[ResourceLibraryPage], api_paths=publication.resource_api_paths
        )
        # Translation parity (``translation_status``): an editor's sync, or a new translation,
        # changes what the API says of the translation and of its source, without a publish.
        publication.register(TranslationBasis, dependents=translation_sync.pages_of_basis)
        publication.register(
            ResourceTranslationBasis, api_paths=translation_sync.resource_api_paths_of_basis
        )
        # Stored representations: renewed for every page and record a change names.
        publication.content_changed.connect(
            representations.on_content_changed, dispatch_uid="equity.representations"
        )
        publication.content_changing.connect(
            webhooks.on_content_changing, dispatch_uid="equity.webhooks"
        )
        # Translations: syncs take effect on publish, copies start from their source.
        translation_sync.connect()

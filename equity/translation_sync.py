"""Recording that a translation is in line with its source (``equity.translation``'s parity):
an editor's sync, taking effect when the translation is next published, and the starting
point of a new translation (a copy reflects its source's live revision).

``connect()`` (from the app config) wires these to Wagtail's signals.
"""

from django.db.models import F
from django.utils import timezone

from .models.translation import ResourceTranslationBasis, TranslationBasis
from .translation import basis_model, is_page, source_of


def mark_synced(translation, user=None):
    """Record that ``translation`` (a page or resource) now says what its source's live
    revision says; it counts as up to date once it is published (``on_published``). Returns
    the basis record. Raises ``ValueError`` when there is no live source."""
    source = source_of(translation)
    if source is None or source.live_revision_id is None:
        raise ValueError("This translation has no live source to sync with.")
    model = basis_model(translation)
    basis, _created = model.objects.get_or_create(**{model.translated_field: translation})
    basis.synced_revision_id = source.live_revision_id
    basis.synced_at = timezone.now()
    basis.synced_by = user if user is not None and user.is_authenticated else None
    basis.save()
    return basis


def on_copy_for_translation_done(sender, source_obj, target_obj, **kwargs) -> None:
    """A new translation starts as a copy of its source's live content: it reflects the
    source's live revision (it still has to be translated and published to be read)."""
    if not is_page(target_obj):
        if isinstance(target_obj, ResourceTranslationBasis.resource.field.related_model):
            from .library_translation import prepare_translation_copy

            prepare_translation_copy(target_obj, source_of(target_obj) or source_obj)
        return
    source = source_of(target_obj) or source_obj
    TranslationBasis.objects.update_or_create(
        page=target_obj, defaults={"source_revision_id": source.live_revision_id}
    )


def on_published(sender, instance, revision=None, **kwargs) -> None:
    """Publishing a synced translation (page or resource) makes the synced source revision its
    basis."""
    model = basis_model(instance)
    if model is ResourceTranslationBasis and not isinstance(
        instance, model.resource.field.related_model
    ):
        return  # another snippet: no parity
    model.objects.filter(
        **{f"{model.translated_field}_id": instance.pk}, synced_revision__isnull=False
    ).update(source_revision=F("synced_revision"), synced_revision=None)


def pages_of_basis(basis) -> list:
    """The pages whose ``translation_status`` a page's ``TranslationBasis`` decides: the
    translation and its source (the publication pipeline's ``dependents`` of a basis)."""
    page = basis.page
    return [other for other in (page, source_of(page)) if other is not None]


def resource_api_paths_of_basis(basis) -> list[str | None]:
    """The API addresses a resource's ``ResourceTranslationBasis`` shows on: the resource's
    and its source's (the publication pipeline's ``api_paths`` of a basis)."""
    from .headless.changes import resource_api_paths

    resources = [basis.resource, source_of(basis.resource)]
    return [path for obj in resources if obj is not None for path in resource_api_paths(obj)]


def connect() -> None:
    from wagtail.signals import copy_for_translation_done, page_published, published

    from .library_translation import connect as connect_library

    copy_for_translation_done.connect(
        on_copy_for_translation_done, dispatch_uid="equity-translation-copied"
    )
    page_published.connect(on_published, dispatch_uid="equity-translation-published")
    published.connect(on_published, dispatch_uid="equity-translation-snippet-published")
    connect_library()

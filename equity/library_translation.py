"""Library resources in the reader's language.

A page chooses a resource once (usually the default language's); a reader sees, in its
place, *the chosen resource's live translation in the reader's language, else the chosen
resource if it is live, else nothing* (``reader_version``). The reader's language is the
page's: in HTML the address's language (``/es/…`` is Spanish, and only Spanish pages live
there); in the APIs the language of the page being serialised (``content_language``, set by
``ContentLanguagePageSerializer`` in v2 and by the StreamField resolver in v3). Listings
(library page, site search, the APIs' ``?locale=``) use ``Resource.objects.for_language``.

A new translation of a resource (``copy_for_translation``, the admin's "Translate") is a
draft: nothing of it is public until an editor publishes it. Its topics become their
translations in its language where those exist, and it starts in line with its source's live
revision (``equity.translation``'s parity).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.db.models.query import ModelIterable
from django.utils import translation

_content_language: ContextVar[str | None] = ContextVar("equity_content_language", default=None)


@contextmanager
def content_language(language_code: str) -> Iterator[None]:
    """Within the block, resources are shown as a reader of ``language_code`` sees them (the
    API serialising a page of that language), whatever language the request is in."""
    token = _content_language.set(language_code)
    try:
        yield
    finally:
        _content_language.reset(token)


def reader_language() -> str:
    """The language code resources are shown in now (see the module docstring)."""
    return _content_language.get() or translation.get_language() or settings.LANGUAGE_CODE


def _resource_model():
    # By name: the blocks import this module, and the models import the blocks.
    return apps.get_model("equity", "Resource")


def attach_reader_versions(resources: Iterable, language_code: str | None = None) -> None:
    """Find, in one query, the live translation in ``language_code`` (default: the reader's
    language) of each resource not already in it, for ``reader_version``. No query when
    every resource is in that language. Reads ``resource.locale`` (select it with the rows)."""
    language = language_code or reader_language()
    resources = list(resources)
    others = {r.translation_key for r in resources if r.locale.language_code != language}
    found = {}
    if others:
        found = {
            t.translation_key: t
            for t in _resource_model()
            .objects.public()
            .with_listing_data()
            .filter(locale__language_code=language, translation_key__in=others)
        }
    for resource in resources:
        resource.__dict__.setdefault("_reader_versions", {})[language] = found.get(
            resource.translation_key
        )


class ReaderVersionIterable(ModelIterable):
    """Rows of ``ResourceQuerySet.with_reader_versions()``: fetched, then given their reader
    versions in bulk."""

    def __iter__(self):
        resources = list(super().__iter__())
        attach_reader_versions(resources, getattr(self.queryset, "_reader_language", None))
        yield from resources


def reader_version(resource, language_code: str | None = None):
    """What a reader of ``language_code`` (default: the reader's language) sees of a chosen
    ``resource``: its live translation in that language, else the resource itself if it is
    live, else ``None`` (deleted, never published, unpublished or expired)."""
    if resource is None:
        return None
    language = language_code or reader_language()
    versions = resource.__dict__.get("_reader_versions", {})
    if language not in versions:
        attach_reader_versions([resource], language)
        versions = resource.__dict__["_reader_versions"]
    translated = versions[language]
    if translated is not None:
        return translated
    return resource if getattr(resource, "live", True) else None


def pages_choosing_a_translation(resource) -> list:
    """The pages that choose another language's version of ``resource``: they show it in its
    place (``reader_version``), so they change when it does (the publication pipeline's
    ``dependents`` for resources; it keeps only the live, public ones)."""
    from wagtail.models import ReferenceIndex

    from .translation import page_model

    page_ids = set()
    for other in resource.get_translations().only("pk"):
        for reference in ReferenceIndex.get_references_to(other).select_related(
            "base_content_type"
        ):
            model = reference.base_content_type.model_class()
            if model is not None and issubclass(model, page_model()):
                page_ids.add(int(reference.object_id))
    return list(page_model().objects.filter(pk__in=page_ids))


# --- New translations ------------------------------------------------------------------------


def prepare_translation_copy(target, source) -> None:
    """Make an unsaved copy of a resource (``copy_for_translation``) a draft translation of
    ``source`` (its default-language version): not live, no schedule, no lock, topics in its
    language where translated; its parity starts from ``source``'s live revision (recorded
    once it is saved, ``on_resource_saved``)."""
    Topic = apps.get_model("equity", "Topic")
    target.live = False
    target.has_unpublished_changes = True
    target.live_revision = target.latest_revision = None
    target.first_published_at = target.last_published_at = None
    target.go_live_at = target.expire_at = None
    target.expired = False
    target.locked, target.locked_at, target.locked_by = False, None, None
    target._translation_source_revision_id = getattr(source, "live_revision_id", None)
    topics = list(target.topics.all())
    translated = {
        topic.translation_key: topic
        for topic in Topic.objects.filter(
            locale_id=target.locale_id, translation_key__in=[t.translation_key for t in topics]
        )
    }
    target.topics = [translated.get(topic.translation_key, topic) for topic in topics]


def on_resource_saved(sender, instance, created=False, **kwargs) -> None:
    if not created or not hasattr(instance, "_translation_source_revision_id"):
        return
    apps.get_model("equity", "ResourceTranslationBasis").objects.update_or_create(
        resource=instance,
        defaults={"source_revision_id": instance.__dict__.pop("_translation_source_revision_id")},
    )


def connect() -> None:
    from django.db.models.signals import post_save

    post_save.connect(
        on_resource_saved, sender=_resource_model(), dispatch_uid="equity-resource-translated"
    )

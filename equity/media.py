"""Which images and documents the public may discover: the one rule for media privacy.

An image or document is **public** when

- its collection (and every ancestor collection) has no view restriction, and
- something public uses it: a live page without a view restriction on it or an ancestor
  (``PageQuerySet.live().public()``), or any object that is not a page (a library resource,
  a media contact, a site setting — shown wherever they are shown), according to Wagtail's
  reference index.

So the chart of an embargoed, draft, scheduled, private or password-protected release — or
an upload nothing uses yet — is not listed by the images and documents APIs and its files
are not served to anonymous visitors, until a public live page uses it. People who may use
the Wagtail admin see everything (``may_see_all_media``).

``public_media(queryset)`` narrows an image or document queryset (a subquery, no rows
fetched); ``is_public_media(obj)`` answers for one.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, CharField, Q
from django.db.models.functions import Cast
from wagtail.models import CollectionViewRestriction, ReferenceIndex


def _page_model():
    import swapper

    return swapper.load_model("wagtailcore", "Page")


def restricted_collection_paths() -> list[str]:
    return list(CollectionViewRestriction.objects.values_list("collection__path", flat=True))


def used_publicly(queryset):
    """``queryset`` (images or documents) narrowed to those something public uses."""
    model = queryset.model
    Page = _page_model()
    page_type = ContentType.objects.get_for_model(Page)
    public_pages = Page.objects.live().public().annotate(key=Cast("pk", CharField())).values("key")
    references = (
        ReferenceIndex.objects.filter(
            Q(base_content_type=page_type, object_id__in=public_pages)
            | ~Q(base_content_type=page_type),
            to_content_type=ContentType.objects.get_for_model(model),
        )
        # Only rows of this model's (integer) keys reach the cast. The queryset itself is
        # left without annotations: Wagtail's search backends refuse annotated querysets.
        .annotate(target=Cast("to_object_id", BigIntegerField()))
        .values("target")
    )
    return queryset.filter(pk__in=references)


def public_media(queryset):
    """``queryset`` (images or documents) narrowed to the public ones (see the module)."""
    queryset = used_publicly(queryset)
    for path in restricted_collection_paths():
        queryset = queryset.exclude(collection__path__startswith=path)
    return queryset


def is_public_media(obj) -> bool:
    return public_media(type(obj).objects.filter(pk=obj.pk)).exists()


def may_serve_media(obj, request) -> bool:
    """Whether ``request`` may fetch ``obj``'s file(s): editors always; anyone else when its
    collection's view restrictions accept the request (login, group, or a password already
    given) and something public uses it."""
    if may_see_all_media(getattr(request, "user", None)):
        return True
    if not all(r.accept_request(request) for r in obj.collection.get_view_restrictions()):
        return False
    return used_publicly(type(obj).objects.filter(pk=obj.pk)).exists()


def may_see_all_media(user) -> bool:
    """Editors (anyone who may use the admin) see every image and document."""
    return user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin")

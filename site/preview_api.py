"""``GET /api/v3/preview/?content_type=app.model&token=…``: a draft for an external front end.

wagtail-headless-preview stores the draft an editor previews (``PagePreview``) under a signed,
timestamped token and sends the editor's browser to the front end (``HEADLESS_PREVIEW_CLIENT_URL``)
with ``?content_type=…&token=…``. The front end calls this endpoint with the same two values and
gets the draft in exactly the shape of ``/api/v3/pages/{id}/``, except that a page that was
never saved (previewed from the admin's create view) has no id yet: its ``id`` is ``null``.

No token, a forged or expired token (``HEADLESS_PREVIEW_TOKEN_MAX_AGE`` seconds), or a token
for another page type reveals nothing: 403 for a bad token, 404 for an unknown preview.
Responses are marked ``never_cache`` by the view itself, so no cache — the anonymous
response cache, a CDN, the browser — stores a draft, whatever the token's fate.
"""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.signing import BadSignature, SignatureExpired
from django.views.decorators.cache import never_cache
from ninja import Router
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas.base import build_discriminated_union
from wagtail.models import get_page_models
from wagtail_headless_preview.models import HeadlessPreviewMixin, PagePreview

router = Router(tags=["preview"])


def _no_detail_url_before_the_first_save(meta):
    """``meta`` whose ``detail_url`` is ``null`` for a page with no id (nothing to address)."""
    resolve = meta.resolve_detail_url

    def resolve_detail_url(obj, context):
        return None if obj.pk is None else resolve(obj, context)

    namespace = {"resolve_detail_url": staticmethod(resolve_detail_url)}
    return type(meta)(f"{meta.__name__.removesuffix('Schema')}DraftSchema", (meta,), namespace)


def _draft_schema(model):
    """``model``'s detail schema (as ``/api/v3/pages/{id}/`` answers it) with a nullable
    ``id``: a draft previewed before its first save has none (and no ``meta.detail_url``)."""
    registration = registry.get(model._meta.label)
    detail = registration and registration.read_schema
    if detail is None:
        return None
    meta = _no_detail_url_before_the_first_save(detail.model_fields["meta"].annotation)
    namespace = {"__annotations__": {"id": int | None, "meta": meta}, "id": None}
    # Built by the schema's own metaclass, so ninja keeps the base's resolve_* methods.
    name = f"{detail.__name__.removesuffix('Schema')}DraftSchema"
    return type(detail)(name, (detail,), namespace)


PageDraftSchema = build_discriminated_union(list(get_page_models()), _draft_schema)


PROBLEM = {"application/problem+json": {"schema": {"type": "object"}}}


@router.get(
    "/",
    response=PageDraftSchema,
    summary="A page draft, for a preview token",
    openapi_extra={
        "responses": {
            "403": {"description": "Invalid or expired preview token", "content": PROBLEM},
            "404": {"description": "No preview for this token", "content": PROBLEM},
        }
    },
)
@decorate_view(never_cache)
def preview(request, content_type: str, token: str):
    try:
        HeadlessPreviewMixin.get_preview_signer().unsign(
            token, max_age=getattr(settings, "HEADLESS_PREVIEW_TOKEN_MAX_AGE", 3600)
        )
    except (BadSignature, SignatureExpired):
        raise HttpError(403, "Invalid or expired preview token.") from None
    app_label, _, model = content_type.partition(".")
    kind = ContentType.objects.filter(app_label=app_label, model=model.lower()).first()
    preview = PagePreview.objects.filter(token=token, content_type=kind).first()
    if kind is None or preview is None:
        raise HttpError(404, "No preview for this token.")
    return preview.as_page()

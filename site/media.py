"""Uploaded files under ``MEDIA_URL``, served only to those who may see them.

Wagtail stores image originals under ``original_images/``, renditions under ``images/`` and
documents under ``documents/`` of ``MEDIA_ROOT``. Serving that folder as it is (Django's
``static()`` helper, or a web server pointed at it) hands every file to anyone who knows or
guesses its name: a private collection's originals, an embargoed release's chart, every
document whatever its collection. This view is the one way in:

- ``documents/…`` is never served here: documents go through ``/documents/<id>/<name>``
  (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``), which checks collections and usage.
- ``original_images/…`` and ``images/…`` (renditions) are served when
  ``equity.media.may_serve_media`` allows it for the image (editors always; anyone else when
  the collection's restrictions accept the request and a public page or object uses it);
  otherwise 404, as for a file that does not exist.
- Anything else under ``MEDIA_ROOT`` is 404.

Public files answer ``Cache-Control: public, max-age=CACHE_MAX_AGE_PAGES`` (an image that
stops being public is refused by the next request after that); the rest ``private, no-store``.

With ``MEDIA_X_ACCEL_REDIRECT`` set (e.g. ``/protected-media/``) the bytes are sent by nginx:
the answer carries ``X-Accel-Redirect: <prefix><path>`` for an ``internal`` nginx location
aliased to ``MEDIA_ROOT`` (see the README), so gunicorn only decides.
"""

import mimetypes
import posixpath

from django.conf import settings
from django.core.exceptions import SuspiciousFileOperation
from django.http import FileResponse, HttpResponse, HttpResponseNotFound
from django.utils._os import safe_join
from django.views.decorators.http import require_safe
from wagtail.images import get_image_model

from equity.media import may_serve_media

IMAGE_FOLDERS = ("original_images/", "images/")


def _image_for(path: str):
    Image = get_image_model()
    if path.startswith("original_images/"):
        return Image.objects.filter(file=path).select_related("collection").first()
    Rendition = Image.get_rendition_model()
    rendition = Rendition.objects.filter(file=path).select_related("image__collection").first()
    return rendition.image if rendition is not None else None


def not_found() -> HttpResponse:
    """404, never stored by a cache: the file may become public with the next publish (the
    reference index that says what uses it is brought up to date by the task worker)."""
    response = HttpResponseNotFound("Not found.", content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def serve(request, path: str):
    """A file under ``MEDIA_ROOT`` (see the module docstring); 404 for anything refused."""
    path = posixpath.normpath(path).lstrip("/")
    if not path.startswith(IMAGE_FOLDERS) or ".." in path.split("/"):
        return not_found()
    image = _image_for(path)
    if image is None or not may_serve_media(image, request):
        return not_found()
    public = not image.collection.get_view_restrictions().exists() and not (
        request.user.is_authenticated
    )
    accel = getattr(settings, "MEDIA_X_ACCEL_REDIRECT", "")
    if accel:
        response = HttpResponse(content_type=mimetypes.guess_type(path)[0] or "")
        response["X-Accel-Redirect"] = accel.rstrip("/") + "/" + path
    else:
        try:
            full_path = safe_join(settings.MEDIA_ROOT, path)
            response = FileResponse(open(full_path, "rb"))  # noqa: SIM115 (closed by Django)
        except (FileNotFoundError, IsADirectoryError, SuspiciousFileOperation):
            return not_found()
    if public:
        response["Cache-Control"] = f"public, max-age={settings.CACHE_MAX_AGE_PAGES}"
    else:
        response["Cache-Control"] = "private, no-store"
    return response

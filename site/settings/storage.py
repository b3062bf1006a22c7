"""Static files and media: where they live on disk, or media on S3-compatible object storage.

Documents are always served through Django's serve view, which checks collection privacy
(``WAGTAILDOCS_SERVE_METHOD`` in ``wagtail.py``), so the private bucket's address never
reaches a visitor.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from .env import VAR_DIR

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Media on S3-compatible object storage (django-storages) --------------------------------
# With AWS_STORAGE_BUCKET_NAME set, uploads (images, renditions, documents) live in object
# storage instead of MEDIA_ROOT, so every app server sees the same files. Images and
# renditions go to that bucket and are read by visitors straight from it (it must allow
# anonymous reads); documents go to AWS_PRIVATE_STORAGE_BUCKET_NAME, which must not, and are
# served through Django, which checks collection privacy first (cms_site.storage).
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
AWS_PRIVATE_STORAGE_BUCKET_NAME = os.environ.get("AWS_PRIVATE_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME", "us-east-1")
    # The public address of the media bucket (a CDN in front of it), e.g. media.example.org.
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    # Path-style addresses (endpoint/bucket/key) work with every S3-compatible server.
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE", "path")
    AWS_S3_FILE_OVERWRITE = False
    AWS_S3_SIGNATURE_VERSION = "s3v4"
    STORAGES["default"] = {"BACKEND": "cms_site.storage.MediaStorage"}

# Wagtail background work (reference index, renditions, cache purges) runs through

# The origin visitors read images and renditions from: the media bucket's (the Content-
# Security-Policy allows it, see security.py), or empty when media are served by this site.
MEDIA_ORIGIN = ""
if AWS_STORAGE_BUCKET_NAME:
    _media = urlsplit(
        f"{AWS_S3_URL_PROTOCOL}//{AWS_S3_CUSTOM_DOMAIN}"
        if AWS_S3_CUSTOM_DOMAIN
        else (AWS_S3_ENDPOINT_URL or f"https://s3.{AWS_S3_REGION_NAME}.amazonaws.com")
    )
    MEDIA_ORIGIN = f"{_media.scheme}://{_media.netloc}"

"""Media on S3-compatible object storage, public and private (django-storages).

``MediaStorage`` is the default storage when ``AWS_STORAGE_BUCKET_NAME`` is set. It routes each
file by its folder:

- ``documents/`` go to ``AWS_PRIVATE_STORAGE_BUCKET_NAME`` (a bucket without anonymous access).
  A document may belong to a private collection, so the bucket is never read by visitors:
  Wagtail's document serve view (``WAGTAILDOCS_SERVE_METHOD = "serve_view"``) checks the
  collection's view restrictions and streams the file. Its ``url()`` is a short-lived signed
  address, for operators only.
- everything else (original images, renditions) goes to ``AWS_STORAGE_BUCKET_NAME``, read by
  visitors straight from the bucket (or ``AWS_S3_CUSTOM_DOMAIN`` in front of it): unsigned,
  stable addresses that caches can keep.

Without a private bucket, documents share the public bucket (``check --deploy`` warns).
Backups (``export_content``/``import_content``) go through this default storage, so they
include the files in both buckets.
"""

from functools import cached_property

from django.conf import settings
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

PRIVATE_PREFIXES = ("documents/",)


class PublicMediaStorage(S3Storage):
    """Images and renditions: unsigned addresses in a publicly readable bucket."""

    querystring_auth = False

    def __init__(self, **kwargs):
        kwargs.setdefault("bucket_name", settings.AWS_STORAGE_BUCKET_NAME)
        super().__init__(**kwargs)


class PrivateMediaStorage(S3Storage):
    """Documents: a bucket without anonymous access; addresses are signed and expire."""

    querystring_auth = True
    querystring_expire = 300
    custom_domain = None  # a CDN domain serves the public bucket, never this one

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "bucket_name",
            settings.AWS_PRIVATE_STORAGE_BUCKET_NAME or settings.AWS_STORAGE_BUCKET_NAME,
        )
        kwargs.setdefault("default_acl", "private")
        kwargs.setdefault("custom_domain", None)
        super().__init__(**kwargs)


@deconstructible
class MediaStorage(Storage):
    """The default storage: one of the two buckets per file name (see the module docstring)."""

    @cached_property
    def public(self) -> S3Storage:
        return PublicMediaStorage()

    @cached_property
    def private(self) -> S3Storage:
        return PrivateMediaStorage()

    def storage_for(self, name: str) -> S3Storage:
        name = str(name).replace("\\", "/").lstrip("/")
        return self.private if name.startswith(PRIVATE_PREFIXES) else self.public

    def _open(self, name, mode="rb"):
        return self.storage_for(name)._open(name, mode)

    def _save(self, name, content):
        return self.storage_for(name)._save(name, content)

    def get_available_name(self, name, max_length=None):
        return self.storage_for(name).get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.storage_for(filename).generate_filename(filename)

    def delete(self, name):
        return self.storage_for(name).delete(name)

    def exists(self, name):
        return self.storage_for(name).exists(name)

    def listdir(self, path):
        return self.storage_for(path + "/").listdir(path)

    def size(self, name):
        return self.storage_for(name).size(name)

    def url(self, name):
        return self.storage_for(name).url(name)

    def get_modified_time(self, name):
        return self.storage_for(name).get_modified_time(name)

    def get_created_time(self, name):
        return self.storage_for(name).get_modified_time(name)

    def get_accessed_time(self, name):
        return self.storage_for(name).get_modified_time(name)

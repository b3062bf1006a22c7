"""Test settings: fast hashing, an in-process cache, immediate tasks, no network.

DATABASE_URL still decides the database, so the same suite runs on SQLite and PostgreSQL.
"""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["localhost", "testserver", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Webhook retries happen inline on the immediate backend: keep the backoff tiny.
WEBHOOK_RETRY_DELAYS = [0.01, 0.02]
WEBHOOK_TIMEOUT = 5
WAGTAILFRONTENDCACHE = {}
CORS_ALLOWED_ORIGINS = ["https://app.example.org"]
# Uploads go to a folder of this process's own (each parallel test worker has one), created on
# the first upload and removed when the test session ends (tests/conftest.py).
MEDIA_ROOT = Path(tempfile.gettempdir()) / f"equity-cms-test-media-{os.getpid()}"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
# Embeds must never call an oEmbed provider from a test: recorded answers (tests/embeds.py).
WAGTAILEMBEDS_FINDERS = [{"class": "tests.embeds.RecordedEmbedFinder"}]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Webhook receivers on this machine are allowed here (never in production by default).
WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.0/8", "::1/128"]

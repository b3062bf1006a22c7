"""Benchmark settings: production settings as gunicorn would run them, on loopback.

Used by ``bench/run.py`` (``make bench``) only. DEBUG is off, database connections persist
(``CONN_MAX_AGE``) and the anonymous response cache is on, as in production; what differs is
what a loopback benchmark needs: a throwaway secret key, plain HTTP on 127.0.0.1, and a
URLconf that adds the ceiling view (``/bench/ceiling/``), which production never mounts.
``BENCH_ANONYMOUS_CACHE=0`` turns the response cache off for the uncached measurements.
"""

import os

# Production refuses to start without a key; this one is only ever used on loopback.
os.environ.setdefault("SECRET_KEY", "bench-only-throwaway-secret-key-never-used-for-anything-real")

from .base import env_bool
from .production import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
ROOT_URLCONF = "cms_site.bench_urls"
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("CONN_MAX_AGE", "600"))  # noqa: F405
LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")  # noqa: F405

ANONYMOUS_CACHE = {
    **ANONYMOUS_CACHE,  # noqa: F405
    "ENABLED": env_bool("BENCH_ANONYMOUS_CACHE", True),
}

"""REDIS_URL switches the cache to Redis: checked against the real server when one runs here."""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest

REPO = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL_FOR_TESTS", "redis://127.0.0.1:6379/15")


def redis_is_up() -> bool:
    address = urlparse(REDIS_URL)
    try:
        with socket.create_connection((address.hostname, address.port or 6379), timeout=1):
            return True
    except OSError:
        return False


SCRIPT = """
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), settings.CACHES
cache.set("equity-cms-probe", "round trip", 30)
print(cache.get("equity-cms-probe"))
cache.delete("equity-cms-probe")
"""


def test_redis_url_selects_a_working_redis_cache():
    if not redis_is_up():
        if os.environ.get("CI"):
            pytest.fail(f"Redis is not reachable at {REDIS_URL} in CI")
        pytest.skip(f"no Redis at {REDIS_URL}")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=REPO,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms_site.settings.dev",
            "REDIS_URL": REDIS_URL,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "round trip"

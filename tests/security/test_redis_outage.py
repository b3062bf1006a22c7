"""A Redis outage degrades the caches to "no cache"; it never takes the site down.

Each test starts a Redis server of its own on a free port, uses it as the default cache with
the production caches on (anonymous responses, content aggregates, site lookup), then stops
it mid-run or fills it (``maxmemory`` with ``noeviction``), and checks that pages, both APIs
and the admin login keep answering, that the login throttle keeps counting, and that no
response cached before the failure outlives a change made during it.
"""

import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.test import override_settings
from redis.backoff import NoBackoff
from redis.retry import Retry

from cms_site.anonymous_cache import STATUS_HEADER

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server not installed"),
]

PASSWORD = "correct horse battery staple"


def wait_for(condition, timeout=10.0, interval=0.02):
    """Poll ``condition`` until it is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"condition not met within {timeout} s: {condition}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """A throwaway redis-server on 127.0.0.1, without persistence."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self):
        # No retries: redis-py's default retries a refused connection three times with
        # backoff, which made every "has it stopped?" probe take about 4 s.
        return redis.Redis(
            host="127.0.0.1", port=self.port, socket_timeout=1, retry=Retry(NoBackoff(), 0)
        )

    def _answers(self) -> bool:
        try:
            return bool(self.client().ping())
        except redis.exceptions.ConnectionError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--daemonize", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self._answers)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
        assert not self._answers()


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def production_caches(redis_server):
    caches = {
        "default": {
            "BACKEND": "cms_site.cache.ResilientRedisCache",
            "LOCATION": redis_server.url,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5, "RETRY_AFTER": 0.2},
        }
    }
    with override_settings(
        CACHES=caches,
        ANONYMOUS_CACHE={"ENABLED": True},
        SITE_LOOKUP_CACHE=True,
        EQUITY_CONTENT_CACHE={"ENABLED": True},
    ):
        from django.core.cache import cache

        cache.clear()
        yield redis_server


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor", "editor@example.org", PASSWORD)


def public_urls(landing_page) -> list[str]:
    return [
        "/",
        landing_page.url,
        "/search/?q=equity",
        "/sitemap.xml",
        "/api/v2/pages/",
        f"/api/v2/pages/{landing_page.pk}/",
        "/api/v3/pages/",
    ]


def assert_site_answers(client, landing_page):
    for url in public_urls(landing_page):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)


def log_in(client) -> int:
    return client.post("/admin/login/", {"username": "editor", "password": PASSWORD}).status_code


def test_redis_stopped_mid_run_the_site_answers_without_cache(
    client, production_caches, landing_page, editor, caplog
):
    redis_server = production_caches
    assert_site_answers(client, landing_page)
    # Positive control: the responses really are cached in this Redis.
    assert client.get(landing_page.url)[STATUS_HEADER] == "hit"
    assert redis_server.client().dbsize() > 0

    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="cms_site.cache"):
        assert_site_answers(client, landing_page)
        assert client.get(landing_page.url)[STATUS_HEADER] == "miss"
    assert any("Cache unavailable" in record.getMessage() for record in caplog.records)

    # The admin: log in (sessions are in the database) and use it.
    assert log_in(client) == 302
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{landing_page.pk}/edit/").status_code == 200
    client.logout()

    # Redis comes back: the cache is used again once RETRY_AFTER has passed.
    redis_server.start()
    client.get(landing_page.url)
    wait_for(lambda: client.get(landing_page.url)[STATUS_HEADER] == "hit")


def test_login_throttle_keeps_counting_during_the_outage(client, production_caches, editor):
    production_caches.stop()
    for _attempt in range(5):
        response = client.post("/admin/login/", {"username": "editor", "password": "wrong"})
        assert response.status_code == 200
    # Counted in the process while the shared cache is away: the right password is refused.
    assert log_in(client) == 429


def test_a_change_during_the_outage_is_not_hidden_by_older_cached_responses(
    client, production_caches, landing_page
):
    """Redis stopped while a page is unpublished, then back with its old data: the response
    cached before must not be served again (the failed invalidation is replayed)."""
    redis_server = production_caches
    client.get(landing_page.url)
    assert client.get(landing_page.url)[STATUS_HEADER] == "hit"

    # Keep a copy of every key and value, to bring Redis back as it was (as a persistent
    # Redis restarted from its last snapshot would).
    raw = redis_server.client()
    saved = {key: (raw.dump(key), raw.pttl(key)) for key in raw.scan_iter()}
    redis_server.stop()

    landing_page.unpublish()
    assert client.get(landing_page.url).status_code == 404

    redis_server.start()
    raw = redis_server.client()
    for key, (value, ttl) in saved.items():
        raw.restore(key, max(ttl, 0), value, replace=True)

    wait_for(_reads_redis)
    assert client.get(landing_page.url).status_code == 404
    assert _cache_in_use(client)  # the cache is back in use, not merely bypassed
    assert client.get(landing_page.url).status_code == 404
    assert client.get(f"/api/v2/pages/{landing_page.pk}/").status_code == 404


def _cache_in_use(client) -> bool:
    client.get("/api/v2/pages/")
    return client.get("/api/v2/pages/")[STATUS_HEADER] == "hit"


def test_a_full_redis_with_noeviction_serves_fresh_content(
    client, production_caches, landing_page, caplog
):
    """``maxmemory`` reached under ``noeviction``: writes fail (``OOM``), reads still work. The
    site answers, and an unpublish is not hidden by a response cached before Redis filled."""
    redis_server = production_caches
    client.get(landing_page.url)
    assert client.get(landing_page.url)[STATUS_HEADER] == "hit"

    raw = redis_server.client()
    raw.config_set("maxmemory-policy", "noeviction")
    raw.config_set("maxmemory", 1)  # already over: every write is refused
    with pytest.raises(redis.exceptions.ResponseError, match="maxmemory"):
        raw.set("probe", "x")

    with caplog.at_level(logging.WARNING, logger="cms_site.cache"):
        assert_site_answers(client, landing_page)
        landing_page.unpublish()
        # Each request's refused write (the content version's copy) opens the breaker again:
        # wait it out before each request, so that the request reads (the full) Redis.
        wait_for(_reads_redis)
        assert client.get(landing_page.url).status_code == 404
        wait_for(_reads_redis)
        assert client.get(f"/api/v2/pages/{landing_page.pk}/").status_code == 404
    assert any("maxmemory" in record.getMessage() for record in caplog.records)

    raw.config_set("maxmemory", 0)
    wait_for(lambda: _cache_in_use(client))


def _reads_redis() -> bool:
    from django.core.cache import cache

    return cache.available

"""A Redis cache that degrades to "no cache" when Redis fails, instead of failing the request.

``ResilientRedisCache`` is Django's own ``RedisCache`` with every operation guarded: when
Redis is unreachable, too slow (``socket_timeout``) or refuses a write (a full Redis with
``maxmemory`` and ``noeviction`` answers ``OOM command not allowed``), the operation answers
what an empty cache would (``get`` → the default, ``get_many`` → ``{}``, ``add``/``touch``/
``has_key`` → ``False``, ``incr`` → ``ValueError`` as for a missing key, writes are dropped),
logs one warning, and the cache stays off for ``RETRY_AFTER`` seconds (a circuit breaker, so
an outage costs one failed connection per process per interval, not one per cache call).
Pages, the APIs and the admin keep answering from the database meanwhile.

A write that did not happen must not leave an older value readable: the project's caches
invalidate by *replacing* a value (a content generation), so a lost replacement would let
the previous generation's responses be served once Redis answers again. So the key of every
failed write or delete is deleted — at once when Redis still accepts deletes (a full Redis
does: ``DEL`` frees memory), otherwise as soon as Redis is reachable again, before anything
else is read (at most ``PENDING_LIMIT`` keys; beyond that every key under this cache's
``KEY_PREFIX`` is deleted instead).

Settings (``CACHES[alias]["OPTIONS"]``; the rest go to redis-py's connection pool)::

    "RETRY_AFTER": 5,               # seconds the cache stays off after a failure
    "PENDING_LIMIT": 1000,          # failed writes remembered for deletion on recovery
    "socket_connect_timeout": 0.5,  # seconds; redis-py's default is to wait forever
    "socket_timeout": 0.5,
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError, ResponseError

logger = logging.getLogger("cms_site.cache")

DEFAULT_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}


class _Breaker:
    """One per Redis location and key prefix, shared by the threads of a process (Django
    builds one cache object per thread)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down_until = 0.0
        self.pending: set[str] = set()
        self.flush_prefix = False


_breakers: dict[tuple, _Breaker] = {}
_breakers_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        self.retry_after = float(options.pop("RETRY_AFTER", 5))
        self.pending_limit = int(options.pop("PENDING_LIMIT", 1000))
        params["OPTIONS"] = options
        super().__init__(server, params)
        key = (tuple(self._servers), self.key_prefix)
        with _breakers_lock:
            self._breaker = _breakers.setdefault(key, _Breaker())

    # --- health ------------------------------------------------------------------------

    @property
    def available(self) -> bool:
        """Whether the cache is in use (``False`` for ``RETRY_AFTER`` s after a failure)."""
        return time.monotonic() >= self._breaker.down_until

    def _fail(self, operation: str, error: Exception, keys=()) -> None:
        breaker = self._breaker
        with breaker.lock:
            was_up = time.monotonic() >= breaker.down_until
            breaker.down_until = time.monotonic() + self.retry_after
            for key in keys:
                if len(breaker.pending) >= self.pending_limit:
                    breaker.flush_prefix = True
                    break
                breaker.pending.add(key)
        if was_up:
            logger.warning(
                "Cache unavailable (%s failed: %s); serving without the cache for %g s.",
                operation,
                error,
                self.retry_after,
            )
        if keys and isinstance(error, ResponseError):
            # Redis answered but refused (a full Redis still deletes): drop the stale values
            # now rather than on recovery. A connection failure waits for recovery instead.
            self._delete_pending()

    def _delete_pending(self) -> bool:
        """Delete the keys of failed writes; ``False`` if Redis still fails."""
        breaker = self._breaker
        with breaker.lock:
            keys, flush = list(breaker.pending), breaker.flush_prefix
        if not keys and not flush:
            return True
        try:
            client = self._cache.get_client(write=True)
            if flush:
                for found in client.scan_iter(match=f"{self.key_prefix}:*", count=1000):
                    client.delete(found)
            elif keys:
                client.delete(*keys)
        except RedisError:
            return False
        with breaker.lock:
            breaker.pending.difference_update(keys)
            if flush:
                breaker.flush_prefix = False
                breaker.pending.clear()
        logger.warning("Cache back: deleted %s values written while it failed.", len(keys))
        return True

    def _usable(self) -> bool:
        if not self.available:
            return False
        pending = self._breaker.pending or self._breaker.flush_prefix
        if pending and not self._delete_pending():
            with self._breaker.lock:
                self._breaker.down_until = time.monotonic() + self.retry_after
            return False
        return True

    def _guard(self, call, args, fallback, keys=()):
        """``call(*args)`` on Redis, or ``fallback()`` when Redis is off or fails; ``keys`` are
        the (made) keys a failed write leaves to delete."""
        if not self._usable():
            if keys:
                self._remember(keys)
            return fallback()
        try:
            return call(*args)
        except RedisError as error:
            self._fail(call.__name__, error, keys)
            return fallback()

    def _remember(self, keys) -> None:
        breaker = self._breaker
        with breaker.lock:
            for key in keys:
                if len(breaker.pending) >= self.pending_limit:
                    breaker.flush_prefix = True
                    return
                breaker.pending.add(key)

    # --- reads: an unavailable cache is an empty one -----------------------------------

    def _key(self, key, version):
        return self.make_and_validate_key(key, version=version)

    def get(self, key, default=None, version=None):
        return self._guard(super().get, (key, default, version), lambda: default)

    def get_many(self, keys, version=None):
        return self._guard(super().get_many, (keys, version), dict)

    def has_key(self, key, version=None):
        return self._guard(super().has_key, (key, version), bool)

    # --- writes: dropped, and the key deleted so no older value outlives them -----------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        keys = [self._key(key, version)]
        return self._guard(super().add, (key, value, timeout, version), bool, keys)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        keys = [self._key(key, version)]
        return self._guard(super().set, (key, value, timeout, version), lambda: None, keys)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        keys = [self._key(key, version) for key in data]
        return self._guard(super().set_many, (data, timeout, version), lambda: list(data), keys)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(super().touch, (key, timeout, version), bool)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")

        keys = [self._key(key, version)]
        return self._guard(super().incr, (key, delta, version), missing, keys)

    def delete(self, key, version=None):
        keys = [self._key(key, version)]
        return self._guard(super().delete, (key, version), bool, keys)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        made = [self._key(key, version) for key in keys]
        return self._guard(super().delete_many, (keys, version), lambda: None, made)

    def clear(self):
        def remember_everything():
            with self._breaker.lock:
                self._breaker.flush_prefix = True

        return self._guard(super().clear, (), remember_everything)

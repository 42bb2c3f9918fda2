"""A Redis cache that the portal can run without.

Redis holds only copies: rendered pages, the data version token and derived choice
lists, all rebuilt from PostgreSQL on demand. So when Redis cannot be reached, every
cache call behaves as a miss (reads give the default, writes do nothing) and pages are
rendered fresh: slower, never an error page. The first failure is logged once per
process; after that, Redis is left alone for RETRY_SECONDS at a time, so a dead Redis
costs one refused connection every few seconds instead of one per call. The first call
that succeeds again logs the recovery, and caching resumes without a restart.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

RETRY_SECONDS = 2.0
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


class _Health:
    """Per process and per Redis location: Django builds a cache object per thread."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.retry_at = 0.0


_health: dict[str, _Health] = {}
_health_lock = threading.Lock()


def _health_for(location: str) -> _Health:
    with _health_lock:
        return _health.setdefault(location, _Health())


class _ReusedClient(RedisCacheClient):
    """One redis-py client per connection pool, instead of a new one per cache call.

    Django builds a `redis.Redis` for every call; its constructor fills a table of some
    160 response callbacks, which cost more than the GET itself on a cache hit (profile
    in docs/benchmarks.md). The client is thread-safe: connections come from the pool.
    """

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}


class ResilientRedisCache(RedisCache):
    # Shared by every app server: the data version can live here (routekaart/versioning.py).
    shared = True

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
        self._location = server if isinstance(server, str) else ",".join(server)
        self._health = _health_for(self._location)

    @property
    def reachable(self) -> bool:
        """False while this process treats Redis as down (after a failed call)."""
        return not self._health.down

    def _guard(self, default, method, *args, **kwargs):
        health = self._health
        if health.down and time.monotonic() < health.retry_at:
            return default
        try:
            result = method(*args, **kwargs)
        except UNREACHABLE as exc:
            with health.lock:
                if not health.down:
                    logger.warning(
                        "Redis unreachable (%s: %s); serving pages without the cache "
                        "and retrying every %.0f s",
                        exc.__class__.__name__,
                        exc,
                        RETRY_SECONDS,
                    )
                health.down = True
                health.retry_at = time.monotonic() + RETRY_SECONDS
            return default
        if health.down:
            with health.lock:
                recovered, health.down = health.down, False
            if recovered:
                logger.warning("Redis reachable again; caching resumes")
                on_recovery(self)
        return result

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, super().add, key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._guard(default, super().get, key, default, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(None, super().set, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._guard(False, super().delete, key, version)

    def get_many(self, keys, version=None):
        return self._guard({}, super().get_many, keys, version)

    def has_key(self, key, version=None):
        return self._guard(False, super().has_key, key, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guard(list(data), super().set_many, data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._guard(None, super().delete_many, keys, version)

    def clear(self):
        return self._guard(False, super().clear)

    # incr/decr keep Django's contract (ValueError for a missing key) and are unused here.


def on_recovery(cache) -> None:
    """An edit made here while Redis was away could not bump the shared version: repair."""
    from routekaart.versioning import repair_after_outage

    repair_after_outage(cache)

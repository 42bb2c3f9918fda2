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
import os
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
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


class _Subscription:
    """This process's own connection to Redis, subscribed to one channel.

    Read without waiting: `poll()` takes what arrived since the last call, at the cost of
    one non-blocking read of the socket (about 3 us), where a GET is a round trip (about
    100 us on one machine). The connection is never reconnected behind our back, as
    redis-py's PubSub would do: a message published while it was away would be lost
    without notice. Instead `poll()` says None, and the caller reads for itself.
    """

    def __init__(self, channel: str):
        self.channel = channel
        self.lock = threading.Lock()
        self.pid = os.getpid()
        self.connection = None
        self.retry_at = 0.0

    def poll(self, pool) -> list[bytes] | None:
        """What was published since the last call ([] if nothing), or None while not
        subscribed. The call that subscribes says None too: what the caller knew from
        before is not covered, and what it reads after this call is covered by the
        messages the next call returns."""
        with self.lock:
            if self.pid != os.getpid():
                # A forked child: the parent's socket is not ours to read or to close.
                self.pid, self.connection, self.retry_at = os.getpid(), None, 0.0
            if self.connection is None:
                return self._subscribe(pool)
            try:
                messages = []
                while self.connection.can_read(timeout=0):
                    kind, _channel, data = self.connection.read_response()
                    if kind == b"message":
                        messages.append(data)
                return messages
            except (RedisError, *UNREACHABLE, ValueError):
                self._drop()
                return None

    def _subscribe(self, pool):
        if time.monotonic() < self.retry_at:
            return None
        connection = pool.connection_class(**pool.connection_kwargs)
        try:
            connection.connect()
            connection.send_command("SUBSCRIBE", self.channel)
            kind, _channel, _count = connection.read_response()
            if kind != b"subscribe":
                raise RedisConnectionError(f"unexpected reply to SUBSCRIBE: {kind!r}")
        except (RedisError, *UNREACHABLE, ValueError):
            connection.disconnect()
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return None
        self.connection = connection
        return None

    def close(self) -> None:
        with self.lock:
            self._drop()

    def _drop(self):
        if self.connection is not None:
            self.connection.disconnect()
            self.connection = None


_subscriptions: dict[tuple[str, str], _Subscription] = {}


def reset() -> None:
    """Forget every Redis's health and close every subscription (tests)."""
    with _health_lock:
        _health.clear()
        subscriptions = list(_subscriptions.values())
        _subscriptions.clear()
    for subscription in subscriptions:
        subscription.close()


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

    # --- A value every process keeps in memory, told by Redis when it changes ---------

    def publish(self, key, value, timeout=DEFAULT_TIMEOUT):
        """Store `value` under `key` (delete it if None) and tell every subscriber of
        `changes(key)`, in one transaction: a subscriber never sees the message without
        the value being there."""

        def run():
            full_key = self.make_and_validate_key(key)
            client = self._cache.get_client(full_key, write=True)
            with client.pipeline(transaction=True) as pipe:
                if value is None:
                    pipe.delete(full_key)
                else:
                    pipe.set(
                        full_key,
                        self._cache._serializer.dumps(value),
                        ex=self.get_backend_timeout(timeout),
                    )
                pipe.publish(full_key, "" if value is None else value)
                pipe.execute()

        self._guard(None, run)

    def changes(self, key) -> list[str | None] | None:
        """The values `publish` gave `key` since this process last asked, oldest first
        (None for a delete), or None when this process cannot be sure it heard them all:
        not subscribed yet, or Redis unreachable. Then the caller reads `key` itself,
        after this call, so that any later change still reaches it here."""
        full_key = self.make_and_validate_key(key)
        subscription = _subscriptions.get((self._location, full_key))
        if subscription is None:
            with _health_lock:
                subscription = _subscriptions.setdefault(
                    (self._location, full_key), _Subscription(full_key)
                )
        if self._health.down:
            # The connection may be dead without having said so (a network split).
            subscription.close()
            return None
        messages = subscription.poll(self._cache._get_connection_pool(True))
        if messages is None:
            return None
        return [message.decode() or None for message in messages]

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

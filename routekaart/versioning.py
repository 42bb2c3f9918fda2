"""A data version that every write to portal data bumps.

Cached things (the glossary, choice lists, rendered pages for anonymous visitors)
are keyed on this version, so an edit in the admin shows on the next request.

The database holds the truth: one row whose counter every write increments. Where
the cache is local memory per process (one machine, `make run`), each request reads
that row: in SQLite on a kept connection this is a read in process memory, and it is
the only way every worker sees a bump at once. Where the cache is shared by all app
servers (Redis, `shared = True` on the backend), the current version is a token in
the cache itself, so a cache hit needs no database round trip at all:

- a bump increments the row and, once its transaction commits, writes a fresh random
  token; a token is never reused, so two bumps racing each other leave a token that
  postdates both;
- a missing token (first start, eviction, an empty Redis after a restart) is derived
  from the row as "db-<counter>" and stored with `add`, which never overwrites the
  token of a bump that committed meanwhile;
- a bump that could not write its token because Redis was unreachable is repaired
  when Redis returns: that process drops the token, so it is derived afresh
  (routekaart/cache_backends.py). The token's timeout bounds what no process repairs.

Nor does a hit need a round trip to Redis. Each process keeps the token it last read,
and Redis tells it of every new one: a bump writes its token and publishes it in one
transaction, and every process is subscribed (`cache.publish` and `cache.changes`).
Before each request a process takes what was published since the last (one
non-blocking read of its socket). Redis sends the message to every server as it
answers the bump, so it is there before the editor's browser has its answer, and the
next request anywhere sees the edit. Where a process cannot be sure it heard
everything (not subscribed yet, the subscription broken, Redis unreachable) it reads
the token from Redis as before; and it reads it anyway every
DATA_VERSION_RECHECK_SECONDS, as a network split may leave a dead connection silent.

Within one request the version is read at most once.
"""

import threading
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished, request_started

_local = threading.local()

TOKEN_KEY = "portal:data-version"
# A backstop: even a token that a lost write left behind is re-derived within the hour.
TOKEN_TIMEOUT = 60 * 60


def _shared(cache) -> bool:
    return getattr(cache, "shared", False)


def _from_database() -> int:
    from django.db import connection

    from routekaart.core_models import DataVersie

    # Plain SQL: this runs on every cache hit without Redis, and building the ORM
    # query cost more than running it (scripts/load.py, docs/benchmarks.md).
    with connection.cursor() as cursor:
        cursor.execute(_SELECT.format(table=connection.ops.quote_name(DataVersie._meta.db_table)))
        row = cursor.fetchone()
    if row is None:
        DataVersie.objects.get_or_create(pk=1)
        return 0
    return row[0]


_SELECT = "SELECT versie FROM {table} WHERE id = 1"


def data_version() -> str:
    """The current version; memoised for the rest of the request."""
    version = getattr(_local, "version", None)
    if version is None:
        from django.core.cache import cache

        if _shared(cache):
            version = _known.current(cache)
        else:
            version = str(_from_database())
        if _in_request():
            _local.version = version
    return version


class _KnownToken:
    """The shared token as this process last read it, kept current by what Redis
    publishes; see the module docstring."""

    def __init__(self):
        self.lock = threading.RLock()
        self.token = None
        self.read_at = 0.0

    def current(self, cache) -> str:
        with self.lock:
            changes = cache.changes(TOKEN_KEY)
            if changes is None:
                self.token = None
            elif changes:
                # A message is as good as a read: it also shows the connection is alive.
                self.token, self.read_at = changes[-1], time.monotonic()
            age = time.monotonic() - self.read_at
            if self.token is not None and age < settings.DATA_VERSION_RECHECK_SECONDS:
                return self.token
            token = cache.get(TOKEN_KEY)
            if token is None:
                token = f"db-{_from_database()}"
                # If a bump's token got there first, its message follows and corrects us.
                cache.add(TOKEN_KEY, token, TOKEN_TIMEOUT)
            if changes is not None and cache.reachable:
                self.token, self.read_at = token, time.monotonic()
            return token

    def heard(self, token: str) -> None:
        """This process published `token`: use it at once, not when its message arrives."""
        with self.lock:
            self.token, self.read_at = token, time.monotonic()

    def forget(self):
        with self.lock:
            self.token = None


_known = _KnownToken()
_token_lost = threading.Event()


def repair_after_outage(cache) -> None:
    """Redis is back: drop the token if a bump here could not write it meanwhile."""
    if _token_lost.is_set():
        _token_lost.clear()
        cache.publish(TOKEN_KEY, None)


def _publish_token(cache) -> None:
    token = uuid.uuid4().hex
    cache.publish(TOKEN_KEY, token, TOKEN_TIMEOUT)
    if cache.reachable:
        _known.heard(token)
    else:
        _token_lost.set()


def _in_request() -> bool:
    # Outside a request (commands, tests calling functions) nothing is memoised.
    return getattr(_local, "in_request", False)


def bump_data_version(**kwargs) -> None:
    """Make every cached rendering stale, on this server and (with Redis) on all others."""
    from django.core.cache import cache
    from django.db import transaction
    from django.db.models import F

    from routekaart.core_models import DataVersie

    if not DataVersie.objects.filter(pk=1).update(versie=F("versie") + 1):
        DataVersie.objects.get_or_create(pk=1, defaults={"versie": 1})
    _local.version = None
    if _shared(cache):
        # After the commit: a reader must not see the new token before the new data.
        transaction.on_commit(lambda: _publish_token(cache))


def _start(**kwargs):
    _local.version = None
    _local.in_request = True


def _finish(**kwargs):
    _local.version = None
    _local.in_request = False


request_started.connect(_start, dispatch_uid="portal-data-version-start")
request_finished.connect(_finish, dispatch_uid="portal-data-version-finish")


def cached_per_version(name: str, build, timeout: int = 24 * 60 * 60):
    """`build()`, cached under `name` until the next write to portal data.

    For small derived data every page needs (choice lists, the glossary, the
    gemeente name index): one build per data version instead of a query per request.
    """
    from django.core.cache import cache

    key = f"portal:{name}:{data_version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, timeout=timeout)
    return value


def cached_many_per_version(name: str, keys, build_missing, timeout: int = 24 * 60 * 60):
    """{key: value} for `keys`, each cached under `name` and its key until the next write.

    For fragments many pages share (a directory card appears on the directory and on
    every gemeente and region page its organisation serves): one get_many, then
    `build_missing(missing_keys) -> {key: value}` once for the rest, and one set_many.
    """
    from django.core.cache import cache

    version = data_version()
    full = {key: f"portal:{name}:{key}:{version}" for key in keys}
    found = cache.get_many(list(full.values()))
    values = {key: found[full_key] for key, full_key in full.items() if full_key in found}
    missing = [key for key in full if key not in values]
    if missing:
        built = build_missing(missing)
        cache.set_many({full[key]: value for key, value in built.items()}, timeout=timeout)
        values.update(built)
    return values


# name -> (version, value); see memoised_per_version.
_memo: dict = {}


def memoised_per_version(name: str, build):
    """`build()`, kept in this process's memory until the data version changes.

    For derived data too large to fetch from the cache on every request (a shared cache
    would unpickle it each time): every process builds it once per data version. The
    version is shared, so an edit through any server makes every process rebuild on its
    next use. Only the newest version of each name is kept.
    """
    version = data_version()
    memo = _memo.get(name)
    if memo is None or memo[0] != version:
        memo = (version, build())
        _memo[name] = memo
    return memo[1]


def forget_memoised() -> None:
    """Drop every memo of this process, and the shared token it keeps (tests: a
    rolled-back bump reuses its number)."""
    _memo.clear()
    _known.forget()

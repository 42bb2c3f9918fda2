"""Small typed helpers that read settings from the environment.

Each helper raises ImproperlyConfigured on a value it cannot parse, so a typo in
production configuration stops the process at start-up instead of running with
a silently wrong value.
"""

import os
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url: str, *, base_dir) -> dict:
    """Turn DATABASE_URL into a Django DATABASES entry.

    sqlite:///relative/path.sqlite3 and sqlite:////absolute/path work, as do
    postgres://user:password@host:port/name?option=value URLs. PostgreSQL uses
    psycopg 3 with its connection pool.
    """
    parts = urlsplit(url)
    if parts.scheme == "sqlite":
        path = unquote(parts.path)
        if path.startswith("//"):
            name = path[1:]
        else:
            name = str(base_dir / path.lstrip("/"))
        # SQLite opens in-process, but a new connection per request still costs a file
        # open and schema read; keep it for the worker's life (checked before reuse).
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "CONN_MAX_AGE": None,
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        pool = options.pop("pool", "true").lower() not in _FALSE
        db_options = dict(options)
        if pool:
            db_options["pool"] = {"min_size": 1, "max_size": 4, "timeout": 10}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "postgres",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "OPTIONS": db_options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:// or postgres://, got {parts.scheme or url!r}"
    )


def parse_cache_url(url: str) -> dict:
    """Turn CACHE_URL into a Django CACHES entry.

    Empty (the default) or locmem:// is local memory in each process: right for one
    machine, where the data version lives in the database. redis://host:port/db (or
    rediss://) is a cache shared by every app server: Django's own RedisCache with
    redis-py, wrapped so that an unreachable Redis means "no cache", not an error page
    (routekaart/cache_backends.py).
    """
    parts = urlsplit(url)
    if parts.scheme in {"", "locmem"}:
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "routekaart",
            # Pages (two encodings each) and per-version lists share it; Django's default
            # of 300 entries would cull pages that are asked for again soon.
            "OPTIONS": {"MAX_ENTRIES": 3000},
        }
    if parts.scheme in {"redis", "rediss"}:
        return {
            "BACKEND": "routekaart.cache_backends.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "routekaart",
            # Short timeouts: a Redis that hangs must not hold a page for long.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must start with redis://, rediss:// or locmem://, got {parts.scheme!r}"
    )


def static_headers(headers, path, url):
    """WhiteNoise hook: static files are for this site only, not shared with other origins."""
    if "Access-Control-Allow-Origin" in headers:
        del headers["Access-Control-Allow-Origin"]

"""Real servers for tests: Redis and the portal under gunicorn (scripts/servers.py).

Without `redis-server` (or PostgreSQL, for the two-server test) on the machine those
tests skip, unless REQUIRE_SERVERS=1 (CI) turns that into a failure.
"""

import os
import shutil

import pytest

from scripts.servers import BASE_DIR, Gunicorn, RedisServer, free_port, wait_for_port

__all__ = [
    "BASE_DIR",
    "Gunicorn",
    "RedisServer",
    "free_port",
    "redis_server",
    "require",
    "wait_for_port",
]


def require(available: bool, reason: str) -> None:
    if not available:
        if os.environ.get("REQUIRE_SERVERS") == "1":
            pytest.fail(f"{reason}, and REQUIRE_SERVERS=1")
        pytest.skip(f"{reason}; CI sets REQUIRE_SERVERS=1")


def redis_server() -> RedisServer:
    binary = shutil.which("redis-server")
    require(binary is not None, "needs redis-server (apt-get install redis-server)")
    return RedisServer(binary)

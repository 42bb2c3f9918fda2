"""A data version that every content or partner save bumps.

Cached things (the glossary, rendered pages for anonymous visitors) are keyed on
this version, so an edit in the admin shows at once without waiting for a
timeout. The version lives in the configured cache; with several gunicorn
workers, configure a shared cache (CACHE_URL) so they all see the bump.
"""

import time

from django.core.cache import cache

VERSION_KEY = "portal:data-version"


def data_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        # add() keeps a version another worker set in the meantime.
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_data_version(**kwargs) -> None:
    """Signal receiver: any write to portal data makes cached renderings stale."""
    cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)

"""A data version that every write to portal data bumps.

Cached things (the glossary, choice lists, rendered pages for anonymous visitors)
are keyed on this version, so an edit in the admin shows at once. The version is
one row in the database, so every gunicorn worker sees a bump immediately, whatever
cache backend is configured; within one request it is read at most once.
"""

import threading

from django.core.signals import request_finished, request_started

_local = threading.local()


def data_version() -> str:
    """The current version; one query per request (none when already read)."""
    version = getattr(_local, "version", None)
    if version is None:
        from routekaart.core_models import DataVersie

        version = DataVersie.objects.filter(pk=1).values_list("versie", flat=True).first()
        if version is None:
            DataVersie.objects.get_or_create(pk=1)
            version = 0
        version = str(version)
        if _in_request():
            _local.version = version
    return version


def _in_request() -> bool:
    # Outside a request (commands, tests calling functions) nothing is memoised.
    return getattr(_local, "in_request", False)


def bump_data_version(**kwargs) -> None:
    """Make every cached rendering stale."""
    from django.db.models import F

    from routekaart.core_models import DataVersie

    if not DataVersie.objects.filter(pk=1).update(versie=F("versie") + 1):
        DataVersie.objects.get_or_create(pk=1, defaults={"versie": 1})
    _local.version = None


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

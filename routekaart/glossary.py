"""The glossary as a {term: full form} mapping, cached per data version."""

import threading

from django.core.signals import request_finished, request_started

from routekaart.models import Begrip
from routekaart.versioning import cached_per_version

# A page marks up a dozen texts with the glossary: within one request it is taken from
# the cache (and unpickled) once, not once per text.
_request = threading.local()


def glossary() -> dict[str, str]:
    """Published glossary terms. One query per data version, then cached."""
    mapping = getattr(_request, "glossary", None)
    if mapping is None:
        mapping = cached_per_version(
            "glossary", lambda: dict(Begrip.objects.published().values_list("term", "voluit"))
        )
        if getattr(_request, "active", False):
            _request.glossary = mapping
    return mapping


def _start(**kwargs):
    _request.glossary = None
    _request.active = True


def _finish(**kwargs):
    _request.glossary = None
    _request.active = False


request_started.connect(_start, dispatch_uid="portal-glossary-start")
request_finished.connect(_finish, dispatch_uid="portal-glossary-finish")

"""Whole-page caching for anonymous visitors, keyed on the data version.

A public page depends only on its URL and the portal's data, so its rendering is
cached under (data version, full path). Any save bumps the version, so an edit
shows on the next request. The ETag carries the same version, so a browser that
revalidates gets a 304 without the page being rendered. Signed-in users (who may
see contact persons) always get a fresh, uncached page.
"""

import hashlib
from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import condition

from routekaart.versioning import data_version

TIMEOUT = 24 * 60 * 60


def _anonymous(request):
    # Reading request.user without a session cookie costs no query.
    return not request.user.is_authenticated


def _key(request):
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"portal:page:{data_version()}:{path}"


def _etag(request, *args, **kwargs):
    if not _anonymous(request):
        return None
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    return f"{data_version()}-{path}"


def cache_public_page(view):
    """Serve anonymous GET/HEAD requests from the page cache; see the module docstring."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or not _anonymous(request):
            return view(request, *args, **kwargs)
        key = _key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
        else:
            response = view(request, *args, **kwargs)
            if response.status_code == 200 and not response.streaming and not response.cookies:
                cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        # Browsers and proxies must revalidate, so an edit is never hidden by them.
        patch_cache_control(response, no_cache=True, public=True)
        return response

    return condition(etag_func=_etag)(wrapper)

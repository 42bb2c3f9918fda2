"""Whole-page caching for anonymous visitors, keyed on the data version.

A public page depends only on its URL and the portal's data. Views that say so carry
`@cache_public_page`; `PageCacheMiddleware` stores what they answer and serves it again
until the next write to portal data (routekaart/versioning.py), so an edit shows on the
next request.

The middleware sits just below the header middleware (security headers, CSP,
WhiteNoise) and above compression, sessions, auth, OTP, messages and axes. A hit is
answered there: none of those run, nothing is compressed again, and the bytes are the
ones stored, gzip or plain as the visitor accepts. The stored headers are the ones the
page left the lower middleware with (Content-Type, Content-Encoding, Content-Length,
Vary, ETag, Cache-Control, X-Frame-Options); the middleware above adds CSP, HSTS and
the rest to hits and misses alike, so both carry the same headers.

Only requests without a session or messages cookie are served from the cache: a
signed-in user (who may see contact persons) always gets a fresh page. The ETag
carries the data version, so a browser that revalidates gets a 304 without the page
being rendered, from the cache as well as from the view.
"""

import hashlib
import pickle
import threading
from collections import OrderedDict
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import condition

from routekaart.versioning import data_version

TIMEOUT = 24 * 60 * 60
ADMIN_PREFIX = "/beheer/"
# Set by @cache_public_page on a response the middleware may store.
MARK = "portal_public_page"
BODY_HEADERS = {"content-type", "content-length", "content-encoding"}


def _path_hash(request) -> str:
    return hashlib.sha256(request.get_full_path().encode()).hexdigest()


def _url_hash(request) -> str:
    # Scheme and host too: the open data carries absolute links built from them. The
    # Host header is not validated here: a page is only stored after the view ran, which
    # refuses a host outside ALLOWED_HOSTS, so an unknown host never finds a page.
    url = f"{request.scheme}://{request.META.get('HTTP_HOST', '')}{request.get_full_path()}"
    return hashlib.sha256(url.encode()).hexdigest()


def _etag(request, *args, **kwargs):
    if request.user.is_authenticated:
        return None
    return f"{data_version()}-{_path_hash(request)[:16]}"


def cache_public_page(view):
    """Mark the anonymous GET/HEAD answers of `view` as cacheable; see the module docstring."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.method in ("GET", "HEAD") and not request.user.is_authenticated:
            setattr(response, MARK, True)
        # Browsers and proxies must revalidate, so an edit is never hidden by them.
        patch_cache_control(response, no_cache=True, public=True)
        return response

    return condition(etag_func=_etag)(wrapper)


# Pages a process keeps of its own when the cache is shared (Redis): about 35 KB each.
RECENT_PAGES = 200


class _RecentPages:
    """The pages this process served last, pickled, by cache key (which holds the data
    version, so an entry is never stale, only unused). A hit then fetches only the small
    version token from Redis, not the page's bytes: with Redis on the same cores, moving
    35 KB per hit cost a tenth of the throughput (docs/benchmarks.md). Least recently
    used first out."""

    def __init__(self, size):
        self.size = size
        self.pages = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            data = self.pages.get(key)
            if data is not None:
                self.pages.move_to_end(key)
        # A fresh copy for every hit, as a cache would give: the response is changed later.
        return None if data is None else pickle.loads(data)

    def put(self, key, entry):
        data = pickle.dumps(entry, pickle.HIGHEST_PROTOCOL)
        with self.lock:
            self.pages[key] = data
            self.pages.move_to_end(key)
            while len(self.pages) > self.size:
                self.pages.popitem(last=False)


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.private_cookies = {settings.SESSION_COOKIE_NAME, "messages"}
        self.recent = _RecentPages(RECENT_PAGES)

    def __call__(self, request):
        if (
            request.method not in ("GET", "HEAD")
            or request.path.startswith(ADMIN_PREFIX)
            or not self.private_cookies.isdisjoint(request.COOKIES)
        ):
            return self.get_response(request)
        try:
            key = self._key(request, data_version())
        except (OperationalError, InterfaceError):
            # No database: the view path below answers with the Dutch 503 page.
            return self.get_response(request)
        shared = getattr(cache, "shared", False)
        entry = self.recent.get(key) if shared else None
        if entry is None:
            entry = cache.get(key)
            if entry is not None and shared:
                self.recent.put(key, entry)
        if entry is not None:
            return self._replay(request, entry)
        response = self.get_response(request)
        if (
            getattr(response, MARK, False)
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
        ):
            # The headers object itself: a hit restores it without checking each header
            # again, which was a tenth of the time of a hit.
            cache.set(key, (response.headers, response.content), TIMEOUT)
        return response

    @staticmethod
    def _key(request, version):
        """The page's cache key under the current data version."""
        # Two variants per page, as PublicGZipMiddleware below would answer them.
        gzip = re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        return f"portal:page2:{version}:{'gz' if gzip else 'id'}:{_url_hash(request)}"

    @staticmethod
    def _replay(request, entry):
        headers, content = entry
        response = HttpResponse(content)
        response.headers = headers
        conditional = get_conditional_response(
            request, etag=response.get("ETag"), response=response
        )
        if conditional is not response:
            # A 304 carries what the view's own 304 would (CORS on open data, for one),
            # but nothing that describes a body.
            for name, value in headers.items():
                if name.lower() not in BODY_HEADERS:
                    conditional.headers[name] = value
        return conditional

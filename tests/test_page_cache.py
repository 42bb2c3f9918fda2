"""The page cache: hits answered early, with the headers of a fresh response.

And the shared cache: with Redis, the data version lives in Redis (a hit needs no
database query), an edit shows at once, and an unreachable Redis means "no cache",
logged once, never an error page.
"""

import gzip
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from partners.models import Organisatie
from praktijken.models import Praktijk
from routekaart import cache_backends, versioning
from routekaart.versioning import TOKEN_KEY, bump_data_version, data_version
from tests.servers import free_port, redis_server

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/stappen/4-melden-en-veiligheidsbeoordeling/",
    "/praktijken/huwelijksdwang/",
    "/partners/?praktijk=huwelijksdwang&gemeente=GM0345",
    "/partners/lkha/",
    "/api/hsds/services?per_page=5",
]
HTTPS = {"secure": True, "headers": {"X-Forwarded-Proto": "https"}}


def _get(client, url, **extra):
    return client.get(url, secure=True, **extra)


def _is_hit(response) -> bool:
    # A hit is answered above the session and auth middleware and renders no template.
    request = response.wsgi_request
    return not hasattr(request, "user") and not hasattr(request, "session")


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
@pytest.mark.parametrize("url", PAGES)
@pytest.mark.parametrize("encoding", ["gzip", "identity"])
def test_hit_and_miss_carry_the_same_headers_and_bytes(client, content, url, encoding):
    miss = _get(client, url, HTTP_ACCEPT_ENCODING=encoding)
    hit = _get(client, url, HTTP_ACCEPT_ENCODING=encoding)
    assert miss.status_code == hit.status_code == 200
    assert not _is_hit(miss) and _is_hit(hit)
    assert dict(hit.items()) == dict(miss.items())
    for name in (
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "Referrer-Policy",
        "ETag",
        "Vary",
        "Permissions-Policy",
    ):
        assert hit.has_header(name), name
    assert hit.content == miss.content
    if encoding == "gzip" and not url.startswith("/api/"):
        assert hit["Content-Encoding"] == "gzip"
        assert b"<html" in gzip.decompress(hit.content)


def test_a_hit_is_not_compressed_again(client, content):
    _get(client, "/", HTTP_ACCEPT_ENCODING="gzip")
    with mock.patch("django.middleware.gzip.compress_string", side_effect=AssertionError):
        hit = _get(client, "/", HTTP_ACCEPT_ENCODING="gzip")
    assert _is_hit(hit) and hit["Content-Encoding"] == "gzip"


def test_the_two_encodings_are_stored_apart(client, content):
    plain = _get(client, "/", HTTP_ACCEPT_ENCODING="identity")
    packed = _get(client, "/", HTTP_ACCEPT_ENCODING="gzip")
    assert not _is_hit(packed), "the gzip variant is a miss of its own"
    assert "Content-Encoding" not in plain
    assert gzip.decompress(packed.content) == plain.content


def test_revalidation_from_the_cache_is_a_304_like_the_views(client, content):
    url = "/api/hsds/services?per_page=5"
    first = _get(client, url)
    from_view = _get(client, "/api/hsds/services?per_page=6")
    view_304 = _get(client, "/api/hsds/services?per_page=6", HTTP_IF_NONE_MATCH=from_view["ETag"])
    hit_304 = _get(client, url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert hit_304.status_code == view_304.status_code == 304
    assert _is_hit(hit_304)
    assert hit_304.content == b""
    assert set(dict(hit_304.items())) == set(dict(view_304.items()))


def test_a_session_cookie_always_gets_a_fresh_page(client, content, admin_user):
    _get(client, "/partners/lkha/")
    client.force_login(admin_user)
    fresh = _get(client, "/partners/lkha/")
    assert not _is_hit(fresh)
    assert fresh.wsgi_request.user.is_authenticated


def test_a_messages_cookie_gets_a_fresh_page(client, content):
    _get(client, "/")
    client.cookies["messages"] = "x"
    assert not _is_hit(_get(client, "/"))


def test_post_and_admin_are_never_served_from_the_cache(client, content):
    _get(client, "/zoeken/?q=vgv")
    assert client.post("/").status_code == 405
    _get(client, "/beheer/login/")
    assert not _is_hit(_get(client, "/beheer/login/"))


def test_an_edit_shows_on_the_next_request(client, content):
    praktijk = Praktijk.objects.get(slug="huwelijksdwang")
    _get(client, praktijk.get_absolute_url())
    praktijk.naam = "Huwelijksdwang (bewerkt)"
    praktijk.save()
    again = _get(client, praktijk.get_absolute_url())
    assert not _is_hit(again)
    assert "Huwelijksdwang (bewerkt)" in again.content.decode()


def test_a_hit_reads_only_the_data_version(client, content):
    _get(client, "/stappen/4-melden-en-veiligheidsbeoordeling/")
    with CaptureQueriesContext(connection) as queries:
        hit = _get(client, "/stappen/4-melden-en-veiligheidsbeoordeling/")
    assert _is_hit(hit)
    assert len(queries) == 1 and "routekaart_dataversie" in queries[0]["sql"]


# --- The shared cache (Redis) ---------------------------------------------------


@pytest.fixture
def running_redis():
    server = redis_server()
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _redis_caches(url):
    return override_settings(
        CACHES={
            "default": {
                "BACKEND": "routekaart.cache_backends.ResilientRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "test",
                "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
            }
        }
    )


@pytest.fixture
def shared_cache(running_redis):
    with _redis_caches(running_redis.url):
        cache.clear()
        cache_backends.reset()
        yield running_redis
    cache_backends.reset()


def test_with_redis_a_hit_needs_no_database_query(client, content, shared_cache):
    url = "/partners/?praktijk=huwelijksdwang&gemeente=GM0345"
    _get(client, url)
    with CaptureQueriesContext(connection) as queries:
        hit = _get(client, url)
    assert _is_hit(hit)
    assert len(queries) == 0
    assert shared_cache.client().dbsize() > 0


def test_with_redis_an_edit_shows_on_the_next_request(
    client, content, shared_cache, django_capture_on_commit_callbacks
):
    _get(client, "/partners/lkha/")
    before = data_version()
    partner = Organisatie.objects.get(slug="lkha")
    partner.naam = partner.naam + " (bewerkt)"
    with django_capture_on_commit_callbacks(execute=True):
        partner.save()
    assert data_version() != before
    again = _get(client, "/partners/lkha/")
    assert not _is_hit(again) and "(bewerkt)" in again.content.decode()


def test_with_redis_a_rolled_back_edit_keeps_the_version(content, shared_cache):
    before = data_version()
    with transaction.atomic():
        bump_data_version()
        transaction.set_rollback(True)
    assert data_version() == before


def test_with_redis_every_bump_gives_a_new_token(
    content, shared_cache, django_capture_on_commit_callbacks
):
    seen = {data_version()}
    for _ in range(5):
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            bump_data_version()
            assert data_version() in seen, "the token changes at the commit, not before"
        assert len(callbacks) == 1
        seen.add(data_version())
    assert len(seen) == 6


def test_a_lost_token_is_derived_from_the_database(content, shared_cache):
    bump_data_version()
    cache.delete(TOKEN_KEY)
    from routekaart.core_models import DataVersie

    assert data_version() == f"db-{DataVersie.objects.get(pk=1).versie}"


def test_an_unreachable_redis_is_no_cache_logged_once(client, content, caplog):
    with _redis_caches(f"redis://127.0.0.1:{free_port()}/0"):
        cache_backends.reset()
        with caplog.at_level(logging.WARNING, logger="routekaart.cache_backends"):
            for url in PAGES:
                assert _get(client, url).status_code == 200
            assert not _is_hit(_get(client, "/"))
            with mock.patch.object(cache_backends, "RETRY_SECONDS", 0):
                assert _get(client, "/").status_code == 200
        cache_backends.reset()
    warnings = [r for r in caplog.records if "Redis unreachable" in r.getMessage()]
    assert len(warnings) == 1


def test_caching_resumes_when_redis_returns(client, content, shared_cache, caplog):
    _get(client, "/")
    shared_cache.stop()
    with mock.patch.object(cache_backends, "RETRY_SECONDS", 0):
        with caplog.at_level(logging.WARNING, logger="routekaart.cache_backends"):
            down = _get(client, "/")
            assert down.status_code == 200 and not _is_hit(down)
            shared_cache.start()
            _get(client, "/")
            hit = _get(client, "/")
    assert _is_hit(hit)
    messages = [r.getMessage() for r in caplog.records]
    assert sum("Redis unreachable" in m for m in messages) == 1
    assert sum("Redis reachable again" in m for m in messages) == 1


def test_with_redis_cached_pages_survive_a_database_outage(client, content, shared_cache):
    _get(client, "/stappen/")
    down = mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("connection refused"),
    )
    with down:
        cached = _get(client, "/stappen/")
        fresh = _get(client, "/bronnen/")
    assert cached.status_code == 200 and _is_hit(cached)
    assert fresh.status_code == 503
    assert "Tijdelijk niet beschikbaar" in fresh.content.decode()


def _sent_commands():
    """Every command this process sends to Redis, on any connection, while active:
    single commands and pipelines (which skip `send_command`) both pass through
    `send_packed_command`."""
    from redis.connection import AbstractConnection

    return mock.patch.object(
        AbstractConnection,
        "send_packed_command",
        autospec=True,
        side_effect=AbstractConnection.send_packed_command,
    )


def test_with_redis_a_hit_needs_no_round_trip_to_redis(client, content, shared_cache):
    """The page's bytes come from Redis once per process, then from its recent pages;
    the version token is the one this process keeps, which Redis tells it of."""
    url = "/stappen/"
    _get(client, url)
    _get(client, url)
    with _sent_commands() as sent, override_settings(DATA_VERSION_RECHECK_SECONDS=3600):
        hit = _get(client, url)
    assert _is_hit(hit)
    assert sent.call_args_list == []


def test_with_redis_a_token_published_elsewhere_is_used_without_reading_it(content, shared_cache):
    """Another server's bump reaches this process as a message: no GET, no query."""
    data_version()
    cache.publish(TOKEN_KEY, "token-van-server-b", 60)
    with (
        _sent_commands() as sent,
        CaptureQueriesContext(connection) as queries,
        override_settings(DATA_VERSION_RECHECK_SECONDS=3600),
    ):
        assert data_version() == "token-van-server-b"
    assert sent.call_args_list == [] and len(queries) == 0


def test_with_redis_the_kept_token_is_read_again_after_a_while(content, shared_cache):
    """A token changed without a message (a lost publish, an expired key) is read
    within DATA_VERSION_RECHECK_SECONDS; until then the process keeps its own."""
    data_version()  # subscribes
    kept = data_version()
    cache.set(TOKEN_KEY, "stil-gewijzigd", 60)
    with override_settings(DATA_VERSION_RECHECK_SECONDS=3600):
        assert data_version() == kept
    with override_settings(DATA_VERSION_RECHECK_SECONDS=0):
        assert data_version() == "stil-gewijzigd"


def test_with_redis_a_restart_makes_every_process_read_the_token_again(
    content, shared_cache, django_capture_on_commit_callbacks
):
    """A broken subscription may have missed a message: the token is read afresh."""
    data_version()
    shared_cache.stop()
    shared_cache.start()
    with mock.patch.object(cache_backends, "RETRY_SECONDS", 0):
        from routekaart.core_models import DataVersie

        # The restarted Redis is empty: the token is derived from the database again.
        assert data_version() == f"db-{DataVersie.objects.get(pk=1).versie}"
        with django_capture_on_commit_callbacks(execute=True):
            bump_data_version()
        assert data_version() == cache.get(TOKEN_KEY)


def test_with_redis_a_repair_makes_every_process_read_the_token_again(content, shared_cache):
    data_version()
    cache.set(TOKEN_KEY, "na-herstel", 60)
    # What a process does when Redis returns after a bump it could not publish.
    versioning._token_lost.set()
    versioning.repair_after_outage(cache)
    from routekaart.core_models import DataVersie

    assert data_version() == f"db-{DataVersie.objects.get(pk=1).versie}"


def test_with_redis_a_page_another_server_rendered_is_read_from_redis(
    client, content, shared_cache
):
    url = "/stappen/"
    first = _get(client, url)
    # As on a second server: a new handler has its own, empty, recent pages.
    hit = _get(Client(), url)
    assert _is_hit(hit) and hit.content == first.content


def test_with_redis_a_stale_guess_is_never_served(
    client, content, shared_cache, django_capture_on_commit_callbacks
):
    praktijk = Praktijk.objects.get(slug="vgv")
    _get(client, praktijk.get_absolute_url())
    praktijk.naam = "VGV (bewerkt)"
    with django_capture_on_commit_callbacks(execute=True):
        praktijk.save()
    # This process guessed the old token; the page under it must not be served.
    again = _get(client, praktijk.get_absolute_url())
    assert not _is_hit(again) and "VGV (bewerkt)" in again.content.decode()


def test_an_unknown_host_is_refused_not_served_from_the_cache(client, content):
    _get(client, "/")
    assert client.get("/", secure=True, HTTP_HOST="evil.example").status_code == 400
    assert client.get("/", secure=True, HTTP_HOST="evil.example").status_code == 400

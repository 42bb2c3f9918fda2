"""Robustness: fuzzed GET parameters, malformed requests and a database that is down."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = [pytest.mark.usefixtures("content"), pytest.mark.once]

MARKER = "<x-fuzz onmouseover=alert(1)>"

nasty = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "%00",
        "' OR '1'='1",
        "1; DROP TABLE partners_organisatie; --",
        "<script>alert(1)</script>",
        MARKER,
        "../../etc/passwd",
        "GM0345",
        "gm0345",
        "VT20",
        "-1",
        "0",
        "99999999999999999999",
        "1e309",
        "NaN",
        "[]",
        "{}",
        "null",
        "%",
        "_",
        "\\",
        "🙂" * 50,
        "x" * 10_000,
        "vgv",
        "huwelijksdwang",
        "5",
        "lokaal",
        "veilig-thuis",
    ]
)
values = st.one_of(nasty, st.text(max_size=300), st.integers().map(str))
# Several values per parameter: repeated parameters are part of the input space.
param_values = st.lists(values, min_size=1, max_size=3)

VIEWS = {
    "/partners/": ["q", "praktijk", "stap", "niveau", "type", "regio", "gemeente", "pagina"],
    "/zoeken/": ["q", "pagina"],
    "/bronnen/": ["soort", "praktijk", "stap"],
    "/stappen/praktijkvoorbeelden/": ["soort", "praktijk", "stap", "gemeente"],
    "/gemeenten/": ["gemeente"],
}


def _query(draw_params):
    return [(key, value) for key, vals in draw_params.items() for value in vals]


@pytest.mark.parametrize("path", list(VIEWS))
def test_fuzzed_get_parameters_never_cause_a_server_error(path):
    client = Client()
    names = st.sampled_from(VIEWS[path] + ["onbekend", "q[]", ""])

    @settings(
        max_examples=500,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(st.dictionaries(names, param_values, max_size=5))
    def check(params):
        response = client.get(path, _query(params))
        allowed = {200, 400, 404} | ({302} if path == "/gemeenten/" else set())
        assert response.status_code in allowed
        body = response.content.decode(errors="replace")
        assert MARKER not in body
        assert "<script>alert(1)</script>" not in body

    check()


@pytest.mark.parametrize(
    "prefix",
    [
        "/gemeenten/",
        "/partners/",
        "/praktijken/",
        "/stappen/",
        "/rol-en-kader/",
        "/regios/",
        "/routekaart/",
    ],
)
def test_fuzzed_slugs_are_404_not_500(prefix):
    client = Client()

    @settings(max_examples=60, deadline=None, derandomize=True)
    @given(st.text(min_size=1, max_size=80))
    def check(slug):
        from urllib.parse import quote

        response = client.get(prefix + quote(slug, safe="") + "/")
        assert response.status_code in {200, 301, 404}

    check()


@pytest.mark.parametrize(
    "path",
    [
        "/static/../routekaart/settings.py",
        "/static/..%2f..%2fmanage.py",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/gemeenten/..%2f..%2fetc%2fpasswd/",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "//etc/passwd",
        "/partners/%00/",
    ],
)
def test_path_traversal_is_refused(client, path):
    response = client.get(path)
    assert response.status_code in {400, 404}
    assert b"SECRET_KEY" not in response.content and b"root:" not in response.content


PUBLIC_URLS = [
    "/",
    "/praktijken/vgv/",
    "/stappen/1-preventie/",
    "/rol-en-kader/",
    "/bronnen/",
    "/stappen/praktijkvoorbeelden/",
    "/begrippen/",
    "/partners/",
    "/partners/lkha/",
    "/gemeenten/",
    "/gemeenten/ede/",
    "/regios/",
    "/zoeken/?q=vgv",
    "/veilig-internetten/",
    "/healthz",
]


@pytest.mark.parametrize("url", PUBLIC_URLS)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "trace", "BREW"])
def test_unknown_methods_are_405(url, method):
    response = Client().generic(method.upper(), url)
    assert response.status_code == 405


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_head_requests(client, url):
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize(
    "host", ["evil.example.org", "127.0.0.1:8000\r\nX: y", "a" * 300, "[::1", "local host"]
)
def test_invalid_host_header_is_400(client, host):
    assert client.get("/", HTTP_HOST=host).status_code == 400


def test_oversized_query_string(client):
    response = client.get("/partners/?q=" + "a" * 100_000 + "&gemeente=" + "b" * 100_000)
    assert response.status_code in {200, 400}


def test_post_without_csrf_is_403():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/beheer/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403


def test_database_down_gives_dutch_503_and_recovers(client):
    with mock.patch(
        "routekaart.caching.data_version", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/stappen/")
        assert response.status_code == 503
        assert "Tijdelijk niet beschikbaar" in response.content.decode()
        assert response["Retry-After"] == "60"
    # No restart: the next request is served normally.
    assert client.get("/stappen/").status_code == 200

"""The headers of a hardened site, mirroring the MDN HTTP Observatory's tests.

The Observatory scores: CSP (no unsafe-inline/eval, default-src restricted,
frame-ancestors, base-uri, form-action, object-src), cookies (Secure, HttpOnly,
SameSite, __Host- prefix), CORS (no wildcard), redirection to HTTPS, Referrer-Policy,
HSTS (at least six months), Subresource Integrity (only for other origins: we have
none), X-Content-Type-Options and X-Frame-Options / frame-ancestors.
"""

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("content")
BASE_DIR = Path(__file__).resolve().parent.parent

PUBLIC = [
    "/",
    "/praktijken/vgv/",
    "/stappen/5-beschermen/",
    "/rol-en-kader/",
    "/routekaart/naar-beleid-en-uitvoering/",
    "/bronnen/",
    "/stappen/praktijkvoorbeelden/",
    "/begrippen/",
    "/partners/",
    "/partners/?praktijk=vgv&gemeente=GM0345",
    "/partners/pharos/",
    "/gemeenten/",
    "/gemeenten/veenendaal/",
    "/regios/",
    "/regios/veilig-thuis-utrecht/",
    "/regios/?laag=ggd",
    "/regios/veilig-thuis-utrecht/zelfscan/",
    "/zelfscan/",
    "/zoeken/?q=eerwraak",
    "/zoeken/?q=niets-te-vinden-xyz",
    "/veilig-internetten/",
    "/toegankelijkheid/",
    "/over/",
    "/bestaat-niet/",
]


def csp_directives(header):
    return {
        part.split()[0]: part.split()[1:] for part in (p.strip() for p in header.split(";")) if part
    }


def assert_hardened(response):
    csp = csp_directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    for sources in csp.values():
        assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
        assert "*" not in sources and "http:" not in sources and "https:" not in sources
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    policy = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in policy
    assert response.get("Access-Control-Allow-Origin") != "*"


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_are_hardened(client, url):
    response = client.get(url)
    assert_hardened(response)
    assert response["Referrer-Policy"] == "no-referrer"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_is_hardened(client):
    response = client.get("/beheer/login/")
    assert response.status_code == 200
    assert_hardened(response)
    assert response["Referrer-Policy"] in {"no-referrer", "same-origin"}


def test_static_files_are_hardened(client):
    response = client.get("/static/css/site.css")
    # Release the file handle. Not response.close(): that sends request_finished, which
    # closes the database connection inside the test transaction on PostgreSQL.
    b"".join(response.streaming_content)
    for closer in response._resource_closers:
        closer()
    assert response.status_code == 200
    assert_hardened(response)
    assert response["Referrer-Policy"] == "no-referrer"


def test_hsts_of_a_year_and_https_redirect_in_production(settings):
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_SSL_REDIRECT = True
    client = Client()
    assert client.get("/over/").status_code == 301
    response = client.get("/over/", secure=True)
    hsts = response["Strict-Transport-Security"]
    assert int(re.search(r"max-age=(\d+)", hsts).group(1)) >= 31_536_000


def test_production_cookies_use_the_host_prefix_and_are_secure():
    env = {
        k: v for k, v in os.environ.items() if k not in {"HTTPS_ONLY", "DEBUG", "STATIC_MANIFEST"}
    }
    env.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="routekaart.example.org")
    code = (
        "from django.conf import settings as s; print(s.SESSION_COOKIE_NAME, "
        "s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.SECURE_HSTS_SECONDS)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.stdout.strip().splitlines()[-1].split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "True",
        "Lax",
        "31536000",
    ], out.stderr


class AssetParser(HTMLParser):
    """Collects the URLs a browser would fetch or submit to: not plain outbound links."""

    FETCHED = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "embed": "src",
        "object": "data",
        "form": "action",
        "audio": "src",
        "video": "src",
    }

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in self.FETCHED and attrs.get(self.FETCHED[tag]):
            self.urls.append(attrs[self.FETCHED[tag]])
        if attrs.get("style") and "url(" in attrs["style"]:
            self.urls.append(attrs["style"])


@pytest.mark.parametrize("url", PUBLIC)
def test_no_third_party_assets(client, url):
    parser = AssetParser()
    parser.feed(client.get(url).content.decode())
    foreign = [u for u in parser.urls if not u.startswith("/") or u.startswith("//")]
    assert not foreign


def test_stylesheets_load_nothing_from_other_origins():
    for css in (BASE_DIR / "static").rglob("*.css"):
        text = css.read_text()
        for match in re.findall(r"url\(([^)]*)\)", text):
            target = match.strip("'\" ")
            assert not re.match(r"(https?:)?//", target), (css, target)
        assert "@import" not in text, css


def _through_csp(response, **request_attrs):
    """Pass a response through the portal's CSP middleware, as the last step of a request."""
    from django.test import RequestFactory

    from routekaart.middleware import CSPMiddleware

    request = RequestFactory().get("/")
    middleware = CSPMiddleware(lambda r: response)
    middleware.process_request(request)
    for name, value in request_attrs.items():
        setattr(request, name, value)
    return middleware.process_response(request, response)


def test_the_built_once_policy_is_the_one_django_csp_builds(settings):
    from csp.utils import build_policy
    from django.http import HttpResponse

    for _ in range(2):  # built on the first response, reused on the second
        assert _through_csp(HttpResponse())["Content-Security-Policy"] == build_policy()
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert _through_csp(HttpResponse())["Content-Security-Policy"] == "default-src 'none'"


def test_a_response_with_its_own_policy_parts_or_a_nonce_gets_them(settings):
    from csp.constants import NONCE, SELF
    from django.http import HttpResponse

    response = HttpResponse()
    response._csp_update = {"img-src": ["https://example.org"]}
    assert "https://example.org" in _through_csp(response)["Content-Security-Policy"]
    response = HttpResponse()
    response._csp_exempt = True
    assert "Content-Security-Policy" not in _through_csp(response)
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [SELF, NONCE]}}
    header = _through_csp(HttpResponse(), _csp_nonce="abc123")["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-abc123'" in header

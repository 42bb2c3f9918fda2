"""Two app servers on one PostgreSQL and one Redis, as docs/deployment.md describes.

The module starts a Redis of its own, creates a PostgreSQL database of its own, and
runs the portal twice under gunicorn (gunicorn.conf.py, two workers each) on different
ports. It checks what a load balancer in front of them relies on:

- the page cache is shared: a page one server rendered is a Redis hit on the other;
- an edit in the admin of one server shows at once on the other;
- a session made on one server is valid on the other; login failures count across both;
- with Redis stopped, both serve every page (uncached) and each worker process logs
  the outage once; when Redis returns, caching resumes without a restart.

Everything it started is stopped, and its database dropped, whatever the outcome.
Needs PostgreSQL (TWO_SERVERS_POSTGRES_URL, default 127.0.0.1:5432, user postgres) and
redis-server; without them it skips, unless REQUIRE_SERVERS=1 (CI).
"""

import http.cookiejar
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.servers import BASE_DIR, Gunicorn, redis_server, require

PG_URL = os.environ.get("TWO_SERVERS_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
WORKERS = 2
ADMIN = ("beheerder", "twee-servers-" + secrets.token_urlsafe(12))
HOST = "127.0.0.1"
UNREACHABLE = "Redis unreachable"
BACK = "Redis reachable again"

pytestmark = pytest.mark.once


def _postgres():
    try:
        import psycopg

        return psycopg.connect(
            PG_URL.replace("postgres://", "postgresql://"), autocommit=True, connect_timeout=3
        )
    except Exception as exc:  # noqa: BLE001 - any failure means: no PostgreSQL here
        require(False, f"needs PostgreSQL at {PG_URL} ({exc.__class__.__name__})")


class Cluster:
    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.redis = redis_server()
        self.database = f"two_servers_{os.getpid()}"
        self.servers: list[Gunicorn] = []

    def start(self):
        self.redis.start()
        with _postgres() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}"')
            conn.execute(f'CREATE DATABASE "{self.database}"')
        env = {
            **os.environ,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": PG_URL.rsplit("/", 1)[0] + "/" + self.database,
            "CACHE_URL": self.redis.url,
            "HTTPS_ONLY": "0",
            "ALLOWED_HOSTS": "127.0.0.1",
            "STATIC_MANIFEST": "0",
            "ADMIN_REQUIRE_2FA": "0",
            "AXES_FAILURE_LIMIT": "3",
            "WEB_CONCURRENCY": str(WORKERS),
            "LOG_LEVEL": "WARNING",
            # Never read the kept data version again on a timer: an edit must reach the
            # other server through Redis's message alone.
            "DATA_VERSION_RECHECK_SECONDS": "3600",
        }
        env.pop("DEBUG", None)
        self.env = env
        self.manage("migrate", "--noinput", "-v0")
        self.manage("load_content", "-v0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({ADMIN[0]!r}, 'twee@example.org', "
            f"{ADMIN[1]!r})",
        )
        for name in ("a", "b"):
            server = Gunicorn(env, log_path=self.workdir / f"{name}.log")
            self.servers.append(server)
            server.start()

    def manage(self, *args) -> str:
        if args[0] == "shell":
            args = ("shell", "--no-imports", *args[1:])
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def log(self, index: int) -> str:
        return self.servers[index].log_path.read_text()

    def stop(self):
        for server in self.servers:
            server.stop()
        self.redis.stop()
        with _postgres() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


@pytest.fixture(scope="module")
def cluster():
    with tempfile.TemporaryDirectory(prefix="routekaart-two-servers-") as workdir:
        cluster = Cluster(Path(workdir))
        try:
            cluster.start()
            yield cluster
        finally:
            cluster.stop()


# --- HTTP ---------------------------------------------------------------------------


class Browser:
    """A cookie-keeping client that does not follow redirects."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect
        )

    def request(self, url, data=None, headers=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        # One public host name for both servers, as a load balancer passes it on.
        req = urllib.request.Request(url, data=body, headers={"Host": HOST, **(headers or {})})
        try:
            with self.opener.open(req, timeout=30) as response:
                return response.status, response.read().decode(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(), dict(error.headers)

    def cookie(self, name):
        return next((c.value for c in self.cookies if c.name == name), None)


def get(url):
    return Browser().request(url)


class FormFields(HTMLParser):
    """The fields a browser would submit from a POST form (by id, or the first one)."""

    def __init__(self, form_id=None):
        super().__init__()
        self.form_id = form_id
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.done = False
        self.select = None
        self.option_value = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and a.get("method", "").lower() == "post":
            self.in_form = self.form_id is None or a.get("id") == self.form_id
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("submit", "button", "file", "image"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in a:
            self.fields.append((self.select, a.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            # The HTML parser drops the one newline a browser drops after <textarea>.
            self.fields.append((self.textarea[0], self.textarea[1]))
            self.textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def form_fields(html, form_id=None):
    parser = FormFields(form_id)
    parser.feed(html)
    return parser.fields


def log_in(browser, base, username, password):
    status, html, _ = browser.request(f"{base}/beheer/login/")
    assert status == 200
    token = dict(form_fields(html))["csrfmiddlewaretoken"]
    return browser.request(
        f"{base}/beheer/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": password},
        headers={"Referer": f"{base}/beheer/login/"},
    )


def redis_stats(cluster):
    info = cluster.redis.client().info("stats")
    return info["keyspace_hits"], info["keyspace_misses"]


def redis_writes(cluster) -> int:
    """SET calls so far: a server that renders a page stores it; a cache hit writes nothing.

    (Keyspace misses are no measure: a worker that guesses an outdated version token
    misses under that guess, then reads the current token and hits.)
    """
    stats = cluster.redis.client().info("commandstats")
    return stats.get("cmdstat_set", {}).get("calls", 0)


PAGE = "/praktijken/huwelijksdwang/"


# One of each kind of page, then whatever the links lead to.
SEEDS = [
    "/",
    "/gemeenten/veenendaal/",
    "/gemeenten/",
    "/partners/lkha/",
    "/partners/?praktijk=huwelijksdwang&gemeente=GM0345",
    "/regios/",
    "/zoeken/?q=meldcode",
    "/vermoeden/?praktijk=vgv&gemeente=Venlo&situatie=vertrek",
    "/zelfscan/",
    "/stappen/praktijkvoorbeelden/?praktijk=vgv",
    "/open-data/",
    "/api/hsds/services?per_page=5",
]


def crawl(base, limit=80):
    """The seeds and their internal links, breadth first; every page must answer 200."""
    seen, queue, statuses = set(), list(SEEDS), {}
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        status, html, _ = get(base + path)
        statuses[path] = status
        for href in re.findall(r'href="(/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            if not href.startswith(("/static/", "/beheer/")) and href not in seen:
                queue.append(href)
    return statuses


# --- The tests ----------------------------------------------------------------------


def test_a_page_rendered_on_one_server_is_a_cache_hit_on_the_other(cluster):
    a, b = (s.url for s in cluster.servers)
    status, from_a, _ = get(a + "/stappen/")
    assert status == 200
    hits, _ = redis_stats(cluster)
    writes = redis_writes(cluster)
    status, from_b, _ = get(b + "/stappen/")
    assert status == 200 and from_b == from_a
    assert redis_writes(cluster) == writes, "server b rendered a page that server a had cached"
    assert redis_stats(cluster)[0] >= hits + 1


def test_an_edit_on_one_server_shows_at_once_on_the_other(cluster):
    a, b = (s.url for s in cluster.servers)
    assert "Huwelijksdwang" in get(b + PAGE)[1]  # cached on b now
    pk = cluster.manage(
        "shell",
        "-c",
        "from praktijken.models import Praktijk; "
        "print(Praktijk.objects.get(slug='huwelijksdwang').pk)",
    ).strip()
    editor = Browser()
    assert log_in(editor, a, *ADMIN)[0] == 302
    change = f"{a}/beheer/praktijken/praktijk/{pk}/change/"
    status, html, _ = editor.request(change)
    assert status == 200
    fields = [
        (name, "Huwelijksdwang (gewijzigd op server a)" if name == "naam" else value)
        for name, value in form_fields(html, "praktijk_form")
    ]
    assert ("naam", "Huwelijksdwang (gewijzigd op server a)") in fields
    status, html, _ = editor.request(change, fields + [("_save", "1")], {"Referer": change})
    assert status == 302, html[:2000]
    assert "Huwelijksdwang (gewijzigd op server a)" in get(b + PAGE)[1]


def test_a_session_from_one_server_is_valid_on_the_other(cluster):
    a, b = (s.url for s in cluster.servers)
    browser = Browser()
    assert log_in(browser, a, *ADMIN)[0] == 302
    status, html, _ = browser.request(f"{b}/beheer/")
    assert status == 200
    assert 'action="/beheer/logout/"' in html, "server b does not know the session"


def test_login_failures_count_across_servers(cluster):
    a, b = (s.url for s in cluster.servers)
    cluster.manage(
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('redacteur2', password='juist-wachtwoord-123456', "
        "is_staff=True)",
    )
    for base in (a, b):
        assert log_in(Browser(), base, "redacteur2", "fout")[0] == 200
    # The third failure (the limit) locks, on a: a counted the one made on b.
    assert log_in(Browser(), a, "redacteur2", "fout")[0] == 429
    status, _, _ = log_in(Browser(), b, "redacteur2", "juist-wachtwoord-123456")
    assert status == 429, "server b must know the failures made on server a"


def test_without_redis_both_serve_every_page_and_log_it_once(cluster):
    cluster.redis.stop()
    try:
        for server in cluster.servers:
            statuses = crawl(server.url)
            assert len(statuses) >= 60
            assert {p: s for p, s in statuses.items() if s != 200} == {}
        for index in (0, 1):
            count = cluster.log(index).count(UNREACHABLE)
            # Once per worker process that met the outage, not once per request.
            assert 1 <= count <= WORKERS, cluster.log(index)[-3000:]
        # An edit while Redis is away shows at once too: the version comes from PostgreSQL.
        cluster.manage(
            "shell",
            "-c",
            "from praktijken.models import Praktijk; "
            "p = Praktijk.objects.get(slug='huwelijksdwang'); p.naam = 'Huwelijksdwang'; p.save()",
        )
        for server in cluster.servers:
            assert "gewijzigd op server a" not in get(server.url + PAGE)[1]
    finally:
        cluster.redis.start()


def test_caching_resumes_when_redis_returns(cluster):
    a, b = (s.url for s in cluster.servers)
    # Each worker retries Redis two seconds after its last failure.
    time.sleep(2.5)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for base in (a, b):
            for _ in range(2 * WORKERS):
                assert get(base + "/stappen/")[0] == 200
        if cluster.redis.client().dbsize() > 0:
            break
        time.sleep(0.5)
    assert cluster.redis.client().dbsize() > 0
    get(a + "/rol-en-kader/")
    writes = redis_writes(cluster)
    for _ in range(2 * WORKERS):
        assert get(b + "/rol-en-kader/")[0] == 200
    assert redis_writes(cluster) == writes, "server b rendered what server a cached"
    for index in (0, 1):
        assert BACK in cluster.log(index)

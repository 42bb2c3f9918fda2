"""Real-browser tests: Debian's Chromium, driven by Playwright, against a live server.

The live server ("portal"; not pytest-django's live_server, which needs the test
database) is gunicorn on a free loopback port with its own temporary SQLite
database, migrated and loaded with the real content fixtures. It does not share the
pytest-django test database, so the suite runs the same in CI's SQLite and PostgreSQL
passes. A second tiny HTTP server plays the neutral site that the quick-exit button
leaves for, and records the Referer header of every request it gets.

Without Playwright or /usr/bin/chromium the tests skip with the reason; with
REQUIRE_BROWSER=1 (as in .ci/run) they fail instead, so CI cannot pass by skipping.
Playwright never downloads a browser here: we launch the system Chromium.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.browser.helpers import DESKTOP

BASE_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium refuses its sandbox
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ADMIN_USERNAME = "browsertest"
ADMIN_PASSWORD = secrets.token_urlsafe(24)
ARTIFACTS = BASE_DIR / "var" / "browser-artifacts"


def _missing_browser():
    """Why the browser tests cannot run here, or None."""
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        return f"Playwright or axe-playwright-python is missing ({exc}); pip install -e '.[test]'"
    if not os.access(CHROMIUM, os.X_OK):
        return f"no Chromium at {CHROMIUM}; install Debian's package: apt-get install chromium"
    return None


@pytest.fixture(scope="session")
def _browser_available():
    reason = _missing_browser()
    if reason:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(f"browser tests skipped: {reason}")


# --- The neutral site ---------------------------------------------------------------


class NeutralSite:
    """A stand-in for the neutral website; remembers (path, Referer) per request."""

    def __init__(self):
        self.requests = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server API
                # The favicon request comes from the neutral page itself, not from us.
                if self.path != "/favicon.ico":
                    site.requests.append((self.path, self.headers.get("Referer")))
                body = (
                    b"<!DOCTYPE html><html lang='nl'><head><title>Neutrale site</title>"
                    b"<link rel='icon' href='data:,'></head>"
                    b"<body><h1>Neutrale site</h1></body></html>"
                )
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def referers(self):
        return [referer for _, referer in self.requests]

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def neutral_site(_browser_available):
    site = NeutralSite()
    yield site
    site.close()


@pytest.fixture
def neutral(neutral_site):
    """The neutral site, with its request log emptied for this test."""
    neutral_site.requests.clear()
    return neutral_site


# --- The live server ----------------------------------------------------------------


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveServer:
    def __init__(self, workdir: Path, quick_exit_url: str):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "HTTPS_ONLY": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
            # WhiteNoise serves straight from static/, so no collectstatic step.
            "STATIC_MANIFEST": "0",
            "QUICK_EXIT_URL": quick_exit_url,
            # Production requires TOTP for the admin; the axe run logs in with a password.
            "ADMIN_REQUIRE_2FA": "0",
            "LOG_LEVEL": "WARNING",
        }
        self.log_path = workdir / "server.log"
        self.proc = None

    def manage(self, *args):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        if result.returncode:
            output = f"{result.stdout}\n{result.stderr}"
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{output}")

    def start(self):
        self.manage("migrate", "--noinput", "--verbosity", "0")
        self.manage("load_content", "--verbosity", "0")
        self.manage(
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_superuser({ADMIN_USERNAME!r}, "
            f"'browsertest@example.org', {ADMIN_PASSWORD!r})",
        )
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [
                    gunicorn,
                    "routekaart.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "2",
                    "--threads",
                    "4",
                    "--graceful-timeout",
                    "2",
                ],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"the live server did not start:\n{self.log_path.read_text()[-4000:]}")

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="session")
def portal(neutral_site):
    with tempfile.TemporaryDirectory(prefix="routekaart-browser-") as workdir:
        server = LiveServer(Path(workdir), neutral_site.url)
        server.start()
        try:
            yield server
        finally:
            server.stop()


# --- Playwright -------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(_browser_available):
    """One Chromium for the whole session; every test gets its own context."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_test_failed = report.failed
    return report


@pytest.fixture
def new_page(request, browser, portal):
    """Factory: new_page(viewport=PHONE, java_script_enabled=False, ...) -> Page.

    Each call opens a fresh context (no cookies, no history). On failure the pages
    are saved as screenshots in var/browser-artifacts/ for the CI log.
    """
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(
            base_url=portal.url, viewport=viewport, locale="nl-NL", **options
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    if getattr(request.node, "browser_test_failed", False):
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                name = f"{request.node.name}-{i}-{j}".replace("/", "_")[:150]
                try:
                    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
                except Exception:  # noqa: BLE001 - a screenshot must not hide the failure
                    pass
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A desktop-sized page with JavaScript on."""
    return new_page()


@pytest.fixture(scope="session")
def admin_state(browser, portal):
    """Cookies of a logged-in superuser, logging in once through the real login form."""
    context = browser.new_context(base_url=portal.url)
    try:
        page = context.new_page()
        page.goto("/beheer/login/")
        page.fill("#id_username", ADMIN_USERNAME)
        page.fill("#id_password", ADMIN_PASSWORD)
        with page.expect_navigation():
            page.click("[type=submit]")
        assert page.url.endswith("/beheer/"), (
            f"admin login failed in the browser: {page.url}\n{page.inner_text('body')[:500]}"
        )
        return context.storage_state()
    finally:
        context.close()

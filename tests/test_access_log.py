"""The access log keeps no query strings and no visitor addresses (issue 12, privacy)."""

import os
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent


def make_run_gunicorn_options():
    """The options `make run` gives gunicorn (after the WSGI module), $(PORT) left out."""
    makefile = (BASE_DIR / "Makefile").read_text(encoding="utf-8")
    line = next(line for line in makefile.splitlines() if "gunicorn routekaart.wsgi" in line)
    options = shlex.split(line.split("routekaart.wsgi", 1)[1])
    if "--bind" in options:
        del options[options.index("--bind") : options.index("--bind") + 2]
    return options


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def gunicorn_log(tmp_path):
    """Start gunicorn as `make run` does (its options, and gunicorn.conf.py); yield a
    function that requests a path and returns the access log so far."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "HTTPS_ONLY": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": "x" * 50,
        "DEBUG": "0",
    }
    log = tmp_path / "gunicorn.log"
    with log.open("wb") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "routekaart.wsgi",
                *make_run_gunicorn_options(),
                "--bind",
                f"127.0.0.1:{port}",
            ],
            cwd=BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        def request(path):
            opener = urllib.request.build_opener(NoRedirect)
            try:
                opener.open(f"http://127.0.0.1:{port}{path}", timeout=10)
            except urllib.error.HTTPError:
                pass  # a redirect or an error page: only the log line matters
            for _ in range(50):  # the worker writes the line just after the response
                if path.split("?")[0] in log.read_text():
                    break
                time.sleep(0.1)
            return log.read_text()

        yield request
    finally:
        server.terminate()
        server.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_the_access_log_has_the_path_but_no_query_string_and_no_address(gunicorn_log):
    text = gunicorn_log("/weg/?q=huwelijksdwang+zus&gemeente=GM0983")
    lines = [line for line in text.splitlines() if '"GET /weg/' in line]
    assert lines, text
    assert "huwelijksdwang" not in text and "GM0983" not in text
    assert "?" not in lines[0]
    assert "127.0.0.1" not in lines[0]
    assert '"GET /weg/ HTTP/1.1" 302' in lines[0]


@pytest.mark.django_db
def test_the_privacy_text_says_what_is_logged_and_for_how_long(client):
    html = client.get("/over/").content.decode()
    section = html[html.index('id="serverlogboek"') :]
    section = section[: section.index("</p>")]
    assert "zonder" in section and "IP-adres" in section and "14 dagen" in section

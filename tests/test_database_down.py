"""The real thing on PostgreSQL: the database goes away and comes back, no restart.

A small TCP forwarder sits between a gunicorn server and PostgreSQL. Closing the
forwarder makes the database unreachable; opening it again brings it back. The
server must answer 503 with the Dutch maintenance page (and /healthz 503) while
the database is away, and serve pages again once it is back.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.db import connection

BASE_DIR = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="needs PostgreSQL (DATABASE_URL=postgres://…); the in-process 503 test covers SQLite",
)


class Forwarder:
    """Forwards 127.0.0.1:<port> to PostgreSQL until stopped; can be started again."""

    def __init__(self, target):
        self.target = target
        self.port = _free_port()
        self.sockets = []
        self.server = None

    def start(self):
        self.server = socket.socket()
        self.server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.server.bind(("127.0.0.1", self.port))
        self.server.listen(16)
        threading.Thread(target=self._accept, args=(self.server,), daemon=True).start()

    def stop(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        try:
            self.server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.server.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()
        self.sockets = []

    def _accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src, dst):
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


@pytest.mark.django_db
def test_postgres_down_and_back_without_restart():
    url = urlsplit(os.environ["DATABASE_URL"])
    forwarder = Forwarder((url.hostname or "127.0.0.1", url.port or 5432))
    forwarder.start()
    # The test database pytest-django made; the server reaches it through the forwarder.
    db_url = (
        f"postgres://{url.username or 'postgres'}@127.0.0.1:{forwarder.port}/"
        f"{connection.settings_dict['NAME']}"
    )
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": db_url,
        "SECRET_KEY": "x" * 50,
        "HTTPS_ONLY": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_MANIFEST": "0",
        "LOG_LEVEL": "CRITICAL",
    }
    env.pop("DEBUG", None)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "routekaart.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--log-level",
            "critical",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if _get(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        assert _get(base + "/healthz")[0] == 200
        assert _get(base + "/veilig-internetten/")[0] == 200

        forwarder.stop()
        status, body = _get(base + "/stappen/")
        assert status == 503
        assert "Tijdelijk niet beschikbaar" in body
        assert _get(base + "/healthz")[0] == 503

        forwarder.start()
        assert _get(base + "/healthz")[0] == 200
        assert _get(base + "/stappen/")[0] in (200, 404)  # 404: this test DB has no content
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        forwarder.stop()

"""Real servers on 127.0.0.1 for the load test and the multi-server tests.

Redis and gunicorn, each on a free port, started and stopped by the caller
(scripts/load.py, tests/servers.py). Nothing here listens beyond the loopback.
"""

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


class RedisServer:
    """A throwaway Redis that keeps nothing on disk; start(), stop() and start() again."""

    def __init__(self, binary: str | None = None):
        self.binary = binary or shutil.which("redis-server") or "redis-server"
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.url)


class Gunicorn:
    """The portal under gunicorn with gunicorn.conf.py, in its own process group."""

    def __init__(self, env: dict, *, log_path: Path | None = None, args=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.log_path = log_path
        self.args = list(args)
        self.process = None

    def start(self, health_headers: dict | None = None) -> None:
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        try:
            self.process = subprocess.Popen(
                [gunicorn, "routekaart.wsgi", "--bind", f"127.0.0.1:{self.port}", *self.args],
                cwd=BASE_DIR,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        finally:
            if self.log_path:
                log.close()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                request = urllib.request.Request(
                    self.url + "/healthz", headers=health_headers or {}
                )
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        self.stop()
        log_tail = self.log_path.read_text()[-4000:] if self.log_path else ""
        raise RuntimeError(f"gunicorn did not start on port {self.port}\n{log_tail}")

    def stop(self) -> None:
        import os
        import signal

        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.process = None

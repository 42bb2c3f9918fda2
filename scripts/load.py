"""Load test: the production server configuration on 127.0.0.1, measured with wrk.

Usage: python scripts/load.py [--seconds 8] [--connections 50] [--write docs/benchmarks.md]

Starts gunicorn with production settings (DEBUG off, hashed static files, HTTPS
enforced behind a proxy header that wrk sends), on a SQLite database in var/ with
the real content and 10,000 fictitious partners. For each page, and for a static
file of the same size served by the same server, it runs wrk and prints requests
per second, p50 and p99 latency, errors, and the page's throughput as a share of
the static file's. Everything stays on 127.0.0.1; the whole run is bounded
(about 60 seconds of load).
"""

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VAR = BASE_DIR / "var" / "load"
PAGES = [
    ("home", "/", "routekaart"),
    ("stap", "/stappen/4-melden-en-veiligheidsbeoordeling/", "routekaart"),
    ("sociale kaart, gefilterd", "/partners/?praktijk=huwelijksdwang&gemeente=GM0345", "directory"),
    ("partnerpagina", "/partners/lkha/", "directory"),
]
TARGETS = {"routekaart": 0.75, "directory": 0.50}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(env):
    VAR.mkdir(parents=True, exist_ok=True)
    db = VAR / "load.sqlite3"
    if not db.exists():
        run = [sys.executable, "manage.py"]
        subprocess.run(run + ["migrate", "-v0"], cwd=BASE_DIR, env=env, check=True)
        subprocess.run(run + ["load_content", "-v0"], cwd=BASE_DIR, env=env, check=True)
        subprocess.run(
            run + ["generate_fictitious_partners", "--count", "10000"],
            cwd=BASE_DIR,
            env=env,
            check=True,
        )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=BASE_DIR,
        env=env,
        check=True,
    )


def wrk(url, seconds, connections):
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            "X-Forwarded-Proto: https",
            "-H",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    lat = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", out, re.M))
    errors = 0
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors += int(m.group(1))
    if m := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out):
        errors += sum(int(x) for x in m.groups())
    return {"rps": rps, "p50": lat.get("50", "?"), "p99": lat.get("99", "?"), "errors": errors}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 2))
    parser.add_argument("--write", help="Append the table to this Markdown file.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    port = free_port()
    env = {
        **os.environ,
        "SECRET_KEY": "load-test-" + "x" * 40,
        "BEHIND_PROXY": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": "sqlite:///var/load/load.sqlite3",
        "STATIC_ROOT": str(VAR / "static"),
        "LOG_LEVEL": "WARNING",
    }
    for key in ("DEBUG", "HTTPS_ONLY", "STATIC_MANIFEST"):
        env.pop(key, None)
    prepare(env)
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "routekaart.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        cwd=BASE_DIR,
        env=env,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(60):
            try:
                req = urllib.request.Request(
                    base + "/healthz", headers={"X-Forwarded-Proto": "https"}
                )
                urllib.request.urlopen(req, timeout=2)
                break
            except OSError:
                time.sleep(0.5)
        rows = []
        for name, path, kind in PAGES:
            req = urllib.request.Request(base + path, headers={"X-Forwarded-Proto": "https"})
            body = urllib.request.urlopen(req, timeout=10).read()
            static = VAR / "static" / "loadtest" / f"{name.split(',')[0].replace(' ', '-')}.html"
            static.parent.mkdir(parents=True, exist_ok=True)
            static.write_bytes(body)
            rows.append((name, path, kind, static, len(body)))
        # WhiteNoise indexes STATIC_ROOT at start-up: restart so it serves the copies.
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        server = subprocess.Popen(server.args, cwd=BASE_DIR, env=env, start_new_session=True)
        time.sleep(3)
        results = []
        for name, path, kind, static, size in rows:
            page = wrk(base + path, args.seconds, args.connections)
            ref = wrk(
                f"{base}/static/loadtest/{static.name}", args.seconds // 2 or 1, args.connections
            )
            ratio = page["rps"] / ref["rps"] if ref["rps"] else 0
            results.append((name, size, page, ref, ratio, TARGETS[kind]))
            print(
                f"{name}: {page['rps']:.0f} req/s (p50 {page['p50']}, p99 {page['p99']}, "
                f"{page['errors']} fouten); statisch bestand {ref['rps']:.0f} req/s; "
                f"verhouding {ratio:.0%} (doel {TARGETS[kind]:.0%})",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    table = [
        "| pagina | grootte (bytes) | req/s | p50 | p99 | fouten | statisch req/s | "
        "verhouding | doel |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, size, page, ref, ratio, target in results:
        table.append(
            f"| {name} | {size} | {page['rps']:.0f} | {page['p50']} | {page['p99']} | "
            f"{page['errors']} | {ref['rps']:.0f} | {ratio:.0%} | ≥ {target:.0%} |"
        )
    print("\n".join(table))
    if args.write:
        with open(args.write, "a") as f:
            f.write(
                f"\n## Belastingstest (`make load`)\n\nwrk, {args.connections} verbindingen, "
                f"{args.seconds} s per pagina, gunicorn met {args.workers} workers, "
                f"productie-instellingen, SQLite met 10.000 fictieve partners.\n\n"
                + "\n".join(table)
                + "\n"
            )


if __name__ == "__main__":
    main()

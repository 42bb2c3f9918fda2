"""Load test: the production server configuration on 127.0.0.1, measured with wrk.

Usage: python scripts/load.py [--seconds 4] [--rounds 3] [--connections 50]
                              [--configs sqlite,postgres] [--workers N] [--write docs/benchmarks.md]

One run measures two set-ups with the same gunicorn.conf.py and production settings
(DEBUG off, hashed static files, HTTPS enforced behind a proxy header that wrk sends),
each with the real content and 10,000 fictitious partners:

- sqlite:   SQLite in var/load/, the page cache in local memory (the embedded default);
- postgres: PostgreSQL (database `routekaart_load` on LOAD_POSTGRES_URL) and a Redis
            the script starts itself on a free port, as several app servers would share.

For each page it first fetches the page once (filling the cache), writes a static file
of the same bytes, and then runs wrk against the page and against that static file,
served by the same gunicorn through WhiteNoise, in turns (three rounds by default). It
prints requests per second, p50 and p99 latency, errors, and the page's throughput as a
share of the static file's. Everything stays on 127.0.0.1; each set-up takes about two
minutes of load.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.servers import BASE_DIR, Gunicorn, RedisServer  # noqa: E402

VAR = BASE_DIR / "var" / "load"
PG_URL = os.environ.get("LOAD_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
PAGES = [
    ("home", "/", "routekaart"),
    ("stap", "/stappen/4-melden-en-veiligheidsbeoordeling/", "routekaart"),
    ("sociale kaart, gefilterd", "/partners/?praktijk=huwelijksdwang&gemeente=GM0345", "directory"),
    ("partnerpagina", "/partners/lkha/", "directory"),
]
TARGETS = {"routekaart": 0.75, "directory": 0.50}
HTTPS = {"X-Forwarded-Proto": "https"}
CONFIGS = {
    "sqlite": "SQLite, cache in lokaal geheugen",
    "postgres": "PostgreSQL, gedeelde Redis-cache",
}


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=BASE_DIR, env=env, check=True)


def prepare(config: str, env: dict) -> None:
    """A database with the content and 10,000 partners; built once, migrated every run."""
    marker = VAR / f"{config}.filled"
    if config == "sqlite":
        db = VAR / "load.sqlite3"
        if not db.exists():
            marker.unlink(missing_ok=True)
    else:
        import psycopg

        with psycopg.connect(PG_URL.replace("postgres://", "postgresql://"), autocommit=True) as c:
            exists = c.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'routekaart_load'"
            ).fetchone()
            if not exists:
                c.execute("CREATE DATABASE routekaart_load")
                marker.unlink(missing_ok=True)
    manage(env, "migrate", "-v0")
    if not marker.exists():
        manage(env, "load_content", "-v0")
        manage(env, "generate_fictitious_partners", "--count", "10000")
        marker.touch()
    manage(env, "collectstatic", "--noinput", "-v0")


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


def _combine(runs: list[dict]) -> dict:
    """Several wrk runs as one: mean rate, summed errors, the latencies of the middle run."""
    middle = sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]
    return {
        "rps": sum(r["rps"] for r in runs) / len(runs),
        "p50": middle["p50"],
        "p99": middle["p99"],
        "errors": sum(r["errors"] for r in runs),
    }


def measure(config: str, args) -> list[tuple]:
    static_root = VAR / f"static-{config}"
    env = {
        **os.environ,
        "SECRET_KEY": "load-test-" + "x" * 40,
        "BEHIND_PROXY": "1",
        "ALLOWED_HOSTS": "127.0.0.1",
        "STATIC_ROOT": str(static_root),
        "LOG_LEVEL": "WARNING",
    }
    for key in ("DEBUG", "HTTPS_ONLY", "STATIC_MANIFEST", "CACHE_URL", "WEB_CONCURRENCY"):
        env.pop(key, None)
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    redis = None
    if config == "sqlite":
        env["DATABASE_URL"] = "sqlite:///var/load/load.sqlite3"
    else:
        env["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + "/routekaart_load"
        redis = RedisServer()
        redis.start()
        env["CACHE_URL"] = redis.url
    server = Gunicorn(env, args=["--access-logfile", "/dev/null", "--log-level", "warning"])
    try:
        prepare(config, env)
        # Fetch each page once (this fills the cache) and keep its bytes as a static file.
        server.start(HTTPS)
        rows = []
        for name, path, kind in PAGES:
            req = urllib.request.Request(server.url + path, headers=HTTPS)
            body = urllib.request.urlopen(req, timeout=10).read()
            static = static_root / "loadtest" / f"{name.split(',')[0].replace(' ', '-')}.html"
            static.parent.mkdir(parents=True, exist_ok=True)
            static.write_bytes(body)
            rows.append((name, path, kind, static, len(body)))
        # WhiteNoise indexes STATIC_ROOT at start-up: restart so it serves the copies.
        server.stop()
        server.start(HTTPS)
        results = []
        for name, path, kind, static, size in rows:
            # Page and static file take turns, so a slower minute of a shared machine
            # weighs on both alike; the ratio is of the summed rates.
            static_url = f"{server.url}/static/loadtest/{static.name}"
            rounds = [
                (
                    wrk(server.url + path, args.seconds, args.connections),
                    wrk(static_url, args.seconds, args.connections),
                )
                for _ in range(args.rounds)
            ]
            page, ref = (_combine([r[i] for r in rounds]) for i in (0, 1))
            ratio = page["rps"] / ref["rps"] if ref["rps"] else 0
            results.append((name, size, page, ref, ratio, TARGETS[kind]))
            print(
                f"[{config}] {name}: {page['rps']:.0f} req/s (p50 {page['p50']}, p99 "
                f"{page['p99']}, {page['errors']} fouten); statisch bestand {ref['rps']:.0f} "
                f"req/s; verhouding {ratio:.0%} (doel {TARGETS[kind]:.0%})",
                flush=True,
            )
        return results
    finally:
        server.stop()
        if redis:
            redis.stop()


def table(results) -> str:
    lines = [
        "| pagina | grootte (bytes) | req/s | p50 | p99 | fouten | statisch req/s | "
        "verhouding | doel |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, size, page, ref, ratio, target in results:
        met = "gehaald" if ratio >= target and page["errors"] == 0 else "**niet gehaald**"
        lines.append(
            f"| {name} | {size} | {page['rps']:.0f} | {page['p50']} | {page['p99']} | "
            f"{page['errors']} | {ref['rps']:.0f} | {ratio:.0%} | ≥ {target:.0%} ({met}) |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=4, help="Per wrk run.")
    parser.add_argument("--rounds", type=int, default=3, help="Page and static runs, in turns.")
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--configs", default="sqlite,postgres")
    parser.add_argument("--workers", type=int, help="Default: gunicorn.conf.py (2 × cores + 1).")
    parser.add_argument("--write", help="Append the tables to this Markdown file.")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk not found: apt-get install wrk")
    VAR.mkdir(parents=True, exist_ok=True)
    sections = []
    for config in args.configs.split(","):
        results = measure(config, args)
        section = f"### {CONFIGS[config]}\n\n{table(results)}\n"
        print(section, flush=True)
        sections.append(section)
    if args.write:
        workers = (
            args.workers
            or f"gunicorn.conf.py, {2 * (os.cpu_count() or 1) + 1} op {os.cpu_count()} cores"
        )
        with open(args.write, "a") as f:
            f.write(
                f"\n## Belastingstest (`make load`)\n\nwrk, {args.connections} verbindingen, "
                f"{args.rounds} × {args.seconds} s per pagina en per statisch bestand, om en om, "
                f"workers: {workers}, "
                "productie-instellingen, 10.000 fictieve partners.\n\n" + "\n".join(sections)
            )


if __name__ == "__main__":
    main()

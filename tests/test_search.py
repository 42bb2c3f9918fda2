"""Site search: relevance set, bad input, synonyms, suggestions, privacy, index upkeep."""

import json
from pathlib import Path

import pytest
from django.db import connection

from partners.models import Organisatie
from routekaart.models import ZoekIndex, ZoekStatistiek
from routekaart.search import search
from tests.conftest import page_names

pytestmark = pytest.mark.usefixtures("content")

RELEVANCE = json.loads((Path(__file__).parent / "data" / "search_relevance.json").read_text())


def _applies(case):
    return connection.vendor == "postgresql" or case.get("sqlite", True)


def test_relevance_set_precision_at_3(capsys):
    """Every query finds its expected page in the top 3 (typo cases only on PostgreSQL)."""
    cases = [c for c in RELEVANCE if _applies(c)]
    misses = []
    for case in cases:
        top = [r.url for r in search(case["q"])[:3]]
        if case["expect"] not in top:
            misses.append((case["q"], case["expect"], top))
    precision = (len(cases) - len(misses)) / len(cases)
    with capsys.disabled():
        print(
            f"\nzoeken ({connection.vendor}): precisie@3 = {precision:.2f} "
            f"over {len(cases)} van {len(RELEVANCE)} zoekvragen"
        )
    assert len(RELEVANCE) >= 30
    assert not misses


def test_search_page_groups_and_highlights(client):
    html = client.get("/zoeken/?q=meisjesbesnijdenis").content.decode()
    assert "resultaten voor ‘meisjesbesnijdenis’" in html
    assert ">Praktijk</h2>" in html
    assert "<mark>" in html
    assert 'href="/praktijken/vgv/"' in html


def test_search_is_paginated(client):
    response = client.get("/zoeken/?q=veilig")
    assert response.context["count"] > 20
    assert 'rel="next"' in response.content.decode()
    assert client.get("/zoeken/?q=veilig&pagina=2").status_code == 200


def test_gemeente_query_leads_with_gemeente_page(client):
    response = client.get("/zoeken/?q=Veenendaal")
    assert response.context["page"].object_list[0].url == "/gemeenten/veenendaal/"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "?!.,;",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "a\x00b",
        "x" * 5000,
        "%",
        "_",
        "\\",
        "é" * 300,
        "🙂",
        "DROP TABLE routekaart_zoekindex;",
    ],
)
def test_bad_input_gives_a_page_with_a_message(client, query):
    response = client.get("/zoeken/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    assert ZoekIndex.objects.exists()


def test_script_is_echoed_escaped(client):
    html = client.get("/zoeken/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_no_results_suggests_closest_terms_and_the_gemeente_box(client):
    """A typo either still finds the page (correction, trigrams) or gets a suggestion."""
    response = client.get("/zoeken/?q=Veenendal")
    html = response.content.decode()
    if response.context["count"]:
        assert "/gemeenten/veenendaal/" in html
    else:
        assert "Bedoelde u" in html and "?q=veenendaal" in html
        assert 'name="gemeente"' in html
    html = client.get("/zoeken/?q=qqqzzzxxx").content.decode()
    assert "Geen resultaten gevonden" in html and 'name="gemeente"' in html


def test_only_aggregate_counts_of_empty_searches_are_kept(client):
    client.get("/zoeken/?q=qwertyzzz")
    client.get("/zoeken/?q=QWERTYZZZ")
    client.get("/zoeken/?q=meisjesbesnijdenis")
    stats = list(ZoekStatistiek.objects.values_list("zoekterm", "aantal"))
    assert stats == [("qwertyzzz", 2)]
    field_names = {f.name for f in ZoekStatistiek._meta.get_fields()}
    assert not field_names & {"user", "ip", "ip_address", "gebruiker", "session"}


def test_directory_text_filter_uses_the_same_engine(client):
    names = page_names(client.get("/partners/?q=meisjesbesnijdenis"))
    assert "Pharos" in names


def test_index_follows_saves_and_unpublishing(client):
    pharos = Organisatie.objects.get(slug="pharos")
    pharos.naam = "Pharos kenniscentrum zeldzaamwoord"
    pharos.save()
    assert any(r.url == "/partners/pharos/" for r in search("zeldzaamwoord"))
    pharos.status = "gearchiveerd"
    pharos.save()
    assert not any(r.url == "/partners/pharos/" for r in search("zeldzaamwoord"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgres_stemming_and_compounds():
    assert any("/stappen/4-" in r.url for r in search("meldingen")[:5])
    assert any("kindermishandeling" in r.titel.lower() for r in search("mishandeling")[:5])
    assert ZoekIndex.objects.filter(zoekvector__isnull=False).count() == ZoekIndex.objects.count()

"""Search that finds what is there (issue 12): examples, whole words, synonyms, suggestions."""

import json
import re
from pathlib import Path

import pytest

from routekaart.search import better_queries, search
from routekaart.search_words import suggestions, words

pytestmark = pytest.mark.usefixtures("content")


def test_practice_examples_are_searched():
    results = search("cultuurvertalers")
    assert results, "the Ede example of cultuurvertalers must be found"
    assert results[0].soort == "voorbeeld"
    assert results[0].url.endswith("#preventie-cultuurvertalers-ede")


def test_quotes_are_searched():
    assert any(r.soort == "citaat" for r in search("beleidsmedewerker"))


def test_a_short_query_matches_whole_words_and_the_gemeente_leads():
    results = search("Ede")
    assert results[0].url == "/gemeenten/ede/"
    titles = [r.titel for r in results]
    assert not any(t in titles for t in ("Heemstede", "Nederland"))
    assert len(results) < 20


def test_a_long_word_still_finds_compounds():
    assert any("kindermishandeling" in r.snippet.lower() for r in search("mishandeling"))


def test_highlight_marks_whole_short_words_only(client):
    html = client.get("/zoeken/?q=adviezen+en").content.decode()
    assert "Advi<mark>ezen</mark>" not in html and "Advi<mark>en" not in html
    assert "<mark>en</mark>" in html or "<mark>Adviezen</mark>" in html


@pytest.mark.parametrize("query", ["dos and donts", "do's en don'ts", "Dos & donts"])
def test_dos_and_donts_find_the_chapter_section(query):
    urls = [r.url for r in search(query)[:3]]
    assert any("dos-en-donts" in url for url in urls), urls


def test_a_suggestion_is_a_better_query_never_a_random_word():
    assert "zand" not in suggestions("dos and donts") and "land" not in suggestions("dos and donts")
    assert better_queries("xyzzy plugh") == []
    fixed = better_queries("cultuurvertalerz")
    assert fixed and search(fixed[0])


def test_zero_results_page_offers_no_suggestion_that_finds_nothing(client):
    response = client.get("/zoeken/?q=dos+and+dontsxq")
    assert response.status_code == 200
    for suggestion in response.context["suggestions"]:
        assert search(suggestion), suggestion


@pytest.mark.parametrize(
    "typed,meant",
    [
        ("meldcod", "meldcode"),
        ("huwelijksdwnag", "huwelijksdwang"),
        ("Huwelijksdwnag", "huwelijksdwang"),
        ("cultuurvertalrs", "cultuurvertalers"),
        ("meisjesbesnijdnis", "meisjesbesnijdenis"),
        ("dos and dont", "dos and donts"),
    ],
)
def test_a_misspelling_gets_the_portal_term_and_only_that(typed, meant):
    """One suggestion: the closest term of the portal's own words that finds something."""
    assert better_queries(typed) == [meant]


@pytest.mark.parametrize(
    "query",
    [
        "xyzzy plugh",
        "meldcode",
        "huwelijksdwang",
        "Ede",
        "land",
        "vrijheden",
        "dos and donts",
        "praktijkvoorbeelden",
    ],
)
def test_no_suggestion_when_no_better_query_exists(query):
    """A query that is already a portal word (or finds nothing close) gets no 'Bedoelde u'."""
    assert better_queries(query) == []


def test_the_search_page_proposes_the_corrected_term(client):
    """A typo that was corrected silently still shows what was searched instead."""
    response = client.get("/zoeken/?q=meldcod")
    html = response.content.decode()
    assert response.context["count"] > 0
    assert response.context["suggestions"] == ["meldcode"]
    assert "Bedoelde u" in html and 'href="?q=meldcode"' in html
    response = client.get("/zoeken/?q=meldcode")
    assert response.context["suggestions"] == []


def _source_text():
    from django.conf import settings

    for base in (Path(settings.BASE_DIR).parent, Path(settings.BASE_DIR).parent.parent):
        source = base / "shared" / "seeds" / "000_e4adee540860faa3.txt"
        if source.exists():
            return source.read_text()
    return None


def _normalised(text):
    """Folded words without apostrophes and the connectors 'and', 'en', '&'."""
    text = text.replace("'", "").replace("\u2019", "")
    return " ".join(w for w in words(text) if w not in {"and", "en"})


def _inflections(term):
    """The term and the term with a plural ending dropped from its words."""
    yield term
    yield " ".join(re.sub(r"(en|s)$", "", w) for w in term.split())


def test_synonyms_added_for_the_field_come_from_the_source_text():
    """Every term of the synonym groups added for issue 12 occurs in the source text
    (as written, without apostrophes or connectors, or as a plural of a source word)."""
    source = _source_text()
    if source is None:
        pytest.skip("the source text is not next to this checkout")
    text = f" {_normalised(source)} "
    fixture = Path(__file__).parent.parent / "fixtures" / "content" / "05-synoniemen.json"
    groups = [o["fields"]["termen"] for o in json.loads(fixture.read_text()) if o["pk"] >= 8]
    assert groups
    invented = [
        term.strip()
        for group in groups
        for term in group.split(";")
        if not any(f" {t} " in text for t in _inflections(_normalised(term)))
    ]
    assert not invented


def test_personal_stories_are_searched():
    """The stories that illustrate a practice are found and link to the practice page."""
    results = [r for r in search("sexting") if r.soort == "verhaal"]
    assert [r.url for r in results] == ["/praktijken/eergerelateerd-geweld/#verhaal-verhaal-ilona"]
    assert results[0].titel == "Het verhaal van Ilona"


def test_a_word_of_a_partner_name_is_not_corrected():
    """Partner names are not offered as suggestions, but a word in one is still known."""
    from partners.models import Organisatie

    pharos = Organisatie.objects.get(slug="pharos")
    pharos.naam = "Pharos meldcodes"
    pharos.save()
    assert any(r.url == "/partners/pharos/" for r in search("meldcodes"))
    assert better_queries("meldcodes") == []


def test_word_lists_are_unpickled_once_per_data_version(client, monkeypatch):
    """The local-memory cache unpickles on every get: a search reads its process-local
    copy of the known words and vocabulary instead (1.5 ms a read at 10,000 partners)."""
    from django.core.cache import cache

    client.get("/zoeken/?q=meldcod")
    reads = []
    real_get = cache.get

    def counting_get(key, *args, **kwargs):
        reads.append(key)
        return real_get(key, *args, **kwargs)

    monkeypatch.setattr(cache, "get", counting_get)
    response = client.get("/zoeken/?q=huwelijksdwnag")
    assert response.context["suggestions"] == ["huwelijksdwang"]
    assert not [k for k in reads if "known-words" in k or "vocabulary" in k or "synonyms" in k]

"""Whole words (issue 12): a query matches and is highlighted as words, not inside them.

Short terms (up to four letters) match whole words only, terms of five to seven
letters match at the start of a word ("melding" finds "meldingen", "Assen" does not
find Wassenaar), longer ones also inside compounds ("mishandeling" in
"kindermishandeling"). The same on SQLite and PostgreSQL.
"""

import re

import pytest

from routekaart.search import search
from routekaart.search_words import term_pattern, word_spans

pytestmark = pytest.mark.usefixtures("content")

INSIDE_A_WORD = re.compile(r"\w<mark>|</mark>(?=\w)")


@pytest.mark.parametrize(
    "term,text,marked",
    [
        ("ede", "Heemstede en Ede", ["Ede"]),
        ("en", "Adviezen en meldingen", ["en"]),
        ("assen", "Wassenaar, passen en Assen", ["Assen"]),
        ("melden", "meldende melden", ["meldende", "melden"]),
        ("mishandeling", "kindermishandeling.", ["kindermishandeling"]),
    ],
)
def test_term_pattern_marks_words_not_pieces(term, text, marked):
    assert [text[a:b] for a, b in word_spans(term_pattern([term]), text)] == marked


@pytest.mark.parametrize("query,gemeente", [("Assen", "Wassenaar"), ("Laren", "klaren")])
def test_a_five_letter_gemeente_is_not_found_inside_other_words(client, query, gemeente):
    results = search(query)
    assert results[0].url.startswith(f"/gemeenten/{query.lower()}")
    assert not any(gemeente.lower() in r.titel.lower() for r in results)
    html = client.get("/zoeken/", {"q": query}).content.decode()
    assert not INSIDE_A_WORD.search(html), INSIDE_A_WORD.findall(html)[:5]


@pytest.mark.parametrize("query", ["Ede", "en", "dwang", "thuis", "Assen", "melden", "meldcod"])
def test_no_highlight_inside_a_word(client, query):
    html = client.get("/zoeken/", {"q": query}).content.decode()
    assert not INSIDE_A_WORD.search(html)


@pytest.mark.parametrize("query", ["Ede", "gemeente Ede", "Gemeente  ede"])
def test_the_gemeente_leads(query):
    assert search(query)[0].url == "/gemeenten/ede/"


def test_ede_finds_the_ede_example_but_not_heemstede():
    results = search("Ede")
    urls = [r.url for r in results]
    assert urls[0] == "/gemeenten/ede/"
    assert any(u.endswith("#preventie-cultuurvertalers-ede") for u in urls)
    assert not any("heemstede" in u or "nederland" in u for u in urls)


def test_highlight_escapes_first_and_marks_words_of_the_text():
    """Marks are placed on the text, then escaped: a term never lands inside an entity."""
    from routekaart.templatetags.portal import highlight

    assert highlight("Tom & Jerry <b>amp</b>", ["amp"]) == (
        "Tom &amp; Jerry &lt;b&gt;<mark>amp</mark>&lt;/b&gt;"
    )


def test_a_corrected_query_highlights_the_word_it_searched(client):
    html = client.get("/zoeken/", {"q": "meldcod"}).content.decode()
    assert re.search(r"<mark>[Mm]eldcode</mark>", html)

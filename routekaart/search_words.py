"""Words of the site search: normalising, synonyms, spelling corrections, suggestions.

Part of the core: it imports no app. Synonym groups come from the Synoniem
records and from what apps register (the glossary registers its term ↔ full form
pairs); the vocabulary for "Bedoelde u …?" comes from the index itself.
"""

import difflib
import re
import unicodedata

from django.core.cache import cache

from routekaart import search_registry
from routekaart.versioning import data_version, memoised_per_version

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
_WORD = re.compile(r"[a-z0-9+]+")
DAY = 24 * 60 * 60

# The word lists are built once per data version for all servers (in the cache) and
# kept as a copy in each process (memoised_per_version): the local-memory cache
# unpickles a value on every get, and one search asks for them several times (1.5 ms
# each for the known words). Each copy gets a generation, which keys the corrections.
_generation = [0]
_corrections: dict[tuple, str | None] = {}


def _cached(name: str, build):
    """(generation, value) of `build()`, cached per data version."""

    def load():
        key = f"portal:{name}:{data_version()}"
        value = cache.get(key)
        if value is None:
            value = build()
            cache.set(key, value, timeout=DAY)
        _generation[0] += 1
        return _generation[0], value

    return memoised_per_version(f"search-words:{name}", load)


# How a term may match, by its length. Up to SHORT_TERM letters: whole words only
# ("ede" not in Heemstede, "en" not in Adviezen). Up to COMPOUND_TERM - 1: at the
# start of a word ("melding" in meldingen, "assen" not in Wassenaar). From
# COMPOUND_TERM: also inside a word, for Dutch compounds ("mishandeling" in
# kindermishandeling). A phrase of several words matches from a word start.
SHORT_TERM = 4
COMPOUND_TERM = 8


def is_short(term: str) -> bool:
    """A single word of at most SHORT_TERM letters ("ede", "en", "egg")."""
    return len(term) <= SHORT_TERM and " " not in term


def fits_inside(term: str) -> bool:
    """A single word long enough to be found inside a compound."""
    return len(term) >= COMPOUND_TERM and " " not in term


def term_pattern(terms) -> re.Pattern | None:
    """A case-insensitive regex for the terms, by the length rules above.

    The one rule for what counts as a match when a snippet is cut and highlighted.
    It finds where a match starts; `word_spans` widens each match to its whole word.
    """
    terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    if not terms:
        return None
    parts = []
    for t in terms:
        if is_short(t):
            parts.append(rf"(?<!\w){re.escape(t)}(?!\w)")
        elif fits_inside(t):
            parts.append(re.escape(t))
        else:
            parts.append(rf"(?<!\w){re.escape(t)}")
    return re.compile("(" + "|".join(parts) + ")", re.IGNORECASE)


def word_spans(pattern: re.Pattern, text: str):
    """(start, end) of each whole word in `text` that holds a match of `pattern`:
    "melden" marks all of "meldende", "mishandeling" all of "kindermishandeling"."""
    end = 0
    for found in pattern.finditer(text):
        if found.start() < end:
            continue
        start, end = found.start(), found.end()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            start -= 1
        while end < len(text) and (text[end].isalnum() or text[end] == "_"):
            end += 1
        yield start, end


def fold(text: str) -> str:
    """Lowercase without accents: 'Súdwest-Fryslân' -> 'sudwest-fryslan'."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def clean_query(raw: str) -> str:
    """Strip control characters (NUL included) and surrounding space."""
    return "".join(ch for ch in raw if ch.isprintable()).strip()


def synonym_groups() -> list[list[str]]:
    """Groups of folded phrases that mean the same, cached per data version."""
    return _cached("synonyms", _build_synonym_groups)[1]


def _synonym_phrases() -> list[list[str]]:
    """synonym_groups() as the words of each phrase joined by one space, as a query is
    compared: computed once per data version, not for every group on every search."""
    return _cached(
        "synonym-phrases",
        lambda: [[" ".join(words(p)) for p in group] for group in synonym_groups()],
    )[1]


def _build_synonym_groups():
    from routekaart.core_models import Synoniem

    groups = [
        [fold(t) for t in s.termen_lijst] for s in Synoniem.objects.all() if len(s.termen_lijst) > 1
    ]
    for provider in search_registry.synonym_providers():
        groups += [[fold(t) for t in group] for group in provider()]
    return groups


def expand(query: str) -> list[str]:
    """The query, then the query with each known phrase in it swapped for its synonyms.

    "meisjesbesnijdenis" also searches "vgv" and "vrouwelijke genitale verminking";
    "veilig thuis utrecht" also searches "amhk utrecht", never plain "amhk".
    """
    folded = " ".join(words(query))
    padded = f" {folded} "
    alternatives = []
    for members in _synonym_phrases():
        for member in members:
            if member and f" {member} " in padded:
                alternatives.extend(
                    padded.replace(f" {member} ", f" {other} ").strip()
                    for other in members
                    if other and other != member
                )
    seen, result = set(), []
    for phrase in [folded, *alternatives]:
        if phrase and phrase not in seen:
            seen.add(phrase)
            result.append(phrase)
    return result


def vocabulary() -> list[str]:
    """Known words and names for 'Bedoelde u …?', cached per data version.

    One query: the titles in the index, of the kinds whose source puts them in the
    vocabulary (not partners, whose names would flood the suggestions), plus the
    synonym phrases.
    """
    return _cached("vocabulary", _build_vocabulary)[1]


def _build_vocabulary():
    from routekaart.core_models import ZoekIndex

    kinds = [s for s in search_registry.sources() if s.in_vocabulary]
    whole = {s.soort for s in kinds if s.whole_titles}
    terms = set()
    for group in synonym_groups():
        terms.update(" ".join(words(p)) for p in group if len(p) > 2)
    rows = ZoekIndex.objects.filter(soort__in=[s.soort for s in kinds])
    for soort, titel in rows.values_list("soort", "titel"):
        terms.update(w for w in words(titel) if len(w) > 3)
        if soort in whole:
            terms.add(fold(titel))
    return sorted(terms)


def known_words() -> frozenset[str]:
    """Words the portal knows, cached per data version: every word of the indexed texts
    of the vocabulary kinds and of the titles of all kinds (partner names included).

    A typed word found here is never "corrected", even when it is in no title of the
    vocabulary: "meldcodes" in a partner's name must not become "meldcode".
    """
    return _cached("known-words", _build_known_words)[1]


def _build_known_words():
    from routekaart.core_models import ZoekIndex

    kinds = {s.soort for s in search_registry.sources() if s.in_vocabulary}
    known = set()
    rows = ZoekIndex.objects.filter(soort__in=kinds).values_list("zoektekst", flat=True)
    others = ZoekIndex.objects.exclude(soort__in=kinds).values_list("zoektitel", flat=True)
    for text in [*rows, *others]:
        known.update(text.split())
    for term in vocabulary():
        known.update(term.split())
    return frozenset(known)


def edit_distance(a: str, b: str) -> int:
    """Edits (insert, delete, replace, swap two neighbours) that turn a into b."""
    previous2, previous = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def allowed_edits(term: str) -> int:
    """How far a typo may be from the word meant: none for short words, then 1, 2, 3."""
    n = len(term.replace(" ", ""))
    if n < 5:
        return 0
    return 1 if n < 8 else 2 if n < 12 else 3


def _closest(term: str, vocab: list[str]) -> list[tuple[int, str]]:
    """(distance, known term) for the closest known terms within `allowed_edits`, best first."""
    limit = allowed_edits(term)
    if not limit:
        return []
    found = []
    for match in difflib.get_close_matches(term, vocab, n=8, cutoff=0.6):
        distance = edit_distance(term, match)
        if 0 < distance <= limit:
            found.append((distance, match))
    found.sort()
    return [f for f in found if f[0] == found[0][0]] if found else []


def corrected(query: str) -> str | None:
    """The query with unknown words replaced by the closest known word, if any.

    "meisjesbesnijdnis" becomes "meisjesbesnijdenis", whose synonyms then apply too.
    A word is only replaced when it occurs nowhere in the portal's texts and a word
    of the vocabulary lies within `allowed_edits` of it; short words never are.
    Memoised per generation of the word lists: one search asks several times.
    """
    vocab_generation, vocab = _cached("vocabulary", _build_vocabulary)
    known_generation, known = _cached("known-words", _build_known_words)
    memo_key = (tuple(words(query)[:MAX_WORDS]), vocab_generation, known_generation)
    if memo_key in _corrections:
        return _corrections[memo_key]
    fixed, changed = [], False
    for word in memo_key[0]:
        match = None
        if word not in known:
            match = next((m for _, m in _closest(word, vocab)), None)
        fixed.append(match or word)
        changed = changed or match is not None
    if len(_corrections) > 1000:
        _corrections.clear()
    _corrections[memo_key] = result = " ".join(fixed) if changed else None
    return result


def suggestions(query: str) -> list[str]:
    """Candidate rewrites of the whole query for "Bedoelde u …?", closest first.

    A known phrase within a few edits of the whole query ("dos and dont" ->
    "dos and donts"), else the query with its unknown words corrected. Words that the
    portal knows and short words are never swapped: "dos and donts" does not become
    "zand" or "land", "meldcode" not "melden". Of candidates that are synonyms of one
    another only the first is kept. The engine keeps only candidates that find
    something (routekaart.search.better_queries).
    """
    folded = " ".join(words(query)[:MAX_WORDS])
    vocab = vocabulary()
    if not folded or folded in vocab:
        return []
    scored = []
    if " " in folded:
        scored += _closest(folded, [v for v in vocab if " " in v])
    fixed = corrected(query)
    if fixed:
        scored.append((edit_distance(folded, fixed), fixed))
    result = []
    for _, candidate in sorted(scored):
        if candidate != folded and not any(candidate in expand(kept) for kept in result):
            result.append(candidate)
    return result

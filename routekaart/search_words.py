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
from routekaart.versioning import data_version

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
_WORD = re.compile(r"[a-z0-9+]+")
DAY = 24 * 60 * 60


# Terms up to this length match and are highlighted as whole words only.
SHORT_TERM = 4


def is_short(term: str) -> bool:
    """A single word of at most SHORT_TERM letters ("ede", "en", "egg")."""
    return len(term) <= SHORT_TERM and " " not in term


def term_pattern(terms) -> re.Pattern | None:
    """A case-insensitive regex for the terms, short ones as whole words (see is_short).

    The one rule for what counts as a match when a snippet is cut and highlighted.
    """
    terms = sorted({t for t in terms if len(t) > 1}, key=len, reverse=True)
    if not terms:
        return None
    parts = [rf"(?<!\w){re.escape(t)}(?!\w)" if is_short(t) else re.escape(t) for t in terms]
    return re.compile("(" + "|".join(parts) + ")", re.IGNORECASE)


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
    from routekaart.core_models import Synoniem

    key = f"portal:synonyms:{data_version()}"
    groups = cache.get(key)
    if groups is None:
        groups = [
            [fold(t) for t in s.termen_lijst]
            for s in Synoniem.objects.all()
            if len(s.termen_lijst) > 1
        ]
        for provider in search_registry.synonym_providers():
            groups += [[fold(t) for t in group] for group in provider()]
        cache.set(key, groups, timeout=DAY)
    return groups


def expand(query: str) -> list[str]:
    """The query, then the query with each known phrase in it swapped for its synonyms.

    "meisjesbesnijdenis" also searches "vgv" and "vrouwelijke genitale verminking";
    "veilig thuis utrecht" also searches "amhk utrecht", never plain "amhk".
    """
    folded = " ".join(words(query))
    padded = f" {folded} "
    alternatives = []
    for group in synonym_groups():
        members = [" ".join(words(p)) for p in group]
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
    vocabulary (not partners, whose names would flood the suggestions).
    """
    from routekaart.core_models import ZoekIndex

    key = f"portal:vocabulary:{data_version()}"
    vocab = cache.get(key)
    if vocab is None:
        kinds = [s for s in search_registry.sources() if s.in_vocabulary]
        whole = {s.soort for s in kinds if s.whole_titles}
        terms = set()
        for group in synonym_groups():
            terms.update(p for p in group if len(p) > 2)
        rows = ZoekIndex.objects.filter(soort__in=[s.soort for s in kinds])
        for soort, titel in rows.values_list("soort", "titel"):
            terms.update(w for w in words(titel) if len(w) > 3)
            if soort in whole:
                terms.add(fold(titel))
        vocab = sorted(terms)
        cache.set(key, vocab, timeout=DAY)
    return vocab


def corrected(query: str) -> str | None:
    """The query with unknown long words replaced by the closest known word, if any.

    "meisjesbesnijdnis" becomes "meisjesbesnijdenis", whose synonyms then apply too.
    """
    vocab = vocabulary()
    known = set(vocab)
    fixed, changed = [], False
    for word in words(query)[:MAX_WORDS]:
        match = None
        if len(word) >= 5 and word not in known:
            match = next(iter(difflib.get_close_matches(word, vocab, n=1, cutoff=0.85)), None)
        fixed.append(match or word)
        changed = changed or match is not None
    return " ".join(fixed) if changed else None


def suggestions(query: str, limit: int = 5) -> list[str]:
    """Candidate rewrites of the whole query for "Bedoelde u …?", closest first.

    A known phrase close to the whole query, else the query with one long word
    (five letters or more) replaced by a close known word. Short words are never
    swapped: "dos and donts" must not become "zand" or "land". The engine keeps
    only candidates that find something (routekaart.search.better_queries).
    """
    folded = " ".join(words(query))
    if not folded:
        return []
    vocab = vocabulary()
    candidates = difflib.get_close_matches(folded, vocab, n=limit, cutoff=0.7)
    if not candidates:
        query_words = words(query)[:MAX_WORDS]
        for i, word in enumerate(query_words):
            if len(word) < 5:
                continue
            for match in difflib.get_close_matches(word, vocab, n=2, cutoff=0.75):
                candidates.append(" ".join([*query_words[:i], match, *query_words[i + 1 :]]))
    return [c for c in dict.fromkeys(candidates) if c != folded][:limit]

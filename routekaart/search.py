"""Site search over the routekaart and the sociale kaart.

This is the portable engine: it splits the query into words, expands known
abbreviations from the glossary, and matches every word (or one of its
expansions) case-insensitively in titles and texts. Results are ranked by where
the words match: title above summary above body.
"""

import re
from dataclasses import dataclass

from django.db.models import Q

from routekaart.glossary import glossary

MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"[\w+]+", re.UNICODE)


@dataclass
class Result:
    title: str
    kind: str
    url: str
    snippet: str
    score: int


def tokenise(query: str) -> list[str]:
    return [w for w in _WORD.findall(query.lower()) if len(w) > 1][:8]


def expansions(word: str) -> set[str]:
    """The word plus the full form of an abbreviation (and the reverse)."""
    options = {word}
    for term, full in glossary().items():
        if term.lower() == word:
            options.add(full.lower())
    return options


def _groups():
    from partners.models import Organisatie
    from praktijken.models import Praktijk
    from routekaart.models import Bron, Kader, Sectie
    from stappen.models import Ketenstap

    return [
        ("Praktijk", Praktijk.objects.published(), "naam", "samenvatting", "definitie"),
        ("Ketenstap", Ketenstap.objects.published(), "naam", "korte_beschrijving", "naam"),
        ("Kader", Kader.objects.published(), "titel", "samenvatting", "tekst"),
        ("Sectie", Sectie.objects.published().select_related("hoofdstuk"), "titel", "titel", "tekst"),
        ("Partner", Organisatie.objects.published(), "naam", "beschrijving", "beschrijving"),
        ("Bron", Bron.objects.published(), "titel", "uitgever", "beschrijving"),
    ]


def _snippet(text: str, words: list[str], width: int = 160) -> str:
    plain = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    plain = re.sub(r"[*#>_`-]+", " ", plain)
    lower = plain.lower()
    pos = min((lower.find(w) for w in words if lower.find(w) >= 0), default=0)
    start = max(0, pos - width // 3)
    snippet = plain[start : start + width].strip()
    return ("…" if start else "") + snippet + ("…" if start + width < len(plain) else "")


def search(query: str, limit: int = 200) -> list[Result]:
    words = tokenise(query[:MAX_QUERY_LENGTH])
    if not words:
        return []
    results = []
    for kind, queryset, title, summary, body in _groups():
        condition = Q()
        for word in words:
            alternatives = Q()
            for option in expansions(word):
                for field in {title, summary, body}:
                    alternatives |= Q(**{f"{field}__icontains": option})
            condition &= alternatives
        for obj in queryset.filter(condition)[:limit]:
            title_text = str(getattr(obj, title))
            score = sum(
                3 if any(o in title_text.lower() for o in expansions(w)) else 1 for w in words
            )
            results.append(
                Result(
                    title=title_text,
                    kind=kind,
                    url=obj.get_absolute_url(),
                    snippet=_snippet(getattr(obj, body) or getattr(obj, summary), words),
                    score=score,
                )
            )
    results.sort(key=lambda r: (-r.score, r.title))
    return results

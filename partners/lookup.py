"""Find a gemeente by CBS code, name or alias, forgiving case, accents and punctuation."""

import re
import unicodedata

from django.core.cache import cache

from routekaart.versioning import data_version

_CODE = re.compile(r"^gm\d{4}$")


def normalise(text: str) -> str:
    """'s-Hertogenbosch -> shertogenbosch; Súdwest-Fryslân -> sudwestfryslan."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _index() -> dict[str, int]:
    """{normalised name or alias or code: gemeente pk}, cached per data version."""
    from partners.models import Gemeente

    key = f"portal:gemeente-index:{data_version()}"
    index = cache.get(key)
    if index is None:
        index = {}
        for pk, code, naam, aliassen in Gemeente.objects.values_list(
            "pk", "code", "naam", "aliassen"
        ):
            names = [naam, code, *aliassen.split(";")]
            # "Bergen (NH.)" is also found as "Bergen (NH)"; the bare name is an alias.
            for name in names:
                if name.strip():
                    index.setdefault(normalise(name), pk)
        cache.set(key, index, timeout=24 * 60 * 60)
    return index


def find_gemeente_pk(query: str) -> int | None:
    """The pk of the gemeente that `query` names exactly (after normalising), or None."""
    if not query or len(query) > 100:
        return None
    return _index().get(normalise(query))


def suggest_gemeenten(query: str, limit: int = 5) -> list[int]:
    """Pks of gemeenten whose name starts with or contains the query, best first."""
    needle = normalise(query)
    if len(needle) < 2 or len(query) > 100:
        return []
    starts, contains = [], []
    for name, pk in _index().items():
        if name.startswith(needle):
            starts.append((len(name), pk))
        elif needle in name:
            contains.append((len(name), pk))
    ordered = [pk for _, pk in sorted(starts)] + [pk for _, pk in sorted(contains)]
    seen, result = set(), []
    for pk in ordered:
        if pk not in seen:
            seen.add(pk)
            result.append(pk)
    return result[:limit]

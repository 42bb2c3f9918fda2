"""What the site search indexes: each app registers its own contributions.

The engine (routekaart.search) imports no app. In its `AppConfig.ready()` an app
registers a `Source` per kind of record it wants found, from its own `search.py`:
which records are public, how a record reads as a search hit, how it weighs
against other kinds, and which related models make its entry stale. An app may
also register synonym groups and "leaders" (a hit that must come first, such as
the page of a gemeente that the query names).
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import models


@dataclass(frozen=True)
class Source:
    """One kind of searchable record.

    - `soort`: the key stored in the index and used in `?soort=` style filters.
    - `label`: the heading of its group on the search page.
    - `order`: position of that group on the results page (low first).
    - `boost`: tie-breaker towards this kind in the ranking.
    - `queryset`: a callable returning the public records, with what `describe` reads
      prefetched.
    - `describe`: record -> (titel, samenvatting, tekst, url).
    - `depends_on`: {related model: function(instance) -> ids of this source's records
      whose entry must be rebuilt when that instance is saved or deleted}.
    - `whole_titles`: put whole titles (not just their words) in the "Bedoelde u"
      vocabulary, for names such as "Bergen op Zoom".
    - `in_vocabulary`: whether the words of its titles feed "Bedoelde u …?" at all.
    - `overview`: (link text, URL) of a page that lists every record of this kind,
      linked under its group of results.
    """

    soort: str
    label: str
    order: int
    boost: float
    model: type[models.Model]
    queryset: Callable[[], models.QuerySet]
    describe: Callable[[models.Model], tuple[str, str, str, str]]
    depends_on: dict[type[models.Model], Callable[[models.Model], Iterable[int]]] = field(
        default_factory=dict
    )
    whole_titles: bool = False
    in_vocabulary: bool = True
    overview: tuple[str, str] | None = None


_sources: dict[str, Source] = {}
_leaders: list[Callable] = []
_synonym_providers: list[Callable[[], list[list[str]]]] = []


def register(source: Source) -> None:
    """Register (or replace) a kind of searchable record."""
    _sources[source.soort] = source


def register_leader(func: Callable) -> None:
    """func(query) -> Result or None: a hit that leads the results when it matches."""
    if func not in _leaders:
        _leaders.append(func)


def register_synonyms(func: Callable[[], list[list[str]]]) -> None:
    """func() -> groups of phrases that mean the same (read once per data version)."""
    if func not in _synonym_providers:
        _synonym_providers.append(func)


def sources() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: s.order)


def source(soort: str) -> Source | None:
    return _sources.get(soort)


def sources_for_model(model) -> list[Source]:
    return [s for s in _sources.values() if s.model is model]


def dependants_of(model) -> list[Source]:
    return [s for s in _sources.values() if model in s.depends_on]


def leaders() -> list[Callable]:
    return list(_leaders)


def synonym_providers() -> list[Callable[[], list[list[str]]]]:
    return list(_synonym_providers)

"""One Dutch site search for the routekaart and the sociale kaart: the engine.

Part of the core: it imports no app. Apps register what they contribute in
routekaart.search_registry; everything registered is copied into ZoekIndex rows
(title, summary, body, URL), and `search()` and `search_queryset()` query those
rows with one of two engines:

- PostgreSQL: full-text search with the `dutch` configuration (stemming), weights
  title A > summary B > body C, ranked with SearchRank; plus pg_trgm word
  similarity for typos ("Veilg Thuis") and words inside compounds
  ("mishandeling" in "kindermishandeling"), which Dutch full-text search does not
  split.
- SQLite (the development default) is a lesser fallback: the query is split into
  words, case and accents are folded, and every word (or a synonym) must occur in
  the normalised text: short words whole, middle ones at a word start, long ones
  anywhere (compounds); see search_words. Typos are helped by the spelling
  correction and the "Bedoelde u …?" suggestions.

Both expand the query with synonyms (routekaart.search_words) before matching.
"""

import re
from dataclasses import dataclass

from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from routekaart import search_registry
from routekaart.core_models import ZoekIndex, ZoekStatistiek
from routekaart.search_words import (
    MAX_QUERY_LENGTH,
    MAX_WORDS,
    clean_query,
    corrected,
    expand,
    fits_inside,
    fold,
    is_short,
    suggestions,
    term_pattern,
    words,
)

__all__ = [
    "MAX_QUERY_LENGTH",
    "Result",
    "clean_query",
    "expand",
    "index_object",
    "rebuild_index",
    "record_zero_result",
    "search",
    "search_queryset",
    "better_queries",
    "highlight_terms",
    "words",
]


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


def kind_labels() -> dict[str, str]:
    return {s.soort: s.label for s in search_registry.sources()}


def kind_order() -> list[str]:
    """The order of the result groups on the search page."""
    return [s.soort for s in search_registry.sources()]


# --- Indexing --------------------------------------------------------------------


def _plain(markdown_text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text or "")
    return re.sub(r"[*_#>`]+", " ", text)


def documents(*, soort=None, pks=None):
    """Yield (soort, object, titel, samenvatting, tekst, url) for everything searchable."""
    for source in search_registry.sources():
        if soort is not None and source.soort != soort:
            continue
        queryset = source.queryset()
        if pks is not None:
            queryset = queryset.filter(pk__in=pks)
        for obj in queryset:
            yield (source.soort, obj, *source.describe(obj))


def _row(soort, obj, titel, samenvatting, tekst, url):
    samenvatting, tekst = _plain(samenvatting), _plain(tekst)
    return ZoekIndex(
        soort=soort,
        object_id=obj.pk,
        titel=titel[:300],
        samenvatting=samenvatting,
        tekst=tekst,
        url=url,
        zoektitel=" ".join(words(titel))[:300],
        zoektekst=" ".join(words(f"{titel} {samenvatting} {tekst}")),
    )


def _update_vectors(queryset):
    if not is_postgres():
        return
    from django.contrib.postgres.search import SearchVector

    ZoekIndex.objects.filter(pk__in=queryset.values("pk")).update(
        zoekvector=SearchVector("titel", weight="A", config="dutch")
        + SearchVector("samenvatting", weight="B", config="dutch")
        + SearchVector("tekst", weight="C", config="dutch")
    )


def rebuild_index() -> int:
    """Rebuild the whole search index; returns the number of rows."""
    rows = [_row(*doc) for doc in documents()]
    ZoekIndex.objects.all().delete()
    ZoekIndex.objects.bulk_create(rows, batch_size=1000)
    _update_vectors(ZoekIndex.objects.all())
    return len(rows)


def _reindex(soort, pks) -> None:
    pks = list(pks)
    if not pks:
        return
    ZoekIndex.objects.filter(soort=soort, object_id__in=pks).delete()
    rows = [_row(*doc) for doc in documents(soort=soort, pks=pks)]
    ZoekIndex.objects.bulk_create(rows)
    _update_vectors(ZoekIndex.objects.filter(soort=soort, object_id__in=pks))


def index_object(obj) -> None:
    """Bring the index up to date after `obj` was saved.

    Rebuilds the entry of `obj` itself (or removes it when it is not public) and
    the entries that show something of `obj`, as their sources declare in
    `depends_on` (renaming an organisation type reindexes its organisations).
    """
    model = type(obj)
    for source in search_registry.sources_for_model(model):
        _reindex(source.soort, [obj.pk])
    for source in search_registry.dependants_of(model):
        _reindex(source.soort, source.depends_on[model](obj))


def unindex_object(obj) -> None:
    """Remove the entry of a deleted record and refresh the entries that showed it."""
    model = type(obj)
    for source in search_registry.sources_for_model(model):
        ZoekIndex.objects.filter(soort=source.soort, object_id=obj.pk).delete()
    for source in search_registry.dependants_of(model):
        _reindex(source.soort, source.depends_on[model](obj))


# --- Querying ----------------------------------------------------------------


@dataclass
class Result:
    soort: str
    titel: str
    url: str
    snippet: str
    rank: float

    @property
    def soort_label(self):
        return kind_labels().get(self.soort, self.soort)

    @property
    def overview(self):
        """(link text, URL) of the page that lists every record of this kind, or None."""
        source = search_registry.source(self.soort)
        return source.overview if source else None


def _kind_boost():
    return Case(
        *[When(soort=s.soort, then=Value(s.boost)) for s in search_registry.sources()],
        default=Value(0.0),
        output_field=FloatField(),
    )


def _holds(field: str, term: str) -> Q:
    """The normalised text in `field` holds `term`, by the length rules of search_words.

    A short term ("ede", "en", "vgv") must be a whole word, so that "Ede" does not
    find Heemstede and Nederland; a middle one must start a word ("assen" not in
    Wassenaar); a long one may sit inside a compound ("mishandeling" in
    "kindermishandeling"). The normalised columns are words joined by single
    spaces, so a word starts at the beginning or after a space.
    """
    if fits_inside(term):
        return Q(**{f"{field}__contains": term})
    if not is_short(term):
        return Q(**{f"{field}__startswith": term}) | Q(**{f"{field}__contains": f" {term}"})
    return (
        Q(**{field: term})
        | Q(**{f"{field}__startswith": f"{term} "})
        | Q(**{f"{field}__endswith": f" {term}"})
        | Q(**{f"{field}__contains": f" {term} "})
    )


def _title_match(query, phrases):
    """1 when the title holds every word of the query or a whole synonym phrase, else 0."""
    all_words = Q()
    for word in words(query)[:MAX_WORDS]:
        all_words &= _holds("zoektitel", word)
    condition = all_words
    for phrase in phrases[1:]:
        condition |= _holds("zoektitel", phrase)
    return Case(When(condition, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


def _matches(query: str):
    """A Q filter and a rank expression over ZoekIndex for this query, on this database."""
    phrases = expand(query)
    fixed = corrected(query)
    if fixed:
        phrases += [p for p in expand(fixed) if p not in phrases]
    if is_postgres():
        from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity

        tsquery = SearchQuery(query, config="dutch", search_type="websearch")
        for phrase in phrases[1:]:
            tsquery |= SearchQuery(phrase, config="dutch", search_type="phrase")
        # Two separate index lookups, each on its own GIN index: full text (synonyms
        # included) and trigram similarity of the title to what was typed (typos,
        # compounds). Combined into one OR-ed filter, or as two subqueries, PostgreSQL
        # chose to scan every row: 0.4 s at 10,000 partners instead of a few ms.
        ids = set(ZoekIndex.objects.filter(zoekvector=tsquery).values_list("pk", flat=True))
        rank = SearchRank(F("zoekvector"), tsquery) + _title_match(query, phrases) + _kind_boost()
        # Trigrams only for longer queries: a short one ("Ede") is similar to the end of
        # many longer words (Heemstede) and must match whole words only.
        if not is_short(phrases[0]):
            ids.update(
                ZoekIndex.objects.filter(titel__trigram_word_similar=phrases[0]).values_list(
                    "pk", flat=True
                )
            )
            similarity = TrigramWordSimilarity(Value(phrases[0]), "titel")
            rank += Greatest(similarity, Value(0.0)) * Value(0.5)
        return Q(pk__in=sorted(ids)), rank
    # SQLite: every word of the query, or a whole synonym phrase (see `_holds`).
    condition = Q()
    for word in words(query)[:MAX_WORDS]:
        condition &= _holds("zoektekst", word)
    for phrase in phrases[1:]:
        condition |= _holds("zoektekst", phrase)
    return condition, _title_match(query, phrases) + _kind_boost()


def search(query: str, *, kinds=None, limit: int = 500) -> list[Result]:
    """Ranked results for a query over the whole portal (or only `kinds`)."""

    query = clean_query(query)[:MAX_QUERY_LENGTH]
    if not words(query):
        return []
    condition, rank = _matches(query)
    rows = ZoekIndex.objects.filter(condition)
    if kinds:
        rows = rows.filter(soort__in=kinds)
    rows = (
        rows.annotate(rank=rank)
        .order_by("-rank", "titel")
        .only("soort", "titel", "samenvatting", "tekst", "url")[:limit]
    )
    pattern = term_pattern(highlight_terms(query))
    results = [Result(r.soort, r.titel, r.url, snippet(r, pattern), float(r.rank)) for r in rows]
    for leader in search_registry.leaders():
        first = leader(query)
        if first:
            results = [first] + [r for r in results if r.url != first.url]
            break
    return results


def highlight_terms(query: str) -> list[str]:
    """The words to mark in results: the query's, its synonyms' and its correction's."""
    phrases = expand(query)
    fixed = corrected(query)
    if fixed:
        phrases += expand(fixed)
    return list(dict.fromkeys(w for p in phrases for w in p.split()))


def better_queries(query: str, *, found: bool | None = None, limit: int = 3) -> list[str]:
    """Rewrites of a query that are better: they find something and are close to it.

    Asked when a search found nothing, or found its results only through a
    spelling correction ("meldcod" searched "meldcode"): then the page names the
    term it searched. A query that finds results as typed gets no suggestion.
    `found` says whether the caller's search of `query` found anything.
    """
    if found is None:
        found = bool(search(query, limit=1))
    if found and not corrected(query):
        return []
    return [c for c in suggestions(query) if search(c, limit=1)][:limit]


def search_queryset(queryset, query: str, *, soort: str):
    """Filter and order a queryset of one registered kind by the engine's relevance."""

    query = clean_query(query)[:MAX_QUERY_LENGTH]
    if not words(query):
        return queryset
    condition, rank = _matches(query)
    matching = ZoekIndex.objects.filter(condition, soort=soort)
    relevance = (
        matching.filter(object_id=models.OuterRef("pk")).annotate(rank=rank).values("rank")[:1]
    )
    return (
        queryset.filter(pk__in=matching.values("object_id"))
        .annotate(relevance=models.Subquery(relevance, output_field=FloatField()))
        .order_by("-relevance", "naam")
    )


def snippet(row, pattern, width=180) -> str:
    """A short piece of text around the first match of `pattern` (see term_pattern);
    highlighted in the template."""
    for text in (row.samenvatting, row.tekst):
        # The terms are folded; fold the text (costly on long texts) only when it has
        # no plain match, for accented words.
        found = pattern and (pattern.search(text) or pattern.search(fold(text)))
        if found:
            start = max(0, found.start() - width // 3)
            piece = text[start : start + width].strip()
            return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
    return (row.samenvatting or row.tekst)[:width]


# --- Statistics ------------------------------------------------------------


def record_zero_result(query: str) -> None:
    """Count a search that found nothing: the normalised words only, nothing about who."""
    term = " ".join(words(query))[:100]
    if not term:
        return
    stat, _ = ZoekStatistiek.objects.get_or_create(zoekterm=term)
    ZoekStatistiek.objects.filter(pk=stat.pk).update(aantal=F("aantal") + 1)

"""One Dutch site search for the routekaart and the sociale kaart.

Everything searchable is copied into ZoekIndex rows (title, summary, body, URL).
`search()` and `search_partners()` query that index with one of two engines:

- PostgreSQL: full-text search with the `dutch` configuration (stemming), weights
  title A > summary B > body C, ranked with SearchRank; plus pg_trgm word
  similarity for typos ("Veilg Thuis") and words inside compounds
  ("mishandeling" in "kindermishandeling"), which Dutch full-text search does not
  split.
- SQLite (the development default) is a lesser fallback: the query is split into
  words, case and accents are folded, and every word (or a synonym) must occur as
  a substring of the normalised text. Substrings find compounds; typos are only
  helped by the "Bedoelde u …?" suggestions.

Both expand the query with synonyms (Synoniem records and the glossary's term ↔
full form pairs) before matching.
"""

import difflib
import re
import unicodedata
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection, models
from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import Greatest

from routekaart.versioning import bump_data_version, data_version

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
_WORD = re.compile(r"[a-z0-9+]+")

KIND_LABELS = {
    "gemeente": "Gemeente",
    "praktijk": "Praktijk",
    "stap": "Ketenstap",
    "kader": "Wet- en regelgeving",
    "sectie": "Routekaart",
    "partner": "Partner",
    "bron": "Bron",
    "begrip": "Begrip",
}
# The order of the result groups on the search page.
KIND_ORDER = ["gemeente", "praktijk", "stap", "kader", "sectie", "partner", "bron", "begrip"]


def fold(text: str) -> str:
    """Lowercase without accents: 'Súdwest-Fryslân' -> 'sudwest-fryslan'."""
    text = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def clean_query(raw: str) -> str:
    """Strip control characters (NUL included) and surrounding space."""
    return "".join(ch for ch in raw if ch.isprintable()).strip()


def is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Synonyms ------------------------------------------------------------------


def synonym_groups() -> list[list[str]]:
    """Groups of folded phrases that mean the same, cached per data version."""
    from routekaart.models import Begrip, Synoniem

    key = f"portal:synonyms:{data_version()}"
    groups = cache.get(key)
    if groups is None:
        groups = [
            [fold(t) for t in s.termen_lijst]
            for s in Synoniem.objects.all()
            if len(s.termen_lijst) > 1
        ]
        groups += [
            [fold(term), fold(voluit)]
            for term, voluit in Begrip.objects.published().values_list("term", "voluit")
        ]
        cache.set(key, groups, timeout=24 * 60 * 60)
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


# --- Indexing --------------------------------------------------------------------


def _plain(markdown_text: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown_text or "")
    return re.sub(r"[*_#>`]+", " ", text)


def _sources():
    """(soort, queryset, function turning a record into (titel, samenvatting, tekst, url))."""
    from partners.models import Gemeente, Organisatie
    from praktijken.models import Praktijk
    from routekaart.models import Begrip, Bron, Kader, Sectie
    from stappen.models import Ketenstap

    def praktijk(p):
        forms = " ".join(f"{v.naam} {v.beschrijving}" for v in p.vormen.all())
        return p.naam, p.samenvatting, f"{p.definitie} {p.aantallen} {forms}", p.get_absolute_url()

    return [
        ("praktijk", Praktijk.objects.published().prefetch_related("vormen"), praktijk),
        (
            "stap",
            Ketenstap.objects.published(),
            lambda s: (
                f"Stap {s.nummer}: {s.naam}",
                s.korte_beschrijving,
                "",
                s.get_absolute_url(),
            ),
        ),
        (
            "kader",
            Kader.objects.published(),
            lambda k: (k.titel, f"{k.afkorting} {k.samenvatting}", k.tekst, k.get_absolute_url()),
        ),
        (
            "sectie",
            Sectie.objects.published().select_related("hoofdstuk"),
            lambda s: (s.titel, s.hoofdstuk.titel, s.tekst, s.get_absolute_url()),
        ),
        (
            "partner",
            Organisatie.objects.published().select_related("type"),
            lambda o: (o.naam, o.type.naam, o.beschrijving, o.get_absolute_url()),
        ),
        (
            "bron",
            Bron.objects.published(),
            lambda b: (b.titel, b.uitgever, b.beschrijving, b.get_absolute_url()),
        ),
        (
            "begrip",
            Begrip.objects.published(),
            lambda b: (b.term, b.voluit, b.uitleg, f"/begrippen/#{b.slug}"),
        ),
        (
            "gemeente",
            Gemeente.objects.all(),
            lambda g: (g.naam, g.aliassen.replace(";", " "), "", g.get_absolute_url()),
        ),
    ]


def documents(*, soort=None, pk=None):
    """Yield (soort, object, titel, samenvatting, tekst, url) for everything searchable."""
    for kind, queryset, describe in _sources():
        if soort is not None and kind != soort:
            continue
        if pk is not None:
            queryset = queryset.filter(pk=pk)
        for obj in queryset:
            yield (kind, obj, *describe(obj))


def _row(soort, obj, titel, samenvatting, tekst, url):
    from routekaart.models import ZoekIndex

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

    from routekaart.models import ZoekIndex

    ZoekIndex.objects.filter(pk__in=queryset.values("pk")).update(
        zoekvector=SearchVector("titel", weight="A", config="dutch")
        + SearchVector("samenvatting", weight="B", config="dutch")
        + SearchVector("tekst", weight="C", config="dutch")
    )


def rebuild_index() -> int:
    """Rebuild the whole search index; returns the number of rows."""
    from routekaart.models import ZoekIndex

    rows = [_row(*doc) for doc in documents()]
    ZoekIndex.objects.all().delete()
    ZoekIndex.objects.bulk_create(rows, batch_size=1000)
    _update_vectors(ZoekIndex.objects.all())
    # A full rebuild follows bulk changes that sent no signals: make caches stale.
    bump_data_version()
    return len(rows)


SOORT_BY_MODEL = {
    "praktijken.praktijk": "praktijk",
    "stappen.ketenstap": "stap",
    "routekaart.kader": "kader",
    "routekaart.sectie": "sectie",
    "partners.organisatie": "partner",
    "routekaart.bron": "bron",
    "routekaart.begrip": "begrip",
    "partners.gemeente": "gemeente",
}


def index_object(obj) -> None:
    """Bring the index row of one record up to date (or remove it when it is not public)."""
    from routekaart.models import ZoekIndex

    soort = SOORT_BY_MODEL.get(obj._meta.label_lower)
    if soort is None:
        return
    ZoekIndex.objects.filter(soort=soort, object_id=obj.pk).delete()
    for doc in documents(soort=soort, pk=obj.pk):
        row = _row(*doc)
        row.save()
        _update_vectors(ZoekIndex.objects.filter(pk=row.pk))


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
        return KIND_LABELS.get(self.soort, self.soort)


# Ties are broken towards the pages people most likely want: the practice, the
# gemeente, the step or the law before a section or a linked document.
KIND_BOOST = {
    "gemeente": 0.5,
    "praktijk": 0.5,
    "stap": 0.4,
    "kader": 0.3,
    "partner": 0.3,
    "begrip": 0.25,
    "sectie": 0.1,
    "bron": 0.1,
}


def _kind_boost():
    return Case(
        *[When(soort=kind, then=Value(boost)) for kind, boost in KIND_BOOST.items()],
        default=Value(0.0),
        output_field=FloatField(),
    )


def _title_match(query, phrases):
    """1 when the title holds every word of the query or a whole synonym phrase, else 0."""
    all_words = Q()
    for word in words(query)[:MAX_WORDS]:
        all_words &= Q(zoektitel__contains=word)
    condition = all_words
    for phrase in phrases[1:]:
        condition |= Q(zoektitel__contains=phrase)
    return Case(When(condition, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


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
        from routekaart.models import ZoekIndex

        ids = set(ZoekIndex.objects.filter(zoekvector=tsquery).values_list("pk", flat=True))
        ids.update(
            ZoekIndex.objects.filter(titel__trigram_word_similar=phrases[0]).values_list(
                "pk", flat=True
            )
        )
        condition = Q(pk__in=sorted(ids))
        rank = (
            SearchRank(F("zoekvector"), tsquery)
            + Greatest(TrigramWordSimilarity(Value(phrases[0]), "titel"), Value(0.0)) * Value(0.5)
            + _title_match(query, phrases)
            + _kind_boost()
        )
        return condition, rank
    # SQLite: every word of the query, or a whole synonym phrase, as a substring.
    condition = Q()
    for word in words(query)[:MAX_WORDS]:
        condition &= Q(zoektekst__contains=word)
    for phrase in phrases[1:]:
        condition |= Q(zoektekst__contains=phrase)
    return condition, _title_match(query, phrases) + _kind_boost()


def search(query: str, *, kinds=None, limit: int = 500) -> list[Result]:
    """Ranked results for a query over the whole portal (or only `kinds`)."""
    from routekaart.models import ZoekIndex

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
    query_words = [w for p in expand(query) for w in p.split()]
    results = [
        Result(r.soort, r.titel, r.url, snippet(r, query_words), float(r.rank)) for r in rows
    ]
    gemeente = _gemeente_result(query)
    if gemeente:
        results = [gemeente] + [r for r in results if r.url != gemeente.url]
    return results


def _gemeente_result(query):
    """A query that names a gemeente leads with that gemeente's page."""
    from partners.lookup import find_gemeente_pk
    from partners.models import Gemeente

    pk = find_gemeente_pk(query)
    if pk is None:
        return None
    g = Gemeente.objects.select_related("veilig_thuis_regio").get(pk=pk)
    return Result(
        "gemeente",
        f"Gemeente {g.naam}",
        g.get_absolute_url(),
        f"Wie belt u in {g.naam}? {g.veilig_thuis_regio.organisatie_naam}, landelijke experts "
        "en regionale partners.",
        100.0,
    )


def search_partners(queryset, query: str):
    """Filter and order an Organisatie queryset by the search engine's relevance."""
    from routekaart.models import ZoekIndex

    query = clean_query(query)[:MAX_QUERY_LENGTH]
    if not words(query):
        return queryset
    condition, rank = _matches(query)
    matching = ZoekIndex.objects.filter(condition, soort="partner")
    relevance = (
        matching.filter(object_id=models.OuterRef("pk")).annotate(rank=rank).values("rank")[:1]
    )
    return (
        queryset.filter(pk__in=matching.values("object_id"))
        .annotate(relevance=models.Subquery(relevance, output_field=FloatField()))
        .order_by("-relevance", "naam")
    )


def snippet(row, query_words, width=180) -> str:
    """A short piece of text around the first matching word; highlighted in the template."""
    for text in (row.samenvatting, row.tekst):
        folded = fold(text)
        positions = [folded.find(w) for w in query_words if w and folded.find(w) >= 0]
        if positions:
            start = max(0, min(positions) - width // 3)
            piece = text[start : start + width].strip()
            return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
    return (row.samenvatting or row.tekst)[:width]


# --- Suggestions and statistics ----------------------------------------------


def vocabulary() -> list[str]:
    """Known words and names for 'Bedoelde u …?', cached per data version."""
    from partners.models import Gemeente
    from routekaart.models import ZoekIndex

    key = f"portal:vocabulary:{data_version()}"
    vocab = cache.get(key)
    if vocab is None:
        terms = set()
        for group in synonym_groups():
            terms.update(p for p in group if len(p) > 2)
        for titel in ZoekIndex.objects.exclude(soort="partner").values_list("titel", flat=True):
            terms.update(w for w in words(titel) if len(w) > 3)
        terms.update(fold(n) for n in Gemeente.objects.values_list("naam", flat=True))
        vocab = sorted(terms)
        cache.set(key, vocab, timeout=24 * 60 * 60)
    return vocab


def suggestions(query: str, limit: int = 5) -> list[str]:
    folded = " ".join(words(query))
    if not folded:
        return []
    matches = difflib.get_close_matches(folded, vocabulary(), n=limit, cutoff=0.7)
    if not matches:
        for word in words(query):
            matches += difflib.get_close_matches(word, vocabulary(), n=2, cutoff=0.75)
    return [m for m in dict.fromkeys(matches) if m != folded][:limit]


def record_zero_result(query: str) -> None:
    """Count a search that found nothing: the normalised words only, nothing about who."""
    from routekaart.models import ZoekStatistiek

    term = " ".join(words(query))[:100]
    if not term:
        return
    stat, _ = ZoekStatistiek.objects.get_or_create(zoekterm=term)
    ZoekStatistiek.objects.filter(pk=stat.pk).update(aantal=F("aantal") + 1)

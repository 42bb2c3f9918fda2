"""Find a gemeente by CBS code, name or alias, by a woonplaats or by a postcode,
forgiving case, accents and punctuation."""

import re
import unicodedata
from dataclasses import dataclass, field

from routekaart.versioning import memoised_per_version

_CODE = re.compile(r"^gm\d{4}$")


def normalise(text: str) -> str:
    """'s-Hertogenbosch -> shertogenbosch; Súdwest-Fryslân -> sudwestfryslan."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _index() -> dict[str, list[int]]:
    """{normalised name or alias or code: [gemeente pks]}, per data version in each process
    (a page may look up several names; unpickling it from the cache each time cost more).

    An alias can name two gemeenten ("Bergen" for Bergen (L.) and Bergen (NH.)).
    """
    from partners.models import Gemeente

    def build():
        index = {}
        for pk, code, naam, aliassen in Gemeente.objects.values_list(
            "pk", "code", "naam", "aliassen"
        ):
            names = [naam, code, *aliassen.split(";")]
            # "Bergen (NH.)" is also found as "Bergen (NH)"; the bare name is an alias.
            for name in names:
                if name.strip():
                    pks = index.setdefault(normalise(name), [])
                    if pk not in pks:
                        pks.append(pk)
        return index

    return memoised_per_version("gemeente-index", build)


def _gemeente_pks(query: str) -> list[int]:
    if not query or len(query) > 100:
        return []
    return _index().get(normalise(query), [])


def find_gemeente_pk(query: str) -> int | None:
    """The pk of the one gemeente that `query` names exactly (after normalising), or None."""
    pks = _gemeente_pks(query)
    return pks[0] if len(pks) == 1 else None


def suggest_gemeenten(query: str, limit: int = 5) -> list[int]:
    """Pks of gemeenten whose name starts with or contains the query, best first."""
    needle = normalise(query)
    if len(needle) < 2 or len(query) > 100:
        return []
    starts, contains = [], []
    for name, pks in _index().items():
        for pk in pks:
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


# --- Woonplaatsen and postcodes: "where is Tegelen?" ------------------------------

_POSTCODE = re.compile(r"^\s*(?P<pc4>\d{4})\s*(?:[a-zA-Z]{2})?\s*$")
# BAG adds a disambiguator that callers never say: "Bergen L", "Beuningen Gld", "Bavel AC".
_BAG_SUFFIXES = {"L", "NB", "AC", "GN", "Gn", "Gld", "NH", "Ut", "ZH", "O", "Fr", "Dr", "Ov"}
_GEM_SUFFIX = re.compile(r"^(?P<plain>.+?)\s+gem\.?\s+.+$")
# "Klein Zundert" is not "Klein": a gemeente name at the end is dropped only after a real name.
_NOT_A_PLACE = {"klein", "groot", "oud", "oude", "nieuw", "nieuwe", "de", "het", "t"}


def woonplaats_aliases(naam: str, gemeente_naam: str) -> list[str]:
    """The forms of a BAG woonplaats name a caller may use: as written, and without its
    disambiguator ("Bergen L" -> "Bergen", "Alteveer gem Hoogeveen" -> "Alteveer",
    "Hoogvliet Rotterdam" -> "Hoogvliet")."""
    forms = [naam]
    words = naam.split()
    if match := _GEM_SUFFIX.match(naam):
        forms.append(match.group("plain"))
    elif len(words) > 1 and words[-1] in _BAG_SUFFIXES:
        forms.append(" ".join(words[:-1]))
    elif naam.endswith(" " + gemeente_naam):
        plain = naam[: -len(gemeente_naam)].strip()
        if plain and normalise(plain) not in _NOT_A_PLACE:
            forms.append(plain)
    return forms


def _place_index() -> dict:
    """{'woonplaats': {name: [(gemeente pk, naam, code)]}, 'postcode': {pc4: (pk, ...)}},
    per data version in each process (thousands of entries: too many to unpickle from the
    cache on every lookup)."""
    from partners.models import Postcode, Woonplaats

    def build():
        places: dict[str, list] = {}
        for code, naam, gemeente_pk, gemeente_naam in Woonplaats.objects.values_list(
            "code", "naam", "gemeente_id", "gemeente__naam"
        ):
            for form in woonplaats_aliases(naam, gemeente_naam):
                entries = places.setdefault(normalise(form), [])
                if all(pk != gemeente_pk for pk, _, _ in entries):
                    entries.append((gemeente_pk, naam, code))
        postcodes = {
            pc4: (gemeente_pk, str(aandeel), gesplitst)
            for pc4, gemeente_pk, aandeel, gesplitst in Postcode.objects.values_list(
                "pc4", "gemeente_id", "aandeel", "gesplitst"
            )
        }
        return {"woonplaats": places, "postcode": postcodes}

    return memoised_per_version("plaats-index", build)


@dataclass
class Plaats:
    """What a caller's answer to "which gemeente?" resolves to.

    One pk: found, and `uitleg` says why ("Tegelen ligt in de gemeente Venlo").
    Several: the name belongs to several gemeenten; ask which. None: not found, and
    `uitleg` says what to try instead.
    """

    gemeente_pks: list[int] = field(default_factory=list)
    soort: str = "onbekend"  # gemeente, woonplaats, postcode or onbekend
    uitleg: str = ""
    invoer: str = ""
    # For the gemeente page's explanation: {"woonplaats": "WP1474"} or {"postcode": "5911"}.
    via: dict = field(default_factory=dict)

    @property
    def gevonden(self) -> bool:
        return len(self.gemeente_pks) == 1

    @property
    def meerdere(self) -> bool:
        return len(self.gemeente_pks) > 1


def _gemeente_naam(pk: int) -> str:
    from partners.models import Gemeente

    return Gemeente.objects.values_list("naam", flat=True).get(pk=pk)


def find_place(query: str) -> Plaats:
    """Resolve a gemeente name or code, a BAG woonplaats, or a postcode to gemeente(n)."""
    invoer = (query or "").strip()[:100]
    if not invoer:
        return Plaats(invoer=invoer)
    if match := _POSTCODE.match(invoer):
        return _by_postcode(match.group("pc4"), invoer)
    gemeente_pks = _gemeente_pks(invoer)
    if len(gemeente_pks) == 1:
        return Plaats(list(gemeente_pks), "gemeente", "", invoer)
    places = _place_index()["woonplaats"].get(normalise(invoer), [])
    pks = list(dict.fromkeys([*gemeente_pks, *(pk for pk, _, _ in places)]))
    if len(pks) == 1:
        _, naam, code = places[0]
        uitleg = f"{naam} ligt in de gemeente {_gemeente_naam(pks[0])}."
        return Plaats(pks, "woonplaats", uitleg, invoer, {"woonplaats": code})
    if pks:
        uitleg = (
            f"‘{invoer}’ is de naam van een plaats in {len(pks)} gemeenten. Kies de gemeente, "
            "of zoek op de postcode."
        )
        return Plaats(pks, "woonplaats", uitleg, invoer)
    return Plaats(
        [],
        "onbekend",
        f"‘{invoer}’ is geen gemeente of woonplaats die wij kennen. Een dorp, kern of wijk "
        "valt vaak onder een woonplaats met een andere naam (Blerick onder Venlo): zoek dan "
        "op de postcode, bijvoorbeeld 5911.",
        invoer,
    )


def _by_postcode(pc4: str, invoer: str) -> Plaats:
    found = _place_index()["postcode"].get(pc4)
    if found is None:
        return Plaats(
            [], "onbekend", f"Postcode {pc4} is niet bekend. Controleer de cijfers.", invoer
        )
    pk, aandeel, gesplitst = found
    uitleg = f"Postcode {pc4} ligt in de gemeente {_gemeente_naam(pk)}."
    if gesplitst:
        uitleg += (
            f" Een deel van de adressen met {pc4} hoort bij een andere gemeente; "
            "twijfelt u, zoek dan op de naam van de gemeente."
        )
    return Plaats([pk], "postcode", uitleg, invoer, {"postcode": pc4})

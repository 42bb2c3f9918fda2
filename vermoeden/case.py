"""Read a case from the query string: practice, gemeente and situations.

Nothing here raises on bad input. Every problem becomes a Dutch message for the
field it belongs to, and the valid parts are kept, so the rest of the route still
shows. Nothing the visitor enters is stored.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from partners.lookup import find_place, suggest_gemeenten
from partners.models import Gemeente
from praktijken.models import PRAKTIJK_SLUGS
from vermoeden.models import Situatie

WEET_NIET = "weet-niet"
PRAKTIJK_KEUZES = [
    ("vgv", "Vrouwelijke genitale verminking (VGV)"),
    ("huwelijksdwang", "Huwelijksdwang"),
    ("achterlating", "Gedwongen achterlating"),
    ("eergerelateerd-geweld", "Eergerelateerd geweld"),
    (WEET_NIET, "Weet ik niet (toon de signalen van elke praktijk)"),
]
assert {slug for slug, _ in PRAKTIJK_KEUZES} == {*PRAKTIJK_SLUGS, WEET_NIET}
MAX_LENGTE = 100
MAX_SITUATIES = 10


def _shown(value: str) -> str:
    """A value as it is shown back in the form: never longer than the field allows."""
    return value[:MAX_LENGTE]


@dataclass
class Case:
    praktijk: str = ""  # a practice slug, WEET_NIET or "" (none chosen)
    praktijk_invoer: str = ""
    gemeente: Gemeente | None = None
    gemeente_invoer: str = ""
    gemeente_toelichting: str = ""
    gemeente_suggesties: list = field(default_factory=list)
    situaties: list[str] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def is_asked(self) -> bool:
        """Whether the visitor asked anything (else the page shows only the form)."""
        return bool(self.praktijk or self.praktijk_invoer or self.gemeente_invoer or self.situaties)

    def has(self, situatie: str) -> bool:
        return situatie in self.situaties

    def query(self, **changes) -> str:
        """This case as a query string, with `changes` applied (for links)."""
        params = {"praktijk": self.praktijk, "gemeente": self._gemeente_param()}
        params.update(changes)
        pairs = [(k, v) for k, v in params.items() if v]
        pairs += [("situatie", s) for s in self.situaties]
        return urlencode(pairs)

    def _gemeente_param(self) -> str:
        return self.gemeente.naam if self.gemeente else ""


def parse_case(querydict) -> Case:
    """The case in a GET QueryDict. Two queries at most (gemeente and suggestions)."""
    case = Case()
    _parse_praktijk(case, querydict.get("praktijk", "").strip())
    _parse_situaties(case, querydict.getlist("situatie"))
    _parse_gemeente(case, querydict.get("gemeente", "").strip())
    return case


def _parse_praktijk(case, value):
    case.praktijk_invoer = _shown(value)
    if not value:
        return
    if value in dict(PRAKTIJK_KEUZES):
        case.praktijk = value
    else:
        case.errors["praktijk"] = (
            "Deze praktijk kennen we niet. Kies VGV, huwelijksdwang, gedwongen achterlating, "
            "eergerelateerd geweld of ‘weet ik niet’."
        )


def _parse_situaties(case, values):
    known = dict(Situatie.choices)
    wrong = False
    for value in values[:MAX_SITUATIES]:
        value = value.strip()
        if value in known:
            if value not in case.situaties:
                case.situaties.append(value)
        elif value:
            wrong = True
    if wrong or len(values) > MAX_SITUATIES:
        case.errors["situatie"] = (
            "Een of meer situaties kennen we niet; die zijn overgeslagen. "
            "Kies uit de situaties hieronder."
        )
    order = [value for value, _ in Situatie.choices]
    case.situaties.sort(key=order.index)


def _parse_gemeente(case, value):
    case.gemeente_invoer = _shown(value)
    if not value:
        return
    if len(value) > MAX_LENGTE:
        case.errors["gemeente"] = (
            f"Deze invoer is te lang (meer dan {MAX_LENGTE} tekens). "
            "Vul de naam van een gemeente of een CBS-code in."
        )
        return
    plaats = find_place(value)
    pk = plaats.gemeente_pks[0] if plaats.gevonden else None
    if plaats.gevonden and plaats.soort != "gemeente":
        # A woonplaats or postcode: say which gemeente it is ("Tegelen ligt in ...").
        case.gemeente_toelichting = f"{plaats.uitleg} We tonen de route voor"
    elif plaats.meerdere:
        case.gemeente_suggesties = list(Gemeente.objects.filter(pk__in=plaats.gemeente_pks))
        case.errors["gemeente"] = plaats.uitleg
        return
    elif pk is None:
        suggestions = suggest_gemeenten(value)
        if len(suggestions) == 1:
            # One gemeente starts with or contains what was typed: take it, and say so.
            pk = suggestions[0]
            case.gemeente_toelichting = f"U typte ‘{_shown(value)}’; we tonen de route voor"
        elif suggestions:
            case.gemeente_suggesties = list(Gemeente.objects.filter(pk__in=suggestions))
            case.errors["gemeente"] = "Meerdere gemeenten passen bij uw invoer. Kies er een."
            return
        else:
            case.errors["gemeente"] = plaats.uitleg or (
                "Geen gemeente gevonden. Controleer de spelling, of vul de CBS-code in "
                "(bijvoorbeeld GM0983)."
            )
            return
    case.gemeente = Gemeente.objects.with_regions().filter(pk=pk).first()
    if case.gemeente is not None:
        case.gemeente_invoer = case.gemeente.naam

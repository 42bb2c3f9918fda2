"""Reading and checking the more region layers (shared/data/indelingen).

GGD-regio, politie-eenheid, arrondissement and jeugdregio per gemeente, the GGD
organisations with their websites, the woonplaatsen and four-digit postcodes, and
two national numbers. Like the base files they are checked completely before
anything is written; every gemeente code must be one of the gemeenten file.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .bestanden import REQUIRED_COLUMNS, Problems, read_csv

GGD_FILE = "ggd-regios-2026.csv"
POLITIE_FILE = "politie-eenheden-2026.csv"
ARRONDISSEMENT_FILE = "arrondissementen-2026.csv"
JEUGDREGIO_FILE = "jeugdregios-2026.csv"
GGD_ORGANISATIES_FILE = "ggd-organisaties-2025.csv"
WOONPLAATSEN_FILE = "woonplaatsen-2026.csv"
POSTCODES_FILE = "postcodes-pc4-2026.csv"
NUMMERS_FILE = "landelijke-nummers.csv"

# (file, layer key, code column, name column, code pattern)
LAYERS = (
    (GGD_FILE, "ggd", "ggd_regio_code", "ggd_regio_naam", r"^GG\d{4}$"),
    (POLITIE_FILE, "politie", "politie_eenheid_code", "politie_eenheid_naam", r"^RE\d{2}$"),
    (
        ARRONDISSEMENT_FILE,
        "arrondissement",
        "arrondissement_code",
        "arrondissement_naam",
        r"^AR\d{2}$",
    ),
    (JEUGDREGIO_FILE, "jeugdregio", "jeugdregio_code", "jeugdregio_naam", r"^JZ\d{2}$"),
)
ALL_FILES = (
    *(layer[0] for layer in LAYERS),
    GGD_ORGANISATIES_FILE,
    WOONPLAATSEN_FILE,
    POSTCODES_FILE,
    NUMMERS_FILE,
)

for _file, _key, _code, _name, _pattern in LAYERS:
    REQUIRED_COLUMNS[_file] = ("gemeente_code", "gemeente_naam", _code, _name, "source")
REQUIRED_COLUMNS[ARRONDISSEMENT_FILE] += ("rechtbank", "om_parket")
REQUIRED_COLUMNS[GGD_ORGANISATIES_FILE] = (
    "ggd_regio_code",
    "ggd_regio_naam",
    "aantal_gemeenten",
    "website",
    "website_bron",
    "opmerking",
)
REQUIRED_COLUMNS[WOONPLAATSEN_FILE] = ("woonplaats", "woonplaats_code", "gemeente_code")
REQUIRED_COLUMNS[POSTCODES_FILE] = ("pc4", "gemeente_code", "share_or_flag", "source")
REQUIRED_COLUMNS[NUMMERS_FILE] = ("organisatie", "telefoon", "toelichting", "website", "bron")

_SHARE = re.compile(r"^(?P<share>[01]\.\d{3})(?:;split:(?P<split>.+))?$")
_PC4 = re.compile(r"^[1-9]\d{3}$")
_WOONPLAATS_CODE = re.compile(r"^WP\d{4}$")
_PHONE = re.compile(r"^0[0-9 -]{5,14}$")


@dataclass
class Indelingen:
    """The parsed files; nothing here touches the database."""

    regions: dict = field(default_factory=dict)  # layer -> {code: {naam, ...}}
    per_gemeente: dict = field(default_factory=dict)  # layer -> {gemeente code: region code}
    ggd_organisaties: dict = field(default_factory=dict)  # GG code -> row
    woonplaatsen: list = field(default_factory=list)  # (code, naam, gemeente code)
    postcodes: list = field(default_factory=list)  # (pc4, gemeente code, share, split)
    nummers: dict = field(default_factory=dict)  # organisatie -> row


def present(directory) -> bool:
    """True when the directory holds the layer files; half a set is an error."""
    found = [name for name in ALL_FILES if (Path(directory) / name).is_file()]
    if found and len(found) != len(ALL_FILES):
        missing = sorted(set(ALL_FILES) - set(found))
        problems = Problems()
        problems.add(str(directory), None, "ontbrekende indelingsbestanden: " + ", ".join(missing))
        problems.raise_if_any()
    return bool(found)


def _parse_layer(problems, data, gemeenten, spec, rows):
    filename, key, code_column, name_column, pattern = spec
    regions = data.regions.setdefault(key, {})
    members = data.per_gemeente.setdefault(key, {})
    for line, row in rows:
        gemeente, code, naam = row["gemeente_code"], row[code_column], row[name_column]
        if gemeente not in gemeenten:
            problems.add(filename, line, f"onbekende gemeente / unknown gemeente {gemeente!r}")
            continue
        if gemeente in members:
            problems.add(filename, line, f"{gemeente} staat er dubbel in / duplicate")
            continue
        if not re.match(pattern, code) or not naam:
            problems.add(filename, line, f"ongeldige code of naam / invalid {code!r} {naam!r}")
            continue
        region = {"naam": naam}
        if key == "arrondissement":
            region |= {"rechtbank": row["rechtbank"], "om_parket": row["om_parket"]}
            if not row["rechtbank"] or not row["om_parket"]:
                problems.add(filename, line, f"{code}: rechtbank of OM-parket ontbreekt")
        known = regions.setdefault(code, region)
        if known != region:
            problems.add(filename, line, f"{code} heet elders anders / named differently")
        members[gemeente] = code
    missing = sorted(set(gemeenten) - set(members))
    if missing:
        problems.add(filename, None, f"{len(missing)} gemeenten ontbreken, o.a. {missing[0]}")


def _parse_ggd_organisaties(problems, data, rows):
    url = URLValidator(schemes=["https", "http"])
    for line, row in rows:
        code = row["ggd_regio_code"]
        if code not in data.regions.get("ggd", {}):
            problems.add(GGD_ORGANISATIES_FILE, line, f"onbekende GGD-regio {code!r}")
            continue
        if row["website"]:
            try:
                url(row["website"])
            except ValidationError:
                problems.add(GGD_ORGANISATIES_FILE, line, f"{code}: ongeldige website")
        members = sum(1 for c in data.per_gemeente["ggd"].values() if c == code)
        if row["aantal_gemeenten"] != str(members):
            problems.add(
                GGD_ORGANISATIES_FILE,
                line,
                f"{code}: aantal_gemeenten {row['aantal_gemeenten']} maar {members} in {GGD_FILE}",
            )
        data.ggd_organisaties[code] = row
    for code in sorted(set(data.regions.get("ggd", {})) - set(data.ggd_organisaties)):
        problems.add(GGD_ORGANISATIES_FILE, None, f"{code} ontbreekt / missing")


def _parse_woonplaatsen(problems, data, gemeenten, rows):
    seen = set()
    for line, row in rows:
        code, naam, gemeente = row["woonplaats_code"], row["woonplaats"], row["gemeente_code"]
        if not _WOONPLAATS_CODE.match(code) or not naam or code in seen:
            problems.add(WOONPLAATSEN_FILE, line, f"ongeldige of dubbele woonplaats {code!r}")
            continue
        if gemeente not in gemeenten:
            problems.add(WOONPLAATSEN_FILE, line, f"onbekende gemeente {gemeente!r}")
            continue
        seen.add(code)
        data.woonplaatsen.append((code, naam, gemeente))


def _parse_postcodes(problems, data, gemeenten, rows):
    seen = set()
    for line, row in rows:
        pc4, gemeente = row["pc4"], row["gemeente_code"]
        match = _SHARE.match(row["share_or_flag"])
        if not _PC4.match(pc4) or pc4 in seen or match is None:
            problems.add(POSTCODES_FILE, line, f"ongeldige of dubbele postcode {pc4!r}")
            continue
        if gemeente not in gemeenten:
            problems.add(POSTCODES_FILE, line, f"onbekende gemeente {gemeente!r}")
            continue
        try:
            share = Decimal(match.group("share"))
        except InvalidOperation:  # pragma: no cover - the pattern already guards this
            problems.add(POSTCODES_FILE, line, "ongeldig aandeel")
            continue
        seen.add(pc4)
        data.postcodes.append((pc4, gemeente, share, (match.group("split") or "")[:200]))


def _parse_nummers(problems, data, rows):
    for line, row in rows:
        if not _PHONE.match(row["telefoon"]) or not row["bron"]:
            problems.add(NUMMERS_FILE, line, "telefoonnummer of bron ontbreekt / invalid")
            continue
        data.nummers[row["organisatie"]] = row
    for needed in ("Politie", "Centrum Seksueel Geweld"):
        if needed not in data.nummers:
            problems.add(NUMMERS_FILE, None, f"regel voor {needed!r} ontbreekt / missing")


def load_indelingen(directory, gemeenten) -> Indelingen:
    """Read and cross-check the layer files against the gemeente codes of the base files."""
    problems = Problems()
    data = Indelingen()
    for spec in LAYERS:
        _parse_layer(problems, data, gemeenten, spec, read_csv(directory, spec[0]))
    problems.raise_if_any()
    _parse_ggd_organisaties(problems, data, read_csv(directory, GGD_ORGANISATIES_FILE))
    _parse_woonplaatsen(problems, data, gemeenten, read_csv(directory, WOONPLAATSEN_FILE))
    _parse_postcodes(problems, data, gemeenten, read_csv(directory, POSTCODES_FILE))
    _parse_nummers(problems, data, read_csv(directory, NUMMERS_FILE))
    problems.raise_if_any()
    return data

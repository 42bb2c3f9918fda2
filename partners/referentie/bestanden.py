"""Reading and checking the CBS reference files (fixtures/reference).

The files are checked completely before anything is written: every problem is
collected per file and line, and reported at once.
"""

import csv
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import CommandError
from django.core.validators import URLValidator
from django.utils.text import slugify

from partners.models import (
    Gemeente,
    Organisatie,
    Veiligheidsregio,
    VeiligThuisRegio,
)

GEMEENTEN_FILE = "gemeenten-2026.csv"
VEILIGHEIDSREGIOS_FILE = "veiligheidsregios-2025.csv"
VEILIG_THUIS_FILE = "veilig-thuis-regios.csv"

REQUIRED_COLUMNS = {
    GEMEENTEN_FILE: (
        "gemeente_code",
        "gemeente_naam",
        "provincie_code",
        "provincie_naam",
        "veiligheidsregio_code",
        "veiligheidsregio_naam",
        "veilig_thuis_regio_code",
        "veilig_thuis_organisatie",
    ),
    VEILIGHEIDSREGIOS_FILE: (
        "veiligheidsregio_code",
        "veiligheidsregio_naam",
        "provincie_code",
        "provincie_naam",
        "aantal_gemeenten",
        "gemeente_codes",
    ),
    VEILIG_THUIS_FILE: (
        "veilig_thuis_regio_code",
        "organisatie",
        "cbs_regionaam",
        "aantal_gemeenten",
        "gemeente_codes",
        "telefoon",
        "telefoon_toelichting",
        "website",
        "website_bron",
        "opmerking",
    ),
}

CODE_PATTERNS = {
    "gemeente": re.compile(r"^GM\d{4}$"),
    "veiligheidsregio": re.compile(r"^VR\d{2}$"),
    "Veilig Thuis-regio": re.compile(r"^VT\d{2}$"),
    "provincie": re.compile(r"^PV\d{2}$"),
}

# Names people search for that differ from the official CBS name.
EXTRA_ALIASES = {
    "'s-Gravenhage": ["Den Haag"],
    "'s-Hertogenbosch": ["Den Bosch"],
}
# CBS disambiguators such as "Hengelo (O.)" or "Bergen (NH.)".
DISAMBIGUATOR = re.compile(r"^(?P<plain>.+?)\s*\([A-Z]{1,3}\.\)$")

VEILIG_THUIS_TYPE_SLUG = "veilig-thuis"
DEFAULT_TELEFOON_TOELICHTING = (
    "Landelijk gratis nummer, 24/7 bereikbaar; u wordt doorverbonden met Veilig Thuis in uw "
    "regio. Bij acuut gevaar: bel 112."
)
ORGANISATIE_BRON = (
    "Referentiedata: CBS-indeling Veilig Thuis-regio's 2025; telefoonnummer en website volgens "
    "shared/data/veilig-thuis-regios.csv"
)
MAX_ERRORS_SHOWN = 25

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


# --- Names -------------------------------------------------------------------


def gemeente_slug(naam):
    """URL slug for a gemeente: "'s-Gravenhage" -> "s-gravenhage", "Hengelo (O.)" -> "hengelo-o".

    Django's slugify already drops apostrophes, brackets and dots and folds
    accents (Súdwest-Fryslân -> sudwest-fryslan); kept as a named function so the
    rule is in one place and tested.
    """
    return slugify(naam)


def computed_aliases(naam):
    """Search aliases for a CBS name: the common name, and the name without its disambiguator."""
    aliases = list(EXTRA_ALIASES.get(naam, []))
    match = DISAMBIGUATOR.match(naam)
    if match:
        aliases.append(match.group("plain"))
    return aliases


def merge_aliases(existing, naam):
    """Add the computed aliases to what is stored, keeping aliases an editor added by hand."""
    aliases = [a.strip() for a in existing.split(";") if a.strip()]
    known = {a.casefold() for a in aliases}
    for alias in computed_aliases(naam):
        if alias.casefold() not in known:
            aliases.append(alias)
            known.add(alias.casefold())
    return "; ".join(aliases)


# --- Reading and validating --------------------------------------------------


@dataclass
class ReferenceData:
    """The three CSV files, parsed and cross-checked; nothing here touches the database."""

    provincies: dict = field(default_factory=dict)  # code -> naam
    veiligheidsregios: dict = field(default_factory=dict)  # code -> row
    veilig_thuis: dict = field(default_factory=dict)  # code -> row
    gemeenten: dict = field(default_factory=dict)  # code -> row


class Problems:
    """Collects every problem in the files so the editor can fix them in one go."""

    def __init__(self):
        self.messages = []

    def add(self, filename, line, message):
        where = f"{filename}, regel {line}" if line else filename
        self.messages.append(f"{where}: {message}")

    def raise_if_any(self):
        if not self.messages:
            return
        shown = self.messages[:MAX_ERRORS_SHOWN]
        more = len(self.messages) - len(shown)
        if more:
            shown.append(f"... en nog {more} / and {more} more")
        raise CommandError(
            "Referentiedata afgekeurd, er is niets opgeslagen / "
            "reference data rejected, nothing was written:\n  - " + "\n  - ".join(shown)
        )


def read_csv(directory, filename):
    """Rows of one CSV file as (line number, dict); stops at a missing file or column."""
    path = Path(directory) / filename
    if not path.is_file():
        raise CommandError(f"Bestand ontbreekt / file not found: {path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in REQUIRED_COLUMNS[filename] if c not in (reader.fieldnames or [])]
        if missing:
            raise CommandError(
                f"{filename}: verplichte kolom(men) ontbreken / missing required column(s): "
                + ", ".join(missing)
            )
        rows = []
        for row in reader:
            cleaned = {key: (value or "").strip() for key, value in row.items() if key}
            rows.append((reader.line_num, cleaned))
    if not rows:
        raise CommandError(f"{filename}: bevat geen regels / contains no rows")
    return rows


def check_code(problems, filename, line, kind, code):
    if not CODE_PATTERNS[kind].match(code):
        problems.add(filename, line, f"ongeldige {kind}-code / invalid code {code!r}")
        return False
    return True


def check_length(problems, filename, line, model, field_name, value):
    """Catch values the database would refuse, before the transaction starts."""
    max_length = model._meta.get_field(field_name).max_length
    if max_length and len(value) > max_length:
        problems.add(
            filename,
            line,
            f"{field_name} is {len(value)} tekens, maximaal {max_length} / value too long",
        )


def add_provincie(problems, data, filename, line, code, naam):
    if not check_code(problems, filename, line, "provincie", code):
        return
    known = data.provincies.setdefault(code, naam)
    if known != naam:
        problems.add(filename, line, f"provincie {code} heet elders {known!r}, hier {naam!r}")


def parse_veiligheidsregios(problems, data, rows):
    for line, row in rows:
        code = row["veiligheidsregio_code"]
        if not check_code(problems, VEILIGHEIDSREGIOS_FILE, line, "veiligheidsregio", code):
            continue
        if code in data.veiligheidsregios:
            problems.add(VEILIGHEIDSREGIOS_FILE, line, f"{code} staat er dubbel in / duplicate")
            continue
        if not row["veiligheidsregio_naam"]:
            problems.add(VEILIGHEIDSREGIOS_FILE, line, f"{code} heeft geen naam / no name")
        check_length(
            problems,
            VEILIGHEIDSREGIOS_FILE,
            line,
            Veiligheidsregio,
            "naam",
            row["veiligheidsregio_naam"],
        )
        add_provincie(
            problems,
            data,
            VEILIGHEIDSREGIOS_FILE,
            line,
            row["provincie_code"],
            row["provincie_naam"],
        )
        data.veiligheidsregios[code] = {**row, "_line": line}


def parse_veilig_thuis(problems, data, rows):
    url = URLValidator(schemes=["https", "http"])
    for line, row in rows:
        code = row["veilig_thuis_regio_code"]
        if not check_code(problems, VEILIG_THUIS_FILE, line, "Veilig Thuis-regio", code):
            continue
        if code in data.veilig_thuis:
            problems.add(VEILIG_THUIS_FILE, line, f"{code} staat er dubbel in / duplicate")
            continue
        for column in ("organisatie", "cbs_regionaam", "telefoon"):
            if not row[column]:
                problems.add(VEILIG_THUIS_FILE, line, f"{code}: {column} is leeg / empty")
        # Names and research notes go to the region; contact details to its organisation.
        for model, column, model_field in (
            (VeiligThuisRegio, "organisatie", "organisatie_naam"),
            (VeiligThuisRegio, "cbs_regionaam", "naam"),
            (VeiligThuisRegio, "website_bron", "website_bron"),
            (Organisatie, "telefoon", "telefoon"),
            (Organisatie, "telefoon_toelichting", "telefoon_toelichting"),
            (Organisatie, "website", "website"),
        ):
            check_length(problems, VEILIG_THUIS_FILE, line, model, model_field, row[column])
        if row["website"]:
            try:
                url(row["website"])
            except ValidationError:
                problems.add(VEILIG_THUIS_FILE, line, f"{code}: ongeldige website / invalid URL")
        data.veilig_thuis[code] = {**row, "_line": line}
    slugs = Counter(slugify(row["organisatie"]) for row in data.veilig_thuis.values())
    for slug, count in slugs.items():
        if count > 1:
            problems.add(VEILIG_THUIS_FILE, None, f"organisatienaam geeft dubbele slug {slug!r}")


def parse_gemeenten(problems, data, rows):
    """Check every gemeente and that its region codes exist in the region files."""
    slugs = {}
    for line, row in rows:
        code, naam = row["gemeente_code"], row["gemeente_naam"]
        if not check_code(problems, GEMEENTEN_FILE, line, "gemeente", code):
            continue
        if code in data.gemeenten:
            problems.add(GEMEENTEN_FILE, line, f"{code} staat er dubbel in / duplicate")
            continue
        if not naam:
            problems.add(GEMEENTEN_FILE, line, f"{code} heeft geen naam / no name")
            continue
        check_length(problems, GEMEENTEN_FILE, line, Gemeente, "naam", naam)
        slug = gemeente_slug(naam)
        if slug in slugs:
            problems.add(GEMEENTEN_FILE, line, f"slug {slug!r} ook voor {slugs[slug]}")
        slugs[slug] = code
        add_provincie(
            problems, data, GEMEENTEN_FILE, line, row["provincie_code"], row["provincie_naam"]
        )
        check_region_links(problems, data, line, row)
        data.gemeenten[code] = {**row, "_line": line}


def check_region_links(problems, data, line, row):
    code = row["gemeente_code"]
    vr_code, vt_code = row["veiligheidsregio_code"], row["veilig_thuis_regio_code"]
    if check_code(problems, GEMEENTEN_FILE, line, "veiligheidsregio", vr_code):
        vr = data.veiligheidsregios.get(vr_code)
        if vr is None:
            problems.add(
                GEMEENTEN_FILE,
                line,
                f"{code}: onbekende veiligheidsregio / unknown region {vr_code}",
            )
        elif vr["provincie_code"] != row["provincie_code"]:
            problems.add(
                GEMEENTEN_FILE,
                line,
                f"{code}: provincie {row['provincie_code']} past niet bij {vr_code}",
            )
    if check_code(problems, GEMEENTEN_FILE, line, "Veilig Thuis-regio", vt_code):
        vt = data.veilig_thuis.get(vt_code)
        if vt is None:
            problems.add(
                GEMEENTEN_FILE,
                line,
                f"{code}: onbekende Veilig Thuis-regio / unknown region {vt_code}",
            )
        elif vt["organisatie"] != row["veilig_thuis_organisatie"]:
            problems.add(
                GEMEENTEN_FILE,
                line,
                f"{code}: organisatie {row['veilig_thuis_organisatie']!r} past niet "
                f"bij {vt_code} ({vt['organisatie']!r})",
            )


def check_counts(problems, data):
    """Each region file lists its gemeenten; they must match the gemeenten file exactly."""
    for filename, regions, column in (
        (VEILIGHEIDSREGIOS_FILE, data.veiligheidsregios, "veiligheidsregio_code"),
        (VEILIG_THUIS_FILE, data.veilig_thuis, "veilig_thuis_regio_code"),
    ):
        for code, row in regions.items():
            expected = {g for g, gem in data.gemeenten.items() if gem[column] == code}
            listed = {c.strip() for c in row["gemeente_codes"].split(";") if c.strip()}
            if not expected:
                problems.add(filename, row["_line"], f"{code} heeft geen gemeenten / no gemeenten")
            if listed != expected:
                problems.add(
                    filename,
                    row["_line"],
                    f"{code}: gemeente_codes wijkt af van {GEMEENTEN_FILE} "
                    f"({len(listed)} tegen {len(expected)})",
                )
            if row["aantal_gemeenten"] != str(len(listed)):
                problems.add(
                    filename,
                    row["_line"],
                    f"{code}: aantal_gemeenten {row['aantal_gemeenten']!r} maar "
                    f"{len(listed)} codes",
                )


def load_files(directory):
    """Read and cross-check the three CSV files; raise CommandError listing every problem."""
    problems = Problems()
    data = ReferenceData()
    vr_rows = read_csv(directory, VEILIGHEIDSREGIOS_FILE)
    vt_rows = read_csv(directory, VEILIG_THUIS_FILE)
    gm_rows = read_csv(directory, GEMEENTEN_FILE)
    parse_veiligheidsregios(problems, data, vr_rows)
    parse_veilig_thuis(problems, data, vt_rows)
    parse_gemeenten(problems, data, gm_rows)
    problems.raise_if_any()
    check_counts(problems, data)
    problems.raise_if_any()
    return data


# --- Writing -----------------------------------------------------------------

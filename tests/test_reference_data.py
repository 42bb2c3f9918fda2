"""The CBS reference data: loading, refreshing, rejecting bad files, and the region map."""

import csv
import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.template.loader import render_to_string

from partners import geo
from partners.models import (
    Gemeente,
    Organisatie,
    Organisatietype,
    Provincie,
    Veiligheidsregio,
    VeiligThuisRegio,
)
from partners.referentie import computed_aliases, gemeente_slug
from praktijken.models import PRAKTIJK_SLUGS, Praktijk

REFERENCE_DIR = Path(settings.BASE_DIR) / "fixtures" / "reference"
GEMEENTEN_CSV = "gemeenten-2026.csv"
VT_CSV = "veilig-thuis-regios.csv"
COUNT_LINE = re.compile(r"(\d+) created, (\d+) updated, (\d+) unchanged")


def read_rows(filename, directory=REFERENCE_DIR):
    with (Path(directory) / filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def load(*args):
    out = StringIO()
    call_command("load_reference_data", *args, stdout=out)
    return out.getvalue()


# Gemeenten, VR's, VT-regio's, provincies, VT organisations and type; then (issue 13) the
# GGD/politie/arrondissement/jeugdregio regions, woonplaatsen, PC4, 57 organisations, 5 types.
BASE_RECORDS = 342 + 25 + 25 + 12 + 25 + 1
LAYER_RECORDS = (25 + 10 + 11 + 42) + 2502 + 4074 + (25 + 10 + 10 + 11 + 1) + 5


def counts(output):
    """(created, updated, unchanged) summed over all lines of the report."""
    totals = [0, 0, 0]
    for match in COUNT_LINE.finditer(output):
        for i in range(3):
            totals[i] += int(match.group(i + 1))
    return tuple(totals)


def snapshot():
    """Everything the command can write, to prove a failed run left it alone."""
    return (
        list(Provincie.objects.values_list().order_by("code")),
        list(Veiligheidsregio.objects.values_list().order_by("code")),
        list(VeiligThuisRegio.objects.values_list().order_by("code")),
        list(Gemeente.objects.values_list().order_by("code")),
        list(Organisatie.objects.values_list().order_by("slug")),
        list(Organisatietype.objects.values_list().order_by("slug")),
    )


@pytest.fixture
def loaded(db):
    return load()


@pytest.fixture
def bad_dir(tmp_path):
    """A writable copy of the reference files that a test can spoil."""
    for path in REFERENCE_DIR.glob("*.csv"):
        shutil.copy(path, tmp_path / path.name)
    return tmp_path


# --- Names -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("naam", "slug"),
    [
        ("'s-Gravenhage", "s-gravenhage"),
        ("'s-Hertogenbosch", "s-hertogenbosch"),
        ("Hengelo (O.)", "hengelo-o"),
        ("Bergen (NH.)", "bergen-nh"),
        ("Súdwest-Fryslân", "sudwest-fryslan"),
        ("Nuenen, Gerwen en Nederwetten", "nuenen-gerwen-en-nederwetten"),
    ],
)
def test_gemeente_slug(naam, slug):
    assert gemeente_slug(naam) == slug


@pytest.mark.parametrize(
    ("naam", "aliases"),
    [
        ("'s-Gravenhage", ["Den Haag"]),
        ("'s-Hertogenbosch", ["Den Bosch"]),
        ("Hengelo (O.)", ["Hengelo"]),
        ("Bergen (L.)", ["Bergen"]),
        ("Bergen (NH.)", ["Bergen"]),
        ("Rijswijk (ZH.)", ["Rijswijk"]),
        ("Utrecht", []),
    ],
)
def test_computed_aliases(naam, aliases):
    assert computed_aliases(naam) == aliases


# --- Loading the real files --------------------------------------------------


@pytest.mark.django_db
def test_loads_all_records(loaded):
    assert Gemeente.objects.count() == 342
    assert VeiligThuisRegio.objects.count() == 25
    assert Veiligheidsregio.objects.count() == 25
    assert Provincie.objects.count() == 12
    assert Organisatie.objects.filter(type__slug="veilig-thuis").count() == 25
    assert counts(loaded) == (BASE_RECORDS + LAYER_RECORDS, 342, 0)


@pytest.mark.django_db
def test_every_gemeente_resolves_to_its_veilig_thuis_organisation(loaded):
    rows = read_rows(GEMEENTEN_CSV)
    assert len(rows) == 342
    wrong = []
    for row in rows:
        gemeente = Gemeente.objects.with_regions().get(code=row["gemeente_code"])
        organisaties = Organisatie.objects.published().filter(
            type__slug="veilig-thuis", veilig_thuis_regios=gemeente.veilig_thuis_regio
        )
        names = sorted(o.naam for o in organisaties)
        expected = row["veilig_thuis_organisatie"]
        if gemeente.veilig_thuis_regio.organisatie_naam != expected or names != [expected]:
            wrong.append((row["gemeente_naam"], expected, names))
        if gemeente.veiligheidsregio.code != row["veiligheidsregio_code"]:
            wrong.append((row["gemeente_naam"], row["veiligheidsregio_code"]))
        if gemeente.provincie.code != row["provincie_code"]:
            wrong.append((row["gemeente_naam"], row["provincie_code"]))
    assert wrong == []


@pytest.mark.django_db
def test_for_gemeente_finds_the_regional_veilig_thuis(loaded):
    gemeente = Gemeente.objects.get(code="GM0345")  # Veenendaal
    found = Organisatie.objects.for_gemeente(gemeente).filter(type__slug="veilig-thuis")
    assert [o.naam for o in found] == ["Veilig Thuis Utrecht"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("code", "naam", "vr_code", "vt_code"),
    [
        ("GM0450", "Uitgeest", "VR12", "VT17"),
        ("GM0797", "Heusden", "VR21", "VT15"),
        ("GM0944", "Mook en Middelaar", "VR23", "VT06"),
    ],
)
def test_veilig_thuis_differs_from_veiligheidsregio(loaded, code, naam, vr_code, vt_code):
    gemeente = Gemeente.objects.get(code=code)
    assert gemeente.naam == naam
    assert gemeente.veiligheidsregio.code == vr_code
    assert gemeente.veilig_thuis_regio.code == vt_code


@pytest.mark.django_db
def test_brabant_split(loaded):
    vr20 = set(
        Gemeente.objects.filter(veiligheidsregio__code="VR20").values_list(
            "veilig_thuis_regio__code", flat=True
        )
    )
    assert vr20 == {"VT15", "VT21"}
    assert Gemeente.objects.filter(veilig_thuis_regio__code="VT27").count() == 31


@pytest.mark.django_db
def test_aliases_and_slugs(loaded):
    assert "Den Haag" in Gemeente.objects.get(code="GM0518").aliassen
    assert "Den Bosch" in Gemeente.objects.get(code="GM0796").aliassen
    assert Gemeente.objects.get(naam="Hengelo (O.)").aliassen == "Hengelo"
    assert Gemeente.objects.filter(aliassen="Bergen").count() == 2
    assert Gemeente.objects.get(code="GM0518").slug == "s-gravenhage"
    assert VeiligThuisRegio.objects.get(code="VT20").slug == "veilig-thuis-utrecht"


@pytest.mark.django_db
def test_websites_blank_exactly_where_csv_has_none(loaded):
    rows = read_rows(VT_CSV)
    assert sum(1 for r in rows if r["website"]) == 13
    for row in rows:
        region = VeiligThuisRegio.objects.get(code=row["veilig_thuis_regio_code"])
        organisatie = Organisatie.objects.get(slug=region.slug)
        assert region.website_bron == row["website_bron"]
        assert organisatie.website == row["website"]
        assert organisatie.telefoon == "0800-2000"


@pytest.mark.django_db
def test_organisation_defaults(loaded):
    organisatie = Organisatie.objects.get(slug="veilig-thuis-utrecht")
    assert organisatie.niveau == "regionaal"
    assert organisatie.rol == "algemeen"
    assert organisatie.status == "gepubliceerd"
    assert organisatie.bron.startswith("Referentiedata: CBS-indeling")
    assert list(organisatie.veilig_thuis_regios.values_list("code", flat=True)) == ["VT20"]


# --- Refreshing --------------------------------------------------------------


@pytest.mark.django_db
def test_rerun_changes_nothing(loaded):
    before = snapshot()
    output = load()
    created, updated, unchanged = counts(output)
    assert (created, updated) == (0, 0)
    assert unchanged == BASE_RECORDS + LAYER_RECORDS + 342  # and each gemeente's layers
    assert snapshot() == before


@pytest.mark.django_db
def test_refresh_keeps_editor_changes(loaded):
    vt_type = Organisatietype.objects.get(slug="veilig-thuis")
    vt_type.rol = "Rol uit de routekaart."
    vt_type.save()
    Organisatie.objects.filter(slug="veilig-thuis-groningen").update(
        beschrijving="Door de redactie.",
        website="https://example.org/vt",
        laatst_gecontroleerd_op="2025-01-01",
        status="gearchiveerd",
    )
    gemeente = Gemeente.objects.get(code="GM0518")
    gemeente.aliassen = "Den Haag; Haagse regio"
    gemeente.save()

    assert counts(load())[:2] == (0, 0)

    organisatie = Organisatie.objects.get(slug="veilig-thuis-groningen")
    assert organisatie.beschrijving == "Door de redactie."
    assert organisatie.website == "https://example.org/vt"
    assert str(organisatie.laatst_gecontroleerd_op) == "2025-01-01"
    assert organisatie.status == "gearchiveerd"
    assert Organisatietype.objects.get(slug="veilig-thuis").rol == "Rol uit de routekaart."
    assert Gemeente.objects.get(code="GM0518").aliassen == "Den Haag; Haagse regio"


@pytest.mark.django_db
def test_refresh_updates_changed_csv_values(loaded, bad_dir):
    rows = read_rows(GEMEENTEN_CSV, bad_dir)
    for row in rows:
        if row["gemeente_code"] == "GM0345":
            row["gemeente_naam"] = "Veenendaal (U.)"
    write_rows(bad_dir / GEMEENTEN_CSV, rows)
    vt_rows = read_rows(VT_CSV, bad_dir)
    vt_rows[0]["opmerking"] = "Nieuwe opmerking."
    write_rows(bad_dir / VT_CSV, vt_rows)

    assert counts(load("--dir", str(bad_dir)))[:2] == (0, 2)
    gemeente = Gemeente.objects.get(code="GM0345")
    assert (gemeente.slug, gemeente.aliassen) == ("veenendaal-u", "Veenendaal")
    assert VeiligThuisRegio.objects.get(code="VT01").opmerking == "Nieuwe opmerking."


@pytest.mark.django_db
def test_praktijken_linked_when_they_exist(db):
    for slug in PRAKTIJK_SLUGS:
        Praktijk.objects.create(slug=slug, naam=slug, korte_naam=slug, definitie="-")
    load()
    for organisatie in Organisatie.objects.filter(type__slug="veilig-thuis"):
        assert organisatie.praktijken.count() == 4


@pytest.mark.django_db
def test_praktijken_added_on_refresh_if_loaded_later(loaded):
    for slug in PRAKTIJK_SLUGS:
        Praktijk.objects.create(slug=slug, naam=slug, korte_naam=slug, definitie="-")
    assert counts(load())[:2] == (0, 25)
    assert Organisatie.objects.get(slug="veilig-thuis-zeeland").praktijken.count() == 4


# --- Bad input and dry run ---------------------------------------------------


def drop_column(directory, filename, column):
    rows = read_rows(filename, directory)
    for row in rows:
        del row[column]
    write_rows(directory / filename, rows)


def set_value(directory, filename, key_column, key, column, value):
    rows = read_rows(filename, directory)
    for row in rows:
        if row[key_column] == key:
            row[column] = value
    write_rows(directory / filename, rows)


SPOILERS = {
    "missing column": lambda d: drop_column(d, GEMEENTEN_CSV, "veilig_thuis_regio_code"),
    "bad gemeente code": lambda d: set_value(
        d, GEMEENTEN_CSV, "gemeente_code", "GM0345", "gemeente_code", "GM345"
    ),
    "bad vt code": lambda d: set_value(
        d, VT_CSV, "veilig_thuis_regio_code", "VT20", "veilig_thuis_regio_code", "VT2O"
    ),
    "unknown vt region": lambda d: set_value(
        d, GEMEENTEN_CSV, "gemeente_code", "GM0345", "veilig_thuis_regio_code", "VT99"
    ),
    "unknown veiligheidsregio": lambda d: set_value(
        d, GEMEENTEN_CSV, "gemeente_code", "GM0345", "veiligheidsregio_code", "VR26"
    ),
    "wrong count": lambda d: set_value(
        d, VT_CSV, "veilig_thuis_regio_code", "VT20", "aantal_gemeenten", "25"
    ),
    "invalid website": lambda d: set_value(
        d, VT_CSV, "veilig_thuis_regio_code", "VT04", "website", "veiligthuis friesland"
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
def test_bad_csv_raises_and_writes_nothing_on_empty_db(bad_dir, spoiler):
    SPOILERS[spoiler](bad_dir)
    with pytest.raises(CommandError, match="niets opgeslagen|ontbreken"):
        load("--dir", str(bad_dir))
    assert snapshot() == ([], [], [], [], [], [])


@pytest.mark.django_db
@pytest.mark.parametrize("spoiler", sorted(SPOILERS))
def test_bad_csv_leaves_loaded_tables_as_they_were(loaded, bad_dir, spoiler):
    # A valid change next to the defect must not be written either.
    set_value(bad_dir, GEMEENTEN_CSV, "gemeente_code", "GM0014", "gemeente_naam", "Stad")
    SPOILERS[spoiler](bad_dir)
    before = snapshot()
    with pytest.raises(CommandError):
        load("--dir", str(bad_dir))
    assert snapshot() == before
    assert Gemeente.objects.get(code="GM0014").naam == "Groningen"


@pytest.mark.django_db
def test_error_message_names_the_problem(bad_dir):
    SPOILERS["unknown vt region"](bad_dir)
    with pytest.raises(CommandError, match=r"GM0345.*VT99"):
        load("--dir", str(bad_dir))


@pytest.mark.django_db
def test_missing_file_raises(tmp_path):
    with pytest.raises(CommandError, match="file not found"):
        load("--dir", str(tmp_path))


@pytest.mark.django_db
def test_dry_run_writes_nothing(db):
    output = load("--dry-run")
    assert counts(output)[0] == BASE_RECORDS + LAYER_RECORDS
    assert "nothing written" in output
    assert snapshot() == ([], [], [], [], [], [])


# --- Map ---------------------------------------------------------------------


def test_vt_map_has_25_regions_inside_the_viewbox():
    regions = geo.vt_region_paths()
    assert [r["code"] for r in regions] == sorted(
        r["veilig_thuis_regio_code"] for r in read_rows(VT_CSV)
    )
    for region in regions:
        assert region["path_d"].startswith("M") and region["path_d"].endswith("Z")
        numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", region["path_d"])]
        assert len(numbers) % 2 == 0 and len(numbers) >= 6
        xs, ys = numbers[0::2], numbers[1::2]
        assert all(0 <= x <= geo.VIEWBOX_WIDTH for x in xs + [region["label_x"]])
        assert all(0 <= y <= geo.VIEWBOX_HEIGHT for y in ys + [region["label_y"]])


def test_vt_map_results_are_copies():
    geo.vt_region_paths()[0]["url"] = "/changed/"
    assert "url" not in geo.vt_region_paths()[0]


def test_vt_map_template_renders_accessible_links():
    regions = [
        {
            **r,
            "url": f"/regio/{r['code']}/",
            "name": f"Regio {r['code']}",
            "is_current": r["code"] == "VT20",
        }
        for r in geo.vt_region_paths()
    ]
    html = render_to_string("partners/includes/_vt_map.html", {"map_regions": regions})
    assert html.count('<a href="/regio/') == 25
    assert 'aria-label="Regio VT01"' in html
    assert html.count("vt-map__region--current") == 1
    assert html.count('class="vt-map__marker"') == 1
    assert "Kaart van de 25 Veilig Thuis-regio's. Bron: CBS, PDOK." in html
    assert "style=" not in html and "<script" not in html and 'role="img"' not in html

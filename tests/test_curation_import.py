"""Bulk import and export of partners: validation, all-or-nothing, idempotence, round trips."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from import_export.tmp_storages import TempFolderStorage

from partners.models import Niveau, Organisatie
from partners.resources import (
    OrganisatieResource,
    escape_formula,
    import_report,
    read_dataset,
    sniff_delimiter,
    unescape_formula,
)
from praktijken.models import Praktijk
from routekaart.publicatie import Status
from tests.factories_curation import ORGS, make_org, make_regio, make_user

HEADER = "slug,naam,type,niveau,telefoon,email,website,gemeenten,praktijken\n"


def snapshot():
    """Every organisation as plain data, relations included, for exact comparisons."""
    result = {}
    for org in OrganisatieResource.with_relations(Organisatie.objects.order_by("slug")):
        fields = {
            f.attname: getattr(org, f.attname)
            for f in Organisatie._meta.concrete_fields
            # gewijzigd_op is the time of the last write, which an import is.
            if f.attname not in ("id", "type_id", "gewijzigd_op")
        }
        fields["type"] = org.type.slug
        for name in (
            "praktijken",
            "stappen",
            "expert_voor",
            "gemeenten",
            "veilig_thuis_regios",
            "veiligheidsregios",
        ):
            fields[name] = sorted(str(o) for o in getattr(org, name).all())
        result[org.slug] = fields
    return result


def export_csv():
    out = io.StringIO()
    call_command("partners_export", stdout=out)
    return out.getvalue()


# --- Formula escaping ------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "=SUM(A1)",
        "+31 6 12345678",
        "-5",
        "@cmd",
        "\tx",
        "\rx",
        "'=al ge-escaped",
        "''=twee",
        "'s-Hertogenbosch",
        "gewoon",
        "",
        "'",
        "a=b",
    ],
)
def test_formula_escaping_round_trips(value):
    escaped = escape_formula(value)
    assert unescape_formula(escaped) == value
    assert escaped[:1] not in ("=", "+", "-", "@", "\t", "\r")


def test_escaping_leaves_ordinary_text_alone():
    assert escape_formula("'s-Gravenhage") == "'s-Gravenhage"
    assert unescape_formula("'s-Gravenhage") == "'s-Gravenhage"
    assert escape_formula("=1+1") == "'=1+1"


def test_delimiter_sniffing():
    assert sniff_delimiter("slug;naam\na;b") == ";"
    assert sniff_delimiter("slug,naam\na;b") == ","


# --- Round trips with the real data -------------------------------------------------


@pytest.mark.usefixtures("content")
def test_export_reimported_into_an_empty_database_is_exact(tmp_path):
    org = Organisatie.objects.filter(niveau=Niveau.LANDELIJK).first()
    org.naam = '=HYPERLINK("https://evil.example")'
    org.beschrijving = '@SUM(1)\nmet een nieuwe regel, een "aanhalingsteken" en ; ,'
    org.telefoon_toelichting = "-bel alleen op werkdagen"
    org.save()
    before = snapshot()
    path = tmp_path / "partners.csv"
    call_command("partners_export", output=str(path), stdout=io.StringIO())
    text = path.read_bytes().decode("utf-8")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'-bel" in text
    assert "\n=" not in text and ",=" not in text and ",@" not in text

    Organisatie.objects.all().delete()
    out = io.StringIO()
    call_command("partners_import", str(path), stdout=out)
    assert f"{len(before)} nieuw" in out.getvalue()
    assert snapshot() == before
    assert export_csv() == text


@pytest.mark.usefixtures("content")
def test_xlsx_round_trip(tmp_path):
    before = snapshot()
    path = tmp_path / "partners.xlsx"
    call_command("partners_export", output=str(path), stdout=io.StringIO())
    Organisatie.objects.all().delete()
    call_command("partners_import", str(path), stdout=io.StringIO())
    assert snapshot() == before


@pytest.mark.usefixtures("content")
def test_reimporting_the_same_file_changes_nothing(tmp_path):
    path = tmp_path / "partners.csv"
    call_command("partners_export", output=str(path), stdout=io.StringIO())
    history_before = Organisatie.history.count()
    out = io.StringIO()
    call_command("partners_import", str(path), stdout=out)
    call_command("partners_import", str(path), stdout=out)
    assert "0 nieuw, 0 gewijzigd" in out.getvalue()
    assert Organisatie.history.count() == history_before


@pytest.mark.usefixtures("content")
def test_export_of_one_region(tmp_path):
    out = io.StringIO()
    call_command("partners_export", regio="VT20", stdout=out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert rows and all(r["niveau"] != Niveau.LANDELIJK for r in rows)
    with pytest.raises(CommandError, match="Onbekende Veilig Thuis-regio"):
        call_command("partners_export", regio="VT99", stdout=io.StringIO())


# --- Validation, all or nothing -------------------------------------------------------


@pytest.fixture
def reference(db):
    Praktijk.objects.get_or_create(
        slug="vgv", defaults={"naam": "VGV", "korte_naam": "VGV", "definitie": "x"}
    )
    vt, vr, gemeente = make_regio()
    make_org("bestaand", gemeenten=[gemeente], telefoon="030-123 45 67")
    return gemeente


def write(tmp_path, text, name="import.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_one_bad_row_rejects_the_whole_file_and_every_bad_row_is_listed(reference, tmp_path):
    g = reference.code
    path = write(
        tmp_path,
        HEADER
        + f"goed-team,Goed Team,wijkteam,lokaal,030-111 22 33,a@b.nl,https://a.nl,{g},vgv\n"
        + f"slecht-een,Slecht,wijkteam,lokaal,12345,geen-mail,http://a.nl,{g},vgv\n"
        + "bestaand,Bestaand,onbekend-type,overal,,,,GM0000,xyz\n"
        + f",Zonder slug,wijkteam,lokaal,,,,{g},\n",
    )
    with pytest.raises(CommandError) as error:
        call_command("partners_import", str(path), stdout=io.StringIO())
    report = str(error.value)
    assert "er is niets opgeslagen" in report
    for expected in (
        "Rij 2, telefoon: '12345' is geen geldig Nederlands telefoonnummer",
        "Rij 2, email: 'geen-mail' is geen geldig e-mailadres",
        "Rij 2, website: 'http://a.nl' is geen geldig webadres",
        "Rij 3, type: Onbekend organisatietype: 'onbekend-type'",
        "Rij 3, niveau: 'overal' is geen geldige waarde",
        "Rij 3, gemeenten: Onbekende gemeentecodes: GM0000",
        "Rij 3, praktijken: Onbekende praktijken: xyz",
        "Rij 4, slug: Dit veld is verplicht",
    ):
        assert expected in report
    assert "Rij 1" not in report
    assert not Organisatie.objects.filter(slug="goed-team").exists()
    assert Organisatie.objects.get(slug="bestaand").naam == "Bestaand"


def test_good_file_imports_and_records_history(reference, tmp_path):
    make_user("importeur", superuser=True)
    path = write(
        tmp_path,
        HEADER + f"nieuw-team,Nieuw,wijkteam,lokaal,06-12345678,a@b.nl,"
        f"https://nieuw.example,{reference.code},vgv\n",
    )
    out = io.StringIO()
    call_command("partners_import", str(path), user="importeur", stdout=out)
    assert "1 nieuw" in out.getvalue()
    org = Organisatie.objects.get(slug="nieuw-team")
    assert org.status == Status.CONCEPT  # no status column: a draft until published
    assert list(org.gemeenten.all()) == [reference]
    record = org.history.get()
    assert record.history_user.username == "importeur"
    assert record.history_change_reason == "Import import.csv"


def test_dry_run_writes_nothing(reference, tmp_path):
    path = write(tmp_path, HEADER + f"droog,Droog,wijkteam,lokaal,,,,{reference.code},\n")
    out = io.StringIO()
    call_command("partners_import", str(path), dry_run=True, stdout=out)
    assert "1 nieuw" in out.getvalue() and "Dry run" in out.getvalue()
    assert not Organisatie.objects.filter(slug="droog").exists()


def test_semicolon_csv_from_dutch_excel(reference, tmp_path):
    path = write(
        tmp_path,
        f"\ufeffslug;naam;type;niveau;gemeenten\npuntkomma;Punt;wijkteam;lokaal;{reference.code}\n",
    )
    call_command("partners_import", str(path), stdout=io.StringIO())
    assert Organisatie.objects.filter(slug="puntkomma").exists()


@pytest.mark.parametrize(
    "text,suffix,message",
    [
        ("slug,naam\nx,ë\n", ".csv", None),
        ("naam,type\nx,y\n", ".csv", "De kolom 'slug' ontbreekt"),
        ("slug,telefon\nbestaand,1\n", ".csv", "Onbekende kolom(men): telefon"),
        ("slug,naam\n", ".txt", "Onbekend bestandstype"),
        ("geen excel", ".xlsx", "kan niet gelezen worden"),
    ],
)
def test_unreadable_files_get_a_dutch_message(reference, tmp_path, text, suffix, message):
    encoding = "latin-1" if message is None else "utf-8"
    path = write(tmp_path, text, name=f"f{suffix}", encoding=encoding)
    with pytest.raises(CommandError) as error:
        call_command("partners_import", str(path), stdout=io.StringIO())
    assert (message or "geen UTF-8") in str(error.value)


def test_missing_file_and_unknown_user(reference, tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        call_command("partners_import", str(tmp_path / "nope.csv"))
    path = write(tmp_path, HEADER)
    with pytest.raises(CommandError, match="Geen actieve gebruiker"):
        call_command("partners_import", str(path), user="niemand")


def test_partial_columns_update_only_those(reference):
    dataset = read_dataset(b"slug,telefoon\nbestaand,06-12345678\n", ".csv")
    result = OrganisatieResource().import_data(dataset)
    assert not import_report(result)
    org = Organisatie.objects.get(slug="bestaand")
    assert org.telefoon == "06-12345678"
    assert list(org.gemeenten.all()) == [reference]


# --- The admin: upload, preview, confirm --------------------------------------------


@pytest.fixture
def admin_client(client, reference):
    client.force_login(make_user("beheer", superuser=True))
    return client


def upload(client, text, name="regio.csv"):
    return client.post(
        f"{ORGS}import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv"),
        },
    )


def test_admin_import_preview_then_confirm(admin_client, reference):
    response = upload(
        admin_client,
        HEADER + f"via-beheer,Via Beheer,wijkteam,lokaal,0800-2000,,,{reference.code},vgv\n",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Via Beheer" in html  # the preview
    assert not Organisatie.objects.filter(slug="via-beheer").exists()
    confirm = {
        name: value
        for name, value in (
            ("import_file_name", html.split('name="import_file_name" value="')[1].split('"')[0]),
            ("original_file_name", "regio.csv"),
            ("format", "0"),
            ("resource", "0"),
        )
    }
    response = admin_client.post(f"{ORGS}process_import/", confirm)
    assert response.status_code == 302
    org = Organisatie.objects.get(slug="via-beheer")
    assert org.history.get().history_user.username == "beheer"


def test_admin_import_with_a_bad_row_shows_every_error_and_no_confirm(admin_client, reference):
    response = upload(
        admin_client,
        HEADER
        + f"goed,Goed,wijkteam,lokaal,,,,{reference.code},\n"
        + f"fout,Fout,wijkteam,lokaal,999,,,{reference.code},\n"
        + f"ook-fout,Ook Fout,wijkteam,lokaal,,,ftp://x,{reference.code},\n",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Import afgekeurd: er is niets opgeslagen" in html
    assert "2 rijen met fouten" in html
    assert re.search(
        r"<td>2</td><td>telefoon</td><td>&#x27;999&#x27; is geen geldig Nederlands "
        r"telefoonnummer",
        html,
    )
    assert re.search(
        r"<td>3</td><td>website</td><td>&#x27;ftp://x&#x27; is geen geldig "
        r"webadres; het moet beginnen met https://",
        html,
    )
    assert 'name="import_file_name"' not in html
    assert not Organisatie.objects.filter(slug__in=["goed", "fout", "ook-fout"]).exists()


def test_forged_confirm_of_a_bad_file_writes_nothing(admin_client, reference):
    storage = TempFolderStorage(encoding="utf-8-sig", read_mode="r")
    storage.save(
        (
            HEADER
            + f"goed,Goed,wijkteam,lokaal,,,,{reference.code},\n"
            + "fout,Fout,wijkteam,lokaal,999,,,,\n"
        ).encode()
    )
    response = admin_client.post(
        f"{ORGS}process_import/",
        {
            "import_file_name": storage.name,
            "original_file_name": "x.csv",
            "format": "0",
            "resource": "0",
        },
        follow=True,
    )
    assert "Import afgekeurd, er is niets opgeslagen" in response.content.decode()
    assert not Organisatie.objects.filter(slug="goed").exists()


def test_admin_upload_without_slug_column_is_reported_without_traceback(admin_client):
    response = upload(admin_client, "naam,type\nIets,wijkteam\n")
    html = response.content.decode()
    assert "De kolom &#x27;slug&#x27; ontbreekt" in html
    assert "Traceback" not in html and "traceback" not in html


def test_admin_upload_of_garbage_is_a_form_error(admin_client):
    response = admin_client.post(
        f"{ORGS}import/",
        {
            "format": "1",
            "resource": "0",
            "import_file": SimpleUploadedFile("x.xlsx", b"geen excel"),
        },
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()


def test_admin_export_escapes_formulas(admin_client):
    make_org("formule", naam="=1+1")
    response = admin_client.post(
        f"{ORGS}export/",
        {
            "format": "0",
            "resource": "0",
            **{f"organisatieresource_{c}": "on" for c in ("slug", "naam")},
        },
    )
    assert "formule,'=1+1" in response.content.decode()

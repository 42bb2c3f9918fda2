"""The admin speaks Dutch everywhere: Django's gaps, the region picker, import/export, axes, otp."""

import json
import re
import subprocess
import sys
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.dutch import assert_dutch
from tests.factories_curation import make_regio, make_regionaal, make_type, make_user

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
ORGS = "/beheer/partners/organisatie/"


@pytest.fixture
def regio():
    return make_regio("Alfa")[0]


@pytest.fixture
def superuser_client(client):
    client.force_login(make_user("root", superuser=True))
    return client


@pytest.fixture
def regional_client(client, regio):
    client.force_login(make_regionaal([regio], "regio-a"))
    return client


def test_index_has_dutch_app_and_model_names(superuser_client):
    response = superuser_client.get("/beheer/")
    assert_dutch(response, "Inlogbeveiliging", "Tweestapsverificatie", "Sociale kaart")


@pytest.mark.parametrize(
    "url, dutch",
    [
        ("/beheer/axes/accessattempt/", "geblokkeerde inlogpoging"),
        ("/beheer/axes/accessfailurelog/", "mislukte inlogpoging"),
        ("/beheer/axes/accesslog/", "inlogregistratie"),
        ("/beheer/otp_totp/totpdevice/", "authenticator-app"),
        ("/beheer/otp_static/staticdevice/", "reservecodes"),
        ("/beheer/otp_totp/totpdevice/add/", "Gebruiker"),
    ],
)
def test_axes_and_otp_pages_are_dutch(superuser_client, url, dutch):
    assert_dutch(superuser_client.get(url), dutch)


def test_user_forms_reject_a_short_password_in_dutch(superuser_client):
    response = superuser_client.get("/beheer/auth/user/add/")
    assert_dutch(response, "Nadat u de gebruiker hebt aangemaakt")
    data = {"username": "nieuw", "password1": "kort", "password2": "kort"}
    data["usable_password"] = "true"
    response = superuser_client.post("/beheer/auth/user/add/", data)
    assert_dutch(response, "Dit wachtwoord is te kort. Het moet minstens 15 tekens bevatten.")
    user = make_user("bestaand")
    response = superuser_client.post(
        f"/beheer/auth/user/{user.pk}/password/", {"password1": "kort", "password2": "kort"}
    )
    assert_dutch(response, "Dit wachtwoord is te kort.")
    assert_dutch(superuser_client.get(f"/beheer/auth/user/{user.pk}/change/"), "Gebruikersnaam")
    response = superuser_client.get("/beheer/auth/group/add/")
    assert_dutch(response, "Sociale kaart | organisatie | wijzigen")


def js_catalog(client):
    body = client.get("/beheer/jsi18n/").content.decode()
    start = body.index("const newcatalog = ") + len("const newcatalog = ")
    return json.loads(body[start : body.index(";\n", start)])


def test_region_picker_strings_are_dutch(regional_client):
    """Every string of the filter_horizontal widget (SelectFilter2.js) has a Dutch translation."""
    assert_dutch(regional_client.get(f"{ORGS}add/"), "Veilig Thuis-regio")
    source = (
        Path(django.__file__).parent / "contrib/admin/static/admin/js/SelectFilter2.js"
    ).read_text()
    msgids = set(re.findall(r"\bgettext\(\s*'([^']*)'\s*\)", source))
    msgids |= set(re.findall(r'\bgettext\(\s*"([^"]*)"\s*\)', source))
    catalog = js_catalog(regional_client)
    missing = sorted(m for m in msgids if m not in catalog)
    assert missing == []
    assert len(msgids) >= 12
    assert catalog["Choose all %s"] == "Alle %s kiezen"


@pytest.mark.parametrize("who", ["superuser_client", "regional_client"])
def test_import_and_export_pages_are_dutch(request, who):
    client = request.getfixturevalue(who)
    assert_dutch(client.get(f"{ORGS}import/"), "Importeren")
    assert_dutch(client.get(f"{ORGS}export/"), "De export bevat de volgende velden", "Alles")
    assert_dutch(client.get("/beheer/"), "Start")


def test_the_project_catalogs_come_first_and_their_mo_files_are_current():
    assert settings.LOCALE_PATHS and Path(settings.LOCALE_PATHS[0]) == ROOT / "locale"
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/compile_messages.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def test_the_compiler_writes_what_gettext_reads(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import compile_messages
    finally:
        sys.path.pop(0)
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgctxt "ctx"\nmsgid "Save"\nmsgstr "Bewaren"\n\n'
        'msgid "one \\"%d\\""\nmsgid_plural "many"\nmsgstr[0] "één"\nmsgstr[1] ""\n"veel"\n\n'
        '#, fuzzy\nmsgid "Unsure"\nmsgstr "Onzeker"\n'
    )
    (tmp_path / "t.po").write_text(po)
    (tmp_path / "t.mo").write_bytes(compile_messages.mo_bytes(compile_messages.parse_po(po)))
    import gettext

    with open(tmp_path / "t.mo", "rb") as f:
        translations = gettext.GNUTranslations(f)
    assert translations.pgettext("ctx", "Save") == "Bewaren"
    assert translations.ngettext('one "%d"', "many", 1) == "één"
    assert translations.ngettext('one "%d"', "many", 2) == "veel"
    assert translations.gettext("Unsure") == "Unsure"
    assert compile_messages.is_current(tmp_path / "t.po")


def test_import_preview_is_dutch(superuser_client):
    make_type()
    gemeente = make_regio("Delta")[2]
    text = (
        "slug,naam,type,niveau,gemeenten\n"
        + f"via-beheer,Via Beheer,wijkteam,lokaal,{gemeente.code}\n"
    )
    upload = SimpleUploadedFile("regio.csv", text.encode(), content_type="text/csv")
    response = superuser_client.post(
        f"{ORGS}import/", {"format": "0", "resource": "0", "import_file": upload}
    )
    assert_dutch(response, "Voorbeeldweergave", "Accepteer de import")

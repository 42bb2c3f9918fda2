"""Backup and restore: an exact round trip, and no accidental overwrite."""

import datetime
import io
import json

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from partners.models import Organisatie, Redacteur, VeiligThuisRegio
from partners.services import partners_mark_checked
from routekaart.management.commands.portal_restore import wipe
from tests.factories_curation import make_contact, make_regionaal, make_voorziening

pytestmark = pytest.mark.usefixtures("content")


@pytest.fixture
def curated():
    """Real content plus what curation adds: an editor, people, facilities, history."""
    regio = VeiligThuisRegio.objects.get(code="VT20")
    editor = make_regionaal([regio], "redacteur-utrecht")
    org = Organisatie.objects.get(slug=regio.slug)
    make_contact(org, naam="Sanne Jansen", telefoon="030-123 45 67")
    make_voorziening(org, naam="Geheime opvang", adres="Geheimstraat 1")
    org.telefoon = "030-765 43 21"
    org._history_user = editor
    org.save()
    partners_mark_checked(queryset=Organisatie.objects.filter(pk=org.pk), user=editor)
    return org


def backup(path, **options):
    call_command("portal_backup", str(path), stdout=io.StringIO(), **options)
    return json.loads(path.read_text(encoding="utf-8"))


def restore(path, **options):
    out = io.StringIO()
    call_command("portal_restore", str(path), stdout=out, **options)
    return out.getvalue()


def empty_database():
    wipe(with_history=True)
    get_user_model().objects.all().delete()


def test_round_trip_into_an_empty_database_is_exact(curated, tmp_path):
    first = backup(tmp_path / "a.json", with_history=True, with_users=True)
    labels = {o["model"] for o in first["objects"]}
    assert {
        "partners.organisatie",
        "partners.contactpersoon",
        "partners.voorziening",
        "partners.gemeente",
        "partners.redacteur",
        "auth.group",
        "auth.user",
        "partners.historicalorganisatie",
        "routekaart.hoofdstuk",
        "stappen.aandachtspunt",
    } <= labels

    empty_database()
    assert not Organisatie.objects.exists()
    output = restore(tmp_path / "a.json")
    assert "records teruggezet" in output

    second = backup(tmp_path / "b.json", with_history=True, with_users=True)
    assert second["objects"] == first["objects"]
    org = Organisatie.objects.get(pk=curated.pk)
    assert org.telefoon == "030-765 43 21"
    assert org.history.first().history_user.username == "redacteur-utrecht"
    assert Redacteur.objects.get().regios.get().code == "VT20"
    # New records continue after the restored ids (sequences were reset).
    restored = org.contactpersonen.get(naam="Sanne Jansen")
    assert make_contact(org, naam="Na het terugzetten").pk > restored.pk


def test_without_users_the_assignments_wait_for_their_accounts(curated, tmp_path):
    backup(tmp_path / "a.json", with_history=True)
    empty_database()
    output = restore(tmp_path / "a.json")
    assert "1 regionale redacteur(en) overgeslagen" in output
    assert Organisatie.objects.get(pk=curated.pk).history.first().history_user is None

    wipe(with_history=True)
    get_user_model().objects.create_user("redacteur-utrecht")
    restore(tmp_path / "a.json")
    assert Redacteur.objects.get().user.username == "redacteur-utrecht"


def test_refuses_a_non_empty_database_unless_forced(curated, tmp_path):
    first = backup(tmp_path / "a.json")
    Organisatie.objects.filter(pk=curated.pk).update(naam="Na de back-up gewijzigd")
    with pytest.raises(CommandError, match="De database is niet leeg"):
        restore(tmp_path / "a.json")
    assert Organisatie.objects.get(pk=curated.pk).naam == "Na de back-up gewijzigd"

    restore(tmp_path / "a.json", force=True)
    assert Organisatie.objects.get(pk=curated.pk).naam == curated.naam
    assert backup(tmp_path / "b.json")["objects"] == first["objects"]


def test_backup_with_users_refuses_to_overwrite_existing_accounts(curated, tmp_path):
    backup(tmp_path / "a.json", with_users=True)
    wipe(with_history=True)
    with pytest.raises(CommandError, match="gebruikers redacteur-utrecht"):
        restore(tmp_path / "a.json")


def test_dry_runs_change_nothing(curated, tmp_path):
    out = io.StringIO()
    call_command("portal_backup", str(tmp_path / "a.json"), dry_run=True, stdout=out)
    assert "Dry run" in out.getvalue() and not (tmp_path / "a.json").exists()
    backup(tmp_path / "a.json")
    Organisatie.objects.filter(pk=curated.pk).update(naam="Blijft zo")
    assert "Dry run" in restore(tmp_path / "a.json", force=True, dry_run=True)
    assert Organisatie.objects.get(pk=curated.pk).naam == "Blijft zo"


@pytest.mark.parametrize(
    "text,message",
    [
        ("geen json", "geen leesbaar JSON-bestand"),
        ('{"format": "iets anders"}', "geen back-up van portal_backup"),
        (
            '{"format": "routekaart-portal-backup", "version": 99, "objects": []}',
            "Onbekende versie",
        ),
        (
            '{"format": "routekaart-portal-backup", "version": 1, "objects": [{"model": '
            '"auth.permission", "pk": 1, "fields": {}}]}',
            "onbekende soorten gegevens: auth.permission",
        ),
        (
            '{"format": "routekaart-portal-backup", "version": 1, "objects": [{"model": '
            '"partners.contactpersoon", "pk": 1, "fields": {"organisatie": ["bestaat-niet"], '
            '"naam": "x"}}]}',
            "Terugzetten mislukt",
        ),
    ],
)
def test_bad_backup_files_are_refused(tmp_path, text, message):
    path = tmp_path / "kapot.json"
    path.write_text(text, encoding="utf-8")
    before = Organisatie.objects.count()
    with pytest.raises(CommandError, match=message):
        restore(path, force=True)
    assert Organisatie.objects.count() == before


def test_a_time_with_only_sub_millisecond_microseconds_round_trips_exactly(curated, tmp_path):
    # DjangoJSONEncoder wrote 12:00:00.000400 as "12:00:00.000Z", restored as 12:00:00,
    # so a second backup differed ("12:00:00Z"): the round trip failed about once in 1000 times.
    moment = datetime.datetime(2026, 1, 2, 12, 0, 0, 400, tzinfo=datetime.UTC)
    Organisatie.objects.filter(pk=curated.pk).update(gewijzigd_op=moment)
    first = backup(tmp_path / "a.json", with_users=True)
    empty_database()
    restore(tmp_path / "a.json")
    assert Organisatie.objects.get(pk=curated.pk).gewijzigd_op == moment
    assert backup(tmp_path / "b.json", with_users=True)["objects"] == first["objects"]

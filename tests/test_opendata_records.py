"""Stable UUIDs and reachability on the partner records (issue 16)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.forms import modelform_factory

from partners.admin_forms import OrganisatieForm
from partners.models import Organisatie, Voorziening
from partners.resources import OrganisatieResource
from routekaart.management.commands.portal_restore import wipe
from tests.factories_curation import make_voorziening

pytestmark = pytest.mark.usefixtures("content")


def uuids():
    return {
        "organisaties": dict(Organisatie.objects.values_list("slug", "uuid")),
        "voorzieningen": dict(Voorziening.objects.values_list("naam", "uuid")),
    }


def test_every_record_has_its_own_uuid():
    values = list(Organisatie.objects.values_list("uuid", flat=True))
    assert len(values) == len(set(values)) > 50


def test_uuids_survive_backup_and_restore(tmp_path):
    make_voorziening(Organisatie.objects.first(), naam="Inloop", adres_vertrouwelijk=False)
    before = uuids()
    call_command("portal_backup", str(tmp_path / "b.json"), stdout=io.StringIO())
    wipe(with_history=True)
    assert not Organisatie.objects.exists()
    call_command("portal_restore", str(tmp_path / "b.json"), stdout=io.StringIO())
    assert uuids() == before


def test_uuids_survive_export_and_reimport():
    before = uuids()["organisaties"]
    dataset = OrganisatieResource().export()
    assert "uuid" in dataset.headers
    Organisatie.objects.all().delete()
    result = OrganisatieResource().import_data(dataset, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert uuids()["organisaties"] == before


def test_an_import_without_uuid_keeps_the_stored_one_and_a_taken_one_is_refused():
    org = Organisatie.objects.get(slug="veilig-thuis-utrecht")
    other = Organisatie.objects.exclude(pk=org.pk).first()
    dataset = OrganisatieResource().export(queryset=Organisatie.objects.filter(pk=org.pk))
    dataset = dataset.subset(cols=[h for h in dataset.headers if h != "uuid"])
    assert not OrganisatieResource().import_data(dataset).has_validation_errors()
    assert Organisatie.objects.get(pk=org.pk).uuid == org.uuid
    dataset = OrganisatieResource().export(queryset=Organisatie.objects.filter(pk=org.pk))
    dataset.append_col([str(other.uuid)], header="uuid_tmp")
    dataset = dataset.subset(cols=[h for h in dataset.headers if h != "uuid"])
    dataset.headers = ["uuid" if h == "uuid_tmp" else h for h in dataset.headers]
    result = OrganisatieResource().import_data(dataset)
    assert result.has_validation_errors()
    assert Organisatie.objects.get(pk=org.pk).uuid == org.uuid


def test_veilig_thuis_is_24_7_from_its_source_row_and_nobody_else_is_guessed():
    vt = Organisatie.objects.filter(type__slug="veilig-thuis")
    assert vt.count() == 25 and set(vt.values_list("altijd_bereikbaar", flat=True)) == {True}
    others = Organisatie.objects.exclude(type__slug="veilig-thuis")
    assert set(others.values_list("altijd_bereikbaar", flat=True)) == {None}
    for field in ("anoniem_mogelijk", "helpt_in_buitenland"):
        assert set(Organisatie.objects.values_list(field, flat=True)) == {None}
    assert set(Organisatie.objects.values_list("talen", flat=True)) == {""}


def test_an_editor_who_says_not_24_7_is_not_overruled_by_the_loader():
    Organisatie.objects.filter(slug="veilig-thuis-utrecht").update(altijd_bereikbaar=False)
    call_command("load_reference_data", stdout=io.StringIO())
    assert Organisatie.objects.get(slug="veilig-thuis-utrecht").altijd_bereikbaar is False


def test_partner_page_shows_reachability_and_unknown_as_unknown(client):
    html = client.get(Organisatie.objects.get(slug="veilig-thuis-utrecht").get_absolute_url())
    html = html.content.decode()
    assert "Bereikbaarheid" in html and "Dag en nacht bereikbaar (24/7)" in html
    lkha = client.get("/partners/lkha/").content.decode()
    assert "Dag en nacht" not in lkha and lkha.count("Onbekend") == 4
    Organisatie.objects.filter(slug="lkha").update(talen="nl, ar", anoniem_mogelijk=True)
    Organisatie.objects.get(slug="lkha").save()
    lkha = client.get("/partners/lkha/").content.decode()
    assert "Nederlands, Arabisch" in lkha and "Mogelijk" in lkha


@pytest.mark.parametrize(
    "talen, ok", [("nl, en", True), ("NL,ar,pap", True), ("Nederlands", False)]
)
def test_admin_form_checks_language_codes(talen, ok):
    form = modelform_factory(Organisatie, form=OrganisatieForm, fields=["talen"])()
    form.cleaned_data = {"talen": talen}
    if ok:
        assert form.clean_talen() == talen.lower().replace(",", ", ").replace(",  ", ", ")
    else:
        with pytest.raises(ValidationError, match="taalcodes"):
            form.clean_talen()

"""Roles: regional editors are confined to their region, by URL and by forged POST."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from partners.models import Contactpersoon, Niveau, Organisatie
from partners.resources import OrganisatieResource, read_dataset
from partners.services import LANDELIJKE_REDACTIE, REGIONALE_REDACTIE
from routekaart.changes import curated_models
from routekaart.models import Hoofdstuk
from tests.factories_curation import (
    ORGS,
    make_contact,
    make_landelijk,
    make_org,
    make_regio,
    make_regionaal,
    make_user,
    post_data,
)

pytestmark = pytest.mark.django_db

CONTACTS = "/beheer/partners/contactpersoon/"


@pytest.fixture
def world():
    vt_a, vr_a, gem_a = make_regio("Alfa")
    vt_b, vr_b, gem_b = make_regio("Beta")
    eigen = make_org("eigen-team", gemeenten=[gem_a], telefoon="030-123 45 67")
    return SimpleNamespace(
        vt_a=vt_a,
        vr_a=vr_a,
        gem_a=gem_a,
        vt_b=vt_b,
        vr_b=vr_b,
        gem_b=gem_b,
        eigen=eigen,
        eigen_via_vt=make_org("eigen-vt", niveau=Niveau.REGIONAAL, vt_regios=[vt_a]),
        vreemd=make_org("vreemd-team", gemeenten=[gem_b], telefoon="030-765 43 21"),
        gemengd=make_org("gemengd-team", gemeenten=[gem_a, gem_b]),
        landelijk=make_org("landelijk-centrum", niveau=Niveau.LANDELIJK),
        contact_eigen=make_contact(eigen, naam="Anna Eigen"),
        contact_vreemd=make_contact(Organisatie.objects.get(slug="vreemd-team"), naam="Bo Vreemd"),
        editor=make_regionaal([vt_a], "regio-a"),
    )


@pytest.fixture
def regional_client(client, world):
    client.force_login(world.editor)
    return client


def test_groups_exist_with_their_permissions():
    national = Group.objects.get(name=LANDELIJKE_REDACTIE)
    regional = Group.objects.get(name=REGIONALE_REDACTIE)
    national_perms = set(national.permissions.values_list("codename", flat=True))
    for model in curated_models():
        if model._meta.model_name == "redacteur":
            assert "change_redacteur" not in national_perms
            continue
        assert f"change_{model._meta.model_name}" in national_perms
    assert not any(p.startswith("delete_") for p in national_perms)
    assert set(regional.permissions.values_list("codename", flat=True)) == {
        f"{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("organisatie", "contactpersoon", "voorziening", "zelfscan", "beoordeling")
    }


def test_changelist_shows_only_the_own_region(regional_client, world):
    html = regional_client.get(ORGS).content.decode()
    assert "Eigen Team" in html and "Eigen Vt" in html
    for other in ("Vreemd Team", "Gemengd Team", "Landelijk Centrum"):
        assert other not in html


def test_cannot_open_an_organisation_outside_the_region(regional_client, world):
    for org in (world.vreemd, world.gemengd, world.landelijk):
        response = regional_client.get(f"{ORGS}{org.pk}/change/")
        assert response.status_code == 302  # "does not exist", back to the admin index
        assert org.naam not in regional_client.get(response.url).content.decode()


def test_forged_post_outside_the_region_changes_nothing(regional_client, world):
    response = regional_client.post(
        f"{ORGS}{world.vreemd.pk}/change/", post_data(world.vreemd, telefoon="06-12345678")
    )
    assert response.status_code == 302
    world.vreemd.refresh_from_db()
    assert world.vreemd.telefoon == "030-765 43 21"


def test_can_change_own_organisation(regional_client, world):
    response = regional_client.post(
        f"{ORGS}{world.eigen.pk}/change/", post_data(world.eigen, telefoon="06-12345678")
    )
    assert response.status_code == 302
    world.eigen.refresh_from_db()
    assert world.eigen.telefoon == "06-12345678"
    assert world.eigen.history.first().history_user == world.editor


@pytest.mark.parametrize("field", ["gemeenten", "veilig_thuis_regios", "veiligheidsregios"])
def test_cannot_move_own_organisation_outside_the_region(regional_client, world, field):
    outside = {
        "gemeenten": world.gem_b,
        "veilig_thuis_regios": world.vt_b,
        "veiligheidsregios": world.vr_b,
    }[field]
    data = post_data(world.eigen)
    data[field] = [*data.get(field, []), outside.pk]
    response = regional_client.post(f"{ORGS}{world.eigen.pk}/change/", data)
    assert response.status_code == 200
    assert "errornote" in response.content.decode()
    assert not getattr(world.eigen, field).filter(pk=outside.pk).exists()


def test_form_validation_rejects_outside_area_even_if_choices_were_wider(world, rf):
    """The second line of defence: OrganisatieForm.clean checks the area itself."""
    from django.contrib.admin.sites import site

    from partners.models import Organisatie as Model

    model_admin = site._registry[Model]
    request = rf.get("/")
    request.user = world.editor
    form_class = model_admin.get_form(request, world.eigen, fields=None)
    form_class.base_fields["gemeenten"].queryset = type(world.gem_b).objects.all()
    form = form_class(post_data(world.eigen, gemeenten=[world.gem_b.pk]), instance=world.eigen)
    assert not form.is_valid()
    assert "Buiten uw regio" in str(form.errors["gemeenten"])


def test_cannot_make_an_organisation_national(regional_client, world):
    response = regional_client.post(
        f"{ORGS}{world.eigen.pk}/change/", post_data(world.eigen, niveau=Niveau.LANDELIJK)
    )
    assert response.status_code == 200
    world.eigen.refresh_from_db()
    assert world.eigen.niveau == Niveau.LOKAAL


def test_can_add_inside_and_not_outside(regional_client, world):
    new = post_data(world.eigen, slug="nieuw-team", naam="Nieuw Team", gemeenten=[world.gem_b.pk])
    response = regional_client.post(f"{ORGS}add/", new)
    assert response.status_code == 200
    assert not Organisatie.objects.filter(slug="nieuw-team").exists()
    response = regional_client.post(f"{ORGS}add/", {**new, "gemeenten": [world.gem_a.pk]})
    assert response.status_code == 302
    assert Organisatie.objects.get(slug="nieuw-team").gemeenten.get() == world.gem_a
    no_area = {k: v for k, v in new.items() if k != "gemeenten"}
    response = regional_client.post(f"{ORGS}add/", {**no_area, "slug": "zonder-gebied"})
    assert "Kies ten minste één gemeente" in response.content.decode()


def test_history_and_revert_outside_the_region_are_forbidden(regional_client, world):
    version = world.vreemd.history.first()
    assert regional_client.get(f"{ORGS}{world.vreemd.pk}/history/").status_code == 403
    url = f"{ORGS}{world.vreemd.pk}/history/{version.history_id}/"
    assert regional_client.get(url).status_code == 403
    assert regional_client.post(url, post_data(world.vreemd, naam="Gekaapt")).status_code == 403
    world.vreemd.refresh_from_db()
    assert world.vreemd.naam == "Vreemd Team"


def test_actions_ignore_selected_records_outside_the_region(regional_client, world):
    response = regional_client.post(
        ORGS,
        {
            "action": "markeer_als_gecontroleerd",
            "_selected_action": [world.vreemd.pk, world.eigen.pk],
        },
    )
    assert response.status_code == 302
    world.vreemd.refresh_from_db()
    world.eigen.refresh_from_db()
    assert world.vreemd.laatst_gecontroleerd_op is None
    assert world.eigen.laatst_gecontroleerd_op is not None


def test_contact_persons_are_confined_too(regional_client, world):
    other = make_contact(world.vreemd, naam="Bob Vreemd")
    html = regional_client.get(CONTACTS).content.decode()
    assert "Anna Eigen" in html and "Bob Vreemd" not in html
    assert regional_client.get(f"{CONTACTS}{other.pk}/change/").status_code == 302
    response = regional_client.post(
        f"{CONTACTS}{other.pk}/change/",
        {
            "organisatie": world.vreemd.pk,
            "naam": "Gekaapt",
            "zichtbaarheid": "beheerders",
            "status": "gepubliceerd",
        },
    )
    other.refresh_from_db()
    assert other.naam == "Bob Vreemd"
    response = regional_client.post(
        f"{CONTACTS}add/",
        {
            "organisatie": world.vreemd.pk,
            "naam": "Nieuw",
            "zichtbaarheid": "beheerders",
            "status": "gepubliceerd",
        },
    )
    assert response.status_code == 200
    assert not Contactpersoon.objects.filter(naam="Nieuw").exists()


def test_no_access_to_content_or_roles(regional_client, world):
    hoofdstuk = Hoofdstuk.objects.create(slug="h", titel="H")
    assert regional_client.get("/beheer/routekaart/hoofdstuk/").status_code == 403
    assert (
        regional_client.get(f"/beheer/routekaart/hoofdstuk/{hoofdstuk.pk}/change/").status_code
        == 403
    )
    assert regional_client.get("/beheer/partners/redacteur/").status_code == 403
    assert regional_client.get("/beheer/partners/gemeente/").status_code == 403


def test_cannot_delete_even_own_organisation(regional_client, world):
    response = regional_client.get(f"{ORGS}{world.eigen.pk}/delete/")
    assert response.status_code == 403
    response = regional_client.post(
        ORGS,
        {
            "action": "delete_selected",
            "_selected_action": [world.eigen.pk],
            "post": "yes",
        },
    )
    assert Organisatie.objects.filter(pk=world.eigen.pk).exists()


def test_admin_import_outside_the_region_is_rejected(regional_client, world):
    csv = (
        "slug,naam,type,niveau,gemeenten\n"
        f"eigen-team,Eigen Team,wijkteam,lokaal,{world.gem_a.code}\n"
        f"vreemd-team,Vreemd Team,wijkteam,lokaal,{world.gem_b.code}\n"
        f"nieuw-vreemd,Nieuw,wijkteam,lokaal,{world.gem_b.code}\n"
        "landelijk-centrum,Landelijk,wijkteam,lokaal,\n"
    ).encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = regional_client.post(
        f"{ORGS}import/",
        {
            "format": "0",
            "resource": "0",
            "import_file": SimpleUploadedFile("regio.csv", csv, content_type="text/csv"),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "valt buiten uw regio" in html
    assert "Buiten uw regio" in html
    assert 'name="import_file_name"' not in html  # no confirm form
    assert Organisatie.objects.get(slug="vreemd-team").naam == "Vreemd Team"
    assert not Organisatie.objects.filter(slug="nieuw-vreemd").exists()


def test_command_import_as_regional_editor_is_confined(world, tmp_path):
    path = tmp_path / "regio.csv"
    path.write_text(
        f"slug,naam,type,niveau,gemeenten\nnieuw-vreemd,N,wijkteam,lokaal,{world.gem_b.code}\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Buiten uw regio"):
        call_command("partners_import", str(path), user="regio-a")
    assert not Organisatie.objects.filter(slug="nieuw-vreemd").exists()


def test_resource_checks_scope_of_existing_slug(world):
    dataset = read_dataset(b"slug,telefoon\nlandelijk-centrum,06-12345678\n", ".csv")
    result = OrganisatieResource().import_data(dataset, user=world.editor)
    assert result.has_validation_errors()
    assert "valt buiten uw regio" in str(result.invalid_rows[0].error_dict["slug"])


def test_export_contains_only_the_own_region(regional_client, world):
    response = regional_client.post(
        f"{ORGS}export/",
        {
            "format": "0",
            "resource": "0",
            **{f"organisatieresource_{c}": "on" for c in ("slug", "naam")},
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "eigen-team" in body and "eigen-vt" in body
    assert "vreemd-team" not in body and "landelijk-centrum" not in body


def test_regional_editor_without_regions_sees_nothing(client, world):
    client.force_login(make_regionaal([], "zonder-regio"))
    html = client.get(ORGS).content.decode()
    assert "Eigen Team" not in html
    assert "nog geen regio's toegewezen" in client.get("/beheer/").content.decode()


def test_national_editor_sees_and_changes_everything_but_cannot_delete(client, world):
    client.force_login(make_landelijk("landelijk"))
    html = client.get(ORGS).content.decode()
    for org in ("Eigen Team", "Vreemd Team", "Gemengd Team", "Landelijk Centrum"):
        assert org in html
    response = client.post(
        f"{ORGS}{world.landelijk.pk}/change/", post_data(world.landelijk, telefoon="088-208 00 00")
    )
    assert response.status_code == 302
    assert client.get(f"{ORGS}{world.landelijk.pk}/delete/").status_code == 403
    assert client.get("/beheer/routekaart/hoofdstuk/").status_code == 200
    assert client.get("/beheer/partners/redacteur/").status_code == 200
    assert client.get("/beheer/partners/redacteur/add/").status_code == 403


def test_staff_without_a_role_sees_no_partners(client, world):
    client.force_login(make_user("zonder-rol"))
    assert client.get(ORGS).status_code == 403


def test_outside_the_region_says_so_and_names_the_own_regions(regional_client, world):
    for url in (f"{ORGS}{world.vreemd.pk}/change/", f"{CONTACTS}{world.contact_vreemd.pk}/change/"):
        response = regional_client.get(url, follow=True)
        html = response.content.decode()
        assert "valt buiten uw regio" in html
        assert "Veilig Thuis Alfa" in html
        assert "bestaat niet" not in html
        assert world.vreemd.naam not in html
    response = regional_client.post(
        f"{ORGS}{world.vreemd.pk}/change/", post_data(world.vreemd, telefoon="06-12345678")
    )
    assert response.status_code == 302
    assert (
        "Deze organisatie valt buiten uw regio"
        in regional_client.get(response.url).content.decode()
    )


def test_a_missing_record_still_does_not_exist(regional_client, world):
    html = regional_client.get(f"{ORGS}999999/change/", follow=True).content.decode()
    assert "bestaat niet" in html
    assert "valt buiten" not in html

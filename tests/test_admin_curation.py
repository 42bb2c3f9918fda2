"""The curation workflow in the admin: due list, quick edit, check, history, revert, archive."""

import datetime
import re

import pytest
from django.utils import timezone

from partners.models import Niveau, Organisatie
from routekaart.models import Hoofdstuk, Sectie
from routekaart.publicatie import Status
from stappen.models import Aandachtspunt
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

LONG_AGO = datetime.date(2020, 1, 1)


@pytest.fixture
def editor(client):
    user = make_landelijk("redacteur", first_name="Rosa", last_name="Redacteur")
    client.force_login(user)
    return user


def test_start_page_lists_what_is_due_per_region(client):
    vt_a, _, gem_a = make_regio("Alfa")
    vt_b, _, gem_b = make_regio("Beta")
    make_org("oud-a", gemeenten=[gem_a], laatst_gecontroleerd_op=LONG_AGO)
    make_org("vers-a", gemeenten=[gem_a], laatst_gecontroleerd_op=timezone.localdate())
    make_org("nooit-b", gemeenten=[gem_b])
    make_org("gearchiveerd-a", gemeenten=[gem_a], status=Status.GEARCHIVEERD)
    make_contact(
        make_org(
            "vers-met-persoon", gemeenten=[gem_a], laatst_gecontroleerd_op=timezone.localdate()
        )
    )
    client.force_login(make_regionaal([vt_a]))
    html = client.get("/beheer/").content.decode()
    section = html[html.index('id="te-controleren"') : html.index('id="content-main"')]
    assert "Veilig Thuis Alfa" in section and "Oud A" in section
    assert "Vers A" not in section and "Gearchiveerd A" not in section
    assert "Veilig Thuis Beta" not in section and "Nooit B" not in section
    assert "?regio=" in section and "actualiteit=te-controleren" in section
    assert "1 organisatie, 1 contactpersoon" in section

    client.force_login(make_landelijk())
    html = client.get("/beheer/").content.decode()
    assert "Veilig Thuis Beta" in html and "Nooit B" in html and "Landelijk" in html


def test_start_page_query_count_does_not_grow(client, django_assert_max_num_queries):
    vt, _, gemeente = make_regio()
    client.force_login(make_landelijk())
    make_org(gemeenten=[gemeente])
    client.get("/beheer/")
    with django_assert_max_num_queries(20) as small:
        assert client.get("/beheer/").status_code == 200
    for _ in range(15):
        make_contact(make_org(gemeenten=[gemeente], vt_regios=[vt]))
    with django_assert_max_num_queries(len(small)):
        assert client.get("/beheer/").status_code == 200


def test_update_phone_mark_checked_see_history_and_revert(client, editor):
    """The issue's "done when": change a number, mark checked, see the diff, revert it."""
    _, _, gemeente = make_regio()
    org = make_org(
        "wijkteam-west",
        gemeenten=[gemeente],
        telefoon="030-123 45 67",
        laatst_gecontroleerd_op=LONG_AGO,
    )
    response = client.post(
        f"{ORGS}{org.pk}/change/", post_data(org, telefoon="030-765 43 21", nu_gecontroleerd="on")
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.telefoon == "030-765 43 21"
    assert org.laatst_gecontroleerd_op == timezone.localdate()
    assert org.laatst_gecontroleerd_door == "Rosa Redacteur"

    history = client.get(f"{ORGS}{org.pk}/history/").content.decode()
    assert "Geschiedenis van Wijkteam West" in history
    assert re.search(r"<strong>Telefoon \(centraal\):</strong>\s*030-123 45 67", history)
    assert "030-765 43 21" in history and "Gewijzigd" in history and "redacteur" in history

    first = org.history.earliest()
    url = f"{ORGS}{org.pk}/history/{first.history_id}/"
    assert 'value="Terugzetten"' in client.get(url).content.decode()
    response = client.post(url, post_data(first.instance))
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.telefoon == "030-123 45 67"
    assert org.history.count() == 3
    assert org.history.first().history_user == editor


def test_mark_checked_action_signs_with_username_without_full_name(client):
    user = make_landelijk("zonder-naam")
    client.force_login(user)
    orgs = [make_org(), make_org()]
    person = make_contact(orgs[0])
    client.post(
        ORGS, {"action": "markeer_als_gecontroleerd", "_selected_action": [o.pk for o in orgs]}
    )
    client.post(
        "/beheer/partners/contactpersoon/",
        {"action": "markeer_als_gecontroleerd", "_selected_action": [person.pk]},
    )
    for record in (*orgs, person):
        record.refresh_from_db()
        assert record.laatst_gecontroleerd_op == timezone.localdate()
        assert record.laatst_gecontroleerd_door == "zonder-naam"
        assert record.history.first().history_user == user
        assert record.history.first().history_change_reason == "Gemarkeerd als gecontroleerd"
        assert not record.te_controleren


def test_freshness_filter(client, editor):
    make_org("oud", laatst_gecontroleerd_op=LONG_AGO)
    make_org("nooit")
    make_org("vers", laatst_gecontroleerd_op=timezone.localdate())
    due = client.get(f"{ORGS}?actualiteit=te-controleren").content.decode()
    fresh = client.get(f"{ORGS}?actualiteit=actueel").content.decode()
    assert "Oud" in due and "Nooit" in due and ">Vers<" not in due
    assert ">Vers<" in fresh and ">Oud<" not in fresh


def test_freshness_follows_the_setting(client, editor, settings):
    org = make_org(laatst_gecontroleerd_op=timezone.localdate() - datetime.timedelta(days=40))
    assert not org.te_controleren
    settings.PARTNER_CHECK_INTERVAL_DAYS = 30
    assert org.te_controleren
    assert Organisatie.objects.due_for_check().filter(pk=org.pk).exists()


@pytest.mark.parametrize(
    "query",
    [
        "regio=ONBEKEND",
        "actualiteit=misschien",
        "niveau=xyz",
        "q=%00",
        "status=raar",
        "type__id__exact=abc",
        "o=99",
    ],
)
def test_bad_filter_values_never_500(client, editor, query):
    make_org()
    assert client.get(f"{ORGS}?{query}").status_code in (200, 302)


def test_bad_phone_in_form_gets_a_dutch_message(client, editor):
    org = make_org(telefoon="030-123 45 67")
    response = client.post(
        f"{ORGS}{org.pk}/change/",
        post_data(org, telefoon="bel maar", website="http://onveilig.nl", email="geen-adres"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "geen geldig Nederlands telefoonnummer" in html
    assert "moet beginnen met https://" in html
    assert "Voer een geldig e-mailadres in" in html
    org.refresh_from_db()
    assert org.telefoon == "030-123 45 67"


def test_contact_inline_phone_is_validated(client, editor):
    org = make_org()
    data = post_data(org)
    data.update(
        {
            "contactpersonen-TOTAL_FORMS": "1",
            "contactpersonen-0-naam": "Ali",
            "contactpersonen-0-telefoon": "12",
            "contactpersonen-0-zichtbaarheid": "beheerders",
            "contactpersonen-0-status": "gepubliceerd",
        }
    )
    response = client.post(f"{ORGS}{org.pk}/change/", data)
    assert response.status_code == 200
    assert "geen geldig Nederlands telefoonnummer" in response.content.decode()
    assert not org.contactpersonen.exists()


def test_archive_instead_of_delete(client, editor):
    org = make_org(status=Status.GEPUBLICEERD)
    changelist = client.get(ORGS).content.decode()
    assert "archiveren" in changelist and "delete_selected" not in changelist
    client.post(ORGS, {"action": "archiveren", "_selected_action": [org.pk]})
    org.refresh_from_db()
    assert org.status == Status.GEARCHIVEERD
    assert client.get(f"/partners/{org.slug}/").status_code == 404
    assert org.history.first().history_change_reason == "Gearchiveerd"


def test_archive_works_for_content(client, editor):
    hoofdstuk = Hoofdstuk.objects.create(slug="inleiding", titel="Inleiding")
    client.post(
        "/beheer/routekaart/hoofdstuk/",
        {"action": "archiveren", "_selected_action": [hoofdstuk.pk]},
    )
    hoofdstuk.refresh_from_db()
    assert hoofdstuk.status == Status.GEARCHIVEERD
    assert client.get(f"/beheer/routekaart/hoofdstuk/{hoofdstuk.pk}/delete/").status_code == 403


def test_superuser_may_delete_and_history_survives(client):
    client.force_login(make_user("root", superuser=True))
    org = make_org("weg-ermee")
    assert "delete_selected" in client.get(ORGS).content.decode()
    response = client.post(f"{ORGS}{org.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organisatie.objects.filter(slug="weg-ermee").exists()
    history = Organisatie.history.filter(slug="weg-ermee")
    assert [h.history_type for h in history] == ["-", "+"]
    assert client.get(f"{ORGS}{org.pk}/history/").status_code == 200


def test_public_link_on_the_change_page(client, editor):
    published = make_org("zichtbaar")
    draft = make_org("concept-org", status=Status.CONCEPT)
    html = client.get(f"{ORGS}{published.pk}/change/").content.decode()
    assert "getoond op de website" in html.lower()
    assert 'href="/partners/zichtbaar/"' in html
    html = client.get(f"{ORGS}{draft.pk}/change/").content.decode()
    assert "Niet zichtbaar op de website (status: Concept)" in html


def test_order_within_a_chapter_is_editable_in_the_list(client, editor):
    hoofdstuk = Hoofdstuk.objects.create(slug="beschermen", titel="Beschermen")
    sectie = Sectie.objects.create(hoofdstuk=hoofdstuk, slug="a", titel="A", volgorde=1)
    punt = Aandachtspunt.objects.create(hoofdstuk=hoofdstuk, slug="p", titel="P", volgorde=1)
    for url, obj in (
        ("/beheer/routekaart/sectie/", sectie),
        ("/beheer/stappen/aandachtspunt/", punt),
    ):
        response = client.post(
            url,
            {
                "form-TOTAL_FORMS": "1",
                "form-INITIAL_FORMS": "1",
                "form-0-id": obj.pk,
                "form-0-volgorde": "7",
                "_save": "Opslaan",
            },
        )
        assert response.status_code == 302
        obj.refresh_from_db()
        assert obj.volgorde == 7


@pytest.mark.parametrize(
    "url,expected",
    [
        (ORGS, 11),
        ("/beheer/partners/contactpersoon/", 10),
    ],
)
def test_changelist_query_counts_are_pinned(client, django_assert_num_queries, url, expected):
    client.force_login(make_landelijk())
    vt, _, gemeente = make_regio()
    for _ in range(5):
        make_contact(make_org(gemeenten=[gemeente], vt_regios=[vt]))
    client.get(url)
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


def test_regional_changelist_query_count_is_pinned(client, django_assert_num_queries):
    vt, _, gemeente = make_regio()
    client.force_login(make_regionaal([vt]))
    for _ in range(5):
        make_org(gemeenten=[gemeente], niveau=Niveau.LOKAAL)
    with django_assert_num_queries(12):
        assert client.get(ORGS).status_code == 200

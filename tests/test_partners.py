"""The sociale kaart: directory filters, bad input, gemeente and region pages, privacy."""

import pytest
from django.core.management import call_command

from partners.models import Contactpersoon, Gemeente, Organisatie, Voorziening
from tests.conftest import page_names, page_organisations

pytestmark = pytest.mark.usefixtures("content")


def make_org(slug, **fields):
    """A published local organisation with sensible defaults (small factory)."""
    from partners.models import Organisatietype

    defaults = {
        "naam": slug.replace("-", " ").title(),
        "type": Organisatietype.objects.get(slug="huisartsen"),
        "niveau": "lokaal",
        "status": "gepubliceerd",
        "email": f"info@{slug}.example.org",
    }
    defaults.update(fields)
    return Organisatie.objects.create(slug=slug, **defaults)


def test_filter_by_practice_and_gemeente_shows_veilig_thuis_and_experts(client):
    response = client.get("/partners/?praktijk=huwelijksdwang&gemeente=GM0345")
    html = response.content.decode()
    names = page_names(response)
    assert "Veilig Thuis Utrecht" in html
    assert "Landelijk Knooppunt Huwelijksdwang en Achterlating" in html
    assert 'href="tel:+31703454319"' in html
    assert 'href="mailto:LKHA@veiligthuishaaglanden.nl"' in html
    assert 'href="tel:08002000"' in html
    assert "Veilig Thuis Utrecht" in names
    # Another region's Veilig Thuis does not serve Veenendaal.
    assert "Veilig Thuis Amsterdam-Amstelland" not in names


def test_gemeente_filter_accepts_name_and_alias(client):
    by_code = page_names(client.get("/partners/?gemeente=GM0518"))
    by_alias = page_names(client.get("/partners/?gemeente=den+haag"))
    assert "Veilig Thuis Haaglanden" in by_code
    assert by_alias == by_code


def test_local_partner_shows_only_for_its_gemeente(client):
    veenendaal = Gemeente.objects.get(code="GM0345")
    org = make_org("huisartsenpost-veenendaal")
    org.gemeenten.add(veenendaal)
    assert org.naam in client.get("/partners/?gemeente=GM0345").content.decode()
    assert org.naam not in client.get("/partners/?gemeente=GM0363").content.decode()
    assert org.naam in client.get("/gemeenten/veenendaal/").content.decode()


def test_regional_partner_follows_veiligheidsregio_where_it_differs(client):
    """Uitgeest is in VR12 Kennemerland but in Veilig Thuis-regio Noord-Holland Noord."""
    uitgeest = Gemeente.objects.get(code="GM0450")
    assert uitgeest.veiligheidsregio.code != "VR10"
    ggd = make_org("voorbeeld-partner-kennemerland", niveau="regionaal")
    ggd.veiligheidsregios.add(uitgeest.veiligheidsregio)
    names = page_names(client.get(f"/partners/?gemeente={uitgeest.code}"))
    assert ggd.naam in names
    assert "Veilig Thuis Noord-Holland Noord" in names
    assert "Veilig Thuis Kennemerland" not in names


def test_draft_and_archived_partners_are_hidden(client):
    make_org("concept-partner", status="concept")
    make_org("oud-partner", status="gearchiveerd")
    html = client.get("/partners/?q=partner").content.decode()
    assert "Concept Partner" not in html and "Oud Partner" not in html
    assert client.get("/partners/concept-partner/").status_code == 404
    assert client.get("/partners/oud-partner/").status_code == 404


@pytest.mark.parametrize(
    "query,message",
    [
        ("gemeente=GM9999", "Onbekende gemeente"),
        ("gemeente=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "Onbekende gemeente"),
        ("praktijk=vrouwenbesnijdenis", "Selecteer een geldige keuze"),
        ("stap=12", "Selecteer een geldige keuze"),
        ("stap=%00", "Selecteer een geldige keuze"),
        ("regio=VT99", "Selecteer een geldige keuze"),
        ("niveau=heel-hoog", "Selecteer een geldige keuze"),
        ("q=" + "a" * 500, "200 tekens"),
    ],
)
def test_bad_filter_values_give_a_message_and_other_filters_still_apply(client, query, message):
    response = client.get(
        f"/partners/?{query}&praktijk=vgv"
        if "praktijk" not in query
        else f"/partners/?{query}&niveau=landelijk"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "<script>alert(1)</script>" not in html
    assert "utrecht-form-field--invalid" in html
    # The remaining valid filter was applied: results exist and are limited.
    total = Organisatie.objects.published().count()
    shown = response.context["page"].paginator.count
    assert 0 < shown < total


def test_repeated_parameters_are_reported_not_crashed(client):
    response = client.get("/partners/?praktijk=vgv&praktijk=huwelijksdwang&niveau=landelijk")
    assert response.status_code == 200
    assert "meer dan eens" in response.content.decode()
    assert all(o.niveau == "landelijk" for o in page_organisations(response))


@pytest.mark.parametrize("page", ["0", "-1", "999999", "abc", "1e9"])
def test_bad_page_numbers(client, page):
    assert client.get(f"/partners/?pagina={page}").status_code == 200


def test_empty_result_suggests_widening(client):
    html = client.get("/partners/?q=bestaatnietxyz").content.decode()
    assert "Geen organisaties gevonden" in html
    assert "breder" in html


def test_find_your_gemeente_is_forgiving(client):
    assert client.get("/gemeenten/?gemeente=den+haag")["Location"] == "/gemeenten/s-gravenhage/"
    assert client.get("/gemeenten/?gemeente=s-hertogenbosch")["Location"].startswith(
        "/gemeenten/s-hertogenbosch/"
    )
    assert client.get("/gemeenten/?gemeente=DEN%20BOSCH").status_code == 302
    assert client.get("/gemeenten/?gemeente=Sudwest-Fryslan").status_code == 302
    html = client.get("/gemeenten/?gemeente=veenend").content.decode()
    assert "Bedoelde u?" in html and "/gemeenten/veenendaal/" in html
    html = client.get("/gemeenten/?gemeente=qqqqq").content.decode()
    assert "is geen gemeente of woonplaats" in html
    assert client.get("/gemeenten/?gemeente=" + "x" * 5000).status_code == 200


def test_gemeente_page_answers_who_to_call(client):
    html = client.get("/gemeenten/veenendaal/").content.decode()
    assert "Veilig Thuis Utrecht" in html
    assert "0800-2000" in html and "112" in html
    assert "Pharos" in html and "LEC EGG" in html
    # Types without curated partners say so honestly.
    assert "nog geen organisatie van dit type" in html


def test_region_page_has_map_with_links_to_every_region(client):
    html = client.get("/regios/veilig-thuis-utrecht/").content.decode()
    assert html.count('class="vt-map__region') == 25
    assert "vt-map__region--current" in html
    assert "Bron: CBS, PDOK" in html
    assert html.count('href="/regios/') >= 25


def test_partner_page(client):
    html = client.get("/partners/lkha/").content.decode()
    assert "070-345 43 19" in html
    assert "Laatst gecontroleerd" in html
    assert "Bron van de gegevens" in html
    assert "/partners/?" in html  # a way back into the filtered directory


def test_contact_person_details_only_for_allowed_users(client, django_user_model):
    org = Organisatie.objects.get(slug="lkha")
    Contactpersoon.objects.create(
        organisatie=org,
        naam="Publieke Expert",
        email="publiek@example.org",
        zichtbaarheid="publiek",
        status="gepubliceerd",
    )
    Contactpersoon.objects.create(
        organisatie=org,
        naam="Prof Aandachtsfunctionaris",
        telefoon="030-123 45 67",
        email="prof@example.org",
        zichtbaarheid="professionals",
        status="gepubliceerd",
    )
    Contactpersoon.objects.create(
        organisatie=org,
        naam="Beheer Persoon",
        email="beheer@example.org",
        zichtbaarheid="beheerders",
        status="gepubliceerd",
    )
    anonymous = client.get("/partners/lkha/").content.decode()
    assert "Publieke Expert" in anonymous
    assert "Prof Aandachtsfunctionaris" not in anonymous and "prof@example.org" not in anonymous
    assert "Beheer Persoon" not in anonymous and "beheer@example.org" not in anonymous
    assert "alleen voor ingelogde professionals" in anonymous

    user = django_user_model.objects.create_user("prof", password="een-lang-wachtwoord-123")
    client.force_login(user)
    professional = client.get("/partners/lkha/").content.decode()
    assert "prof@example.org" in professional
    assert "beheer@example.org" not in professional


def test_confidential_address_is_never_rendered(client):
    fier = Organisatie.objects.get(slug="fier")
    Voorziening.objects.create(
        organisatie=fier, naam="Geheime opvang", adres="Geheimstraat 1", adres_vertrouwelijk=True
    )
    Voorziening.objects.create(
        organisatie=fier, naam="Open inloop", adres="Openweg 2", adres_vertrouwelijk=False
    )
    html = client.get("/partners/fier/").content.decode()
    assert "Geheimstraat" not in html
    assert "Het adres van deze voorziening is geheim" in html
    assert "Openweg 2" in html
    for url in ["/partners/", "/partners/?q=geheim", "/zoeken/?q=geheim", "/gemeenten/leeuwarden/"]:
        assert "Geheimstraat" not in client.get(url).content.decode()


def _queries(client, django_assert_max_num_queries, url, limit=10):
    """Queries of a fresh rendering; an unseen query string defeats the page cache."""
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}warm=1")  # warm the caches of choices and gemeente names
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(f"{url}{separator}uncached={len(url)}")
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "url",
    [
        "/partners/",
        "/partners/?praktijk=vgv&gemeente=GM0345",
        "/partners/?q=voorbeeld",
        "/gemeenten/veenendaal/",
        "/partners/voorbeeldorganisatie-1/",
        "/regios/veilig-thuis-utrecht/",
    ],
)
def test_query_count_is_fixed_whatever_the_number_of_partners(
    client, django_assert_max_num_queries, url
):
    call_command("generate_fictitious_partners", count=30, seed=1, verbosity=0)
    small = _queries(client, django_assert_max_num_queries, url)
    call_command("generate_fictitious_partners", count=400, seed=2, verbosity=0)
    large = _queries(client, django_assert_max_num_queries, url)
    assert small == large


def test_fictitious_data_is_plainly_marked():
    call_command("generate_fictitious_partners", count=20, seed=3, verbosity=0)
    fake = Organisatie.objects.filter(bron__startswith="FICTIEF")
    assert fake.count() == 20
    assert all(o.naam.startswith("Voorbeeldorganisatie") for o in fake)
    assert all(o.email.endswith(".example.org") and not o.telefoon for o in fake)
    call_command("generate_fictitious_partners", delete=True, verbosity=0)
    assert not Organisatie.objects.filter(bron__startswith="FICTIEF").exists()

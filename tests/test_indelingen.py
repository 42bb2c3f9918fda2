"""Every gemeente's public partners, and a finder that knows towns and postcodes (issue 13).

The expectations are read from the reference files themselves, and every answer is
asked through the site's own URLs.
"""

import csv
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.utils.html import escape

from partners.lookup import find_place, normalise, woonplaats_aliases
from partners.models import Gemeente, Organisatie
from tests.conftest import page_names

pytestmark = pytest.mark.usefixtures("content")

REFERENCE = Path(settings.BASE_DIR) / "fixtures" / "reference"


def rows(name):
    with (REFERENCE / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def slugs(_content_module, django_db_blocker):
    with django_db_blocker.unblock():
        return dict(Gemeente.objects.values_list("code", "slug"))


@pytest.mark.once
def test_every_gemeente_page_names_its_ggd_politie_om_and_rechtbank(client, slugs):
    ggd = {r["gemeente_code"]: r["ggd_regio_naam"] for r in rows("ggd-regios-2026.csv")}
    politie = {
        r["gemeente_code"]: r["politie_eenheid_naam"] for r in rows("politie-eenheden-2026.csv")
    }
    jeugd = {r["gemeente_code"]: r["jeugdregio_naam"] for r in rows("jeugdregios-2026.csv")}
    wrong = []
    for row in rows("arrondissementen-2026.csv"):
        code = row["gemeente_code"]
        html = client.get(f"/gemeenten/{slugs[code]}/").content.decode()
        box = html[html.index('id="publiek-titel"') : html.index('id="experts-titel"')]
        expected = [
            ggd[code],
            f"Politie-eenheid {politie[code]}",
            row["om_parket"],
            row["rechtbank"],
            "Centrum Seksueel Geweld",
            "0900-8844",
            "0800-0188",
        ]
        missing = [name for name in expected if escape(name) not in box]
        if missing or f"<dd>{jeugd[code]}</dd>" not in html:
            wrong.append((code, missing))
    assert len(slugs) == 342
    assert wrong == []


def test_the_directory_and_the_region_page_include_the_public_partners(client):
    names = page_names(client.get("/partners/?gemeente=GM0983"))
    assert {"GGD Limburg-Noord", "Politie-eenheid Limburg", "Rechtbank Limburg"} <= names
    region = client.get("/regios/veilig-thuis-noord-en-midden-limburg/").content.decode()
    assert "GGD Limburg-Noord" in region and "Arrondissementsparket Limburg" in region


def test_public_partners_carry_only_what_the_files_give():
    ggd_sites = {r["ggd_regio_naam"]: r["website"] for r in rows("ggd-organisaties-2025.csv")}
    for org in Organisatie.objects.filter(type__slug="ggd"):
        assert org.website == ggd_sites[org.naam]
        assert org.telefoon == "" and org.email == ""
        assert org.laatst_gecontroleerd_op is None  # shown to editors as not yet checked
    assert Organisatie.objects.get(naam="Dienst Gezondheid & Jeugd ZHZ").website == ""
    for org in Organisatie.objects.filter(type__slug__in=["openbaar-ministerie", "rechtbank"]):
        assert (org.telefoon, org.email, org.website) == ("", "", "")
    politie = Organisatie.objects.filter(type__slug="politie")
    assert politie.count() == 10
    assert set(politie.values_list("telefoon", flat=True)) == {"0900-8844"}
    assert {p.slug for o in politie for p in o.praktijken.all()} == {"eergerelateerd-geweld"}
    assert Organisatie.objects.filter(type__slug="openbaar-ministerie").count() == 10
    assert Organisatie.objects.filter(type__slug="rechtbank").count() == 11


def _woonplaatsen_by_name():
    by_name = defaultdict(set)
    for row in rows("woonplaatsen-2026.csv"):
        by_name[row["woonplaats"]].add(row["gemeente_code"])
    return by_name


def _gemeenten_per_spoken_name():
    """{normalised name: gemeente codes} over every form a caller may say ("Bergen L" is
    also "Bergen"), so "Afferden" is Druten's Afferden and Bergen's "Afferden L"."""
    spoken = defaultdict(set)
    for row in rows("woonplaatsen-2026.csv"):
        for form in woonplaats_aliases(row["woonplaats"], row["gemeente_naam"]):
            spoken[normalise(form)].add(row["gemeente_code"])
    return spoken


@pytest.mark.once
def test_every_woonplaats_leads_to_its_gemeente_or_asks_which(client, slugs):
    gemeente_names = {
        normalise(name)
        for g in Gemeente.objects.all()
        for name in [g.naam, *g.aliassen.split(";")]
        if name.strip()
    }
    spoken = _gemeenten_per_spoken_name()
    wrong, asked = [], 0
    for name in _woonplaatsen_by_name():
        if normalise(name) in gemeente_names:
            continue  # a gemeente's own name leads (pinned below)
        codes = spoken[normalise(name)]
        response = client.get(f"/gemeenten/?gemeente={quote(name)}")
        if len(codes) == 1:
            (code,) = codes
            if not response.headers.get("Location", "").startswith(f"/gemeenten/{slugs[code]}/"):
                wrong.append((name, code, response.status_code))
        else:
            asked += 1
            html = response.content.decode()
            if "In welke gemeente?" not in html or any(
                f'href="/gemeenten/{slugs[code]}/"' not in html for code in codes
            ):
                wrong.append((name, sorted(codes), response.status_code))
    assert wrong == []
    assert asked >= 70


def test_a_woonplaats_named_like_another_gemeente_gives_that_gemeente():
    hoorn = find_place("Hoorn")
    assert hoorn.soort == "gemeente"
    assert Gemeente.objects.get(pk=hoorn.gemeente_pks[0]).naam == "Hoorn"


@pytest.mark.once
def test_every_postcode_leads_to_its_gemeente(client, slugs):
    wrong = []
    for row in rows("postcodes-pc4-2026.csv"):
        target = client.get(f"/gemeenten/?gemeente={row['pc4']}").headers.get("Location", "")
        if target != f"/gemeenten/{slugs[row['gemeente_code']]}/?postcode={row['pc4']}":
            wrong.append((row["pc4"], target))
    assert len(rows("postcodes-pc4-2026.csv")) == 4074
    assert wrong == []


@pytest.mark.parametrize(
    ("query", "gemeente", "reason"),
    [
        ("Tegelen", "Venlo", "Tegelen ligt in de gemeente Venlo."),
        ("tegelen", "Venlo", "Tegelen ligt in de gemeente Venlo."),
        ("5911", "Venlo", "Postcode 5911 ligt in de gemeente Venlo."),
        ("5911 AB", "Venlo", "Postcode 5911 ligt in de gemeente Venlo."),
        ("5911ab", "Venlo", "Postcode 5911 ligt in de gemeente Venlo."),
        ("Bergen L", "Bergen (L.)", ""),
        ("Beuningen", "Beuningen", ""),
        ("Beuningen Gld", "Beuningen", ""),
        ("Alteveer gem Hoogeveen", "Hoogeveen", "Alteveer gem Hoogeveen ligt in de gemeente"),
        ("Hoogvliet", "Rotterdam", "Hoogvliet Rotterdam ligt in de gemeente Rotterdam."),
        ("Súdwest-Fryslân", "Súdwest-Fryslân", ""),
        ("sudwest fryslan", "Súdwest-Fryslân", ""),
        ("Den Haag", "'s-Gravenhage", ""),
    ],
)
def test_the_finder_resolves_towns_and_postcodes_and_says_why(client, query, gemeente, reason):
    plaats = find_place(query)
    assert plaats.gevonden, plaats
    assert Gemeente.objects.get(pk=plaats.gemeente_pks[0]).naam == gemeente
    assert plaats.uitleg.startswith(reason)
    response = client.get(f"/gemeenten/?gemeente={quote(query)}", follow=True)
    html = response.content.decode()
    assert f"Wie belt u in {gemeente}" in html.replace("&#x27;", "'")
    if reason:
        assert f'role="status">{reason}' in html.replace("&#x27;", "'")


@pytest.mark.parametrize(
    ("query", "gemeenten"),
    [
        ("Rozenburg", {"Haarlemmermeer", "Rotterdam"}),
        ("Alteveer", {"De Wolden", "Hoogeveen", "Noordenveld", "Stadskanaal"}),
        ("Bergen", {"Bergen (L.)", "Bergen (NH.)"}),
    ],
)
def test_a_name_of_several_gemeenten_asks_which(client, query, gemeenten):
    plaats = find_place(query)
    assert plaats.meerdere
    assert (
        set(Gemeente.objects.filter(pk__in=plaats.gemeente_pks).values_list("naam", flat=True))
        >= gemeenten
    )
    html = client.get(f"/gemeenten/?gemeente={query}").content.decode()
    assert "In welke gemeente?" in html and "postcode" in html
    for naam in gemeenten:
        assert f">{naam}</a>" in html


def test_ambiguous_woonplaats_names_are_seventy():
    assert sum(1 for codes in _woonplaatsen_by_name().values() if len(codes) > 1) == 70


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("Blerick", "zoek dan op de postcode"),
        ("Scheveningen", "zoek dan op de postcode"),
        ("0999", "Postcode 0999 is niet bekend"),
        ("1000 AA", "Postcode 1000 is niet bekend"),
    ],
)
def test_an_unknown_place_gets_an_honest_message(client, query, message):
    plaats = find_place(query)
    assert not plaats.gevonden and not plaats.meerdere
    html = client.get(f"/gemeenten/?gemeente={quote(query)}").content.decode()
    assert message in html


def test_the_directory_and_the_case_route_know_towns_too(client):
    html = client.get("/partners/?gemeente=Tegelen").content.decode()
    assert "Tegelen ligt in de gemeente Venlo." in html
    html = client.get("/partners/?gemeente=Rozenburg").content.decode()
    assert "Haarlemmermeer" in html and "Rotterdam" in html
    html = client.get("/vermoeden/?praktijk=vgv&gemeente=5911").content.decode()
    assert "Postcode 5911 ligt in de gemeente Venlo." in html


def test_bag_suffixes_become_aliases():
    assert woonplaats_aliases("Bergen L", "Bergen (L.)") == ["Bergen L", "Bergen"]
    assert woonplaats_aliases("Alteveer gem Hoogeveen", "Hoogeveen")[-1] == "Alteveer"
    assert woonplaats_aliases("Klein Zundert", "Zundert") == ["Klein Zundert"]
    assert woonplaats_aliases("Den Ham", "Twenterand") == ["Den Ham"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/gemeenten/venlo/?woonplaats=WP1474", 4),
        ("/partners/?gemeente=Tegelen&praktijk=vgv", 3),
    ],
)
def test_query_counts_are_pinned(client, django_assert_num_queries, url, expected):
    """Fresh renderings (an unseen query string defeats the page cache); the directory's
    own flat-count test (tests/test_partners.py) shows they do not grow with partners."""
    client.get(f"{url}&warm=1")
    with django_assert_num_queries(expected):
        assert client.get(f"{url}&uncached=1").status_code == 200


@pytest.mark.parametrize(
    ("laag", "count", "linked"),
    [
        ("veilig-thuis", 25, 25),
        ("veiligheidsregio", 25, 0),
        ("ggd", 25, 25),
        ("politie", 10, 10),
        ("arrondissement", 11, 11),
        ("jeugdregio", 42, 0),
    ],
)
def test_the_map_shows_each_layer_with_a_text_equivalent(client, laag, count, linked):
    response = client.get(f"/regios/?laag={laag}")
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count("<path ") == count
    assert svg.count('class="vt-map__link"') == linked
    listed = html[html.index('id="lijst-titel"') :]
    listed = listed[: listed.index("</ul>")]
    assert listed.count("<li>") == count
    assert listed.count("gemeenten)") == count
    assert 'aria-current="page"' in html


def test_an_unknown_map_layer_is_a_clear_400(client):
    response = client.get("/regios/?laag=%3Cscript%3E")
    assert response.status_code == 400
    assert "Onbekende kaartlaag" in response.content.decode()
    assert "<script>" not in response.content.decode().split("Onbekende kaartlaag")[1][:80]


def test_a_split_postcode_says_that_part_lies_elsewhere():
    plaats = find_place("4062")  # 0.75 Tiel, the rest West Betuwe (PDOK/BAG 2026)
    assert Gemeente.objects.get(pk=plaats.gemeente_pks[0]).naam == "Tiel"
    assert "Een deel van de adressen met 4062 hoort bij een andere gemeente" in plaats.uitleg
    assert "andere gemeente" not in find_place("5911").uitleg

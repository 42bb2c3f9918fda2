"""Issue 14: "Wat te doen bij een vermoeden?" — the case route at /vermoeden/.

The routes are pinned on the real content: which contact comes first, and which
sections of the routekaart the page cites. Bad input gives a Dutch message next to
the field and the rest of the route; the page stores nothing and sets no cookie.
"""

import re

import pytest

from vermoeden.models import Routeregel

pytestmark = pytest.mark.usefixtures("content")

VT_VENLO = "Veilig Thuis Noord- en Midden-Limburg"
ADVIES = "adviezen-advisering"
EXPERT = "partners-bij-een-vermoeden-schakel-een-expert-in"
AFSPRAKEN = "adviezen-reeds-gemaakte-afspraken"
DOS = "adviezen-dos-en-donts-bij-eergerelateerd-geweld"
PRAKTIJKEN = "schadelijke-praktijken-wat-zijn-schadelijke-praktijken"
VGV = "ketenaanpak-vgv"
ACUUT = "beschermen-belang-van-beschermen-en-stoppen-geweld"
MELDCODE_EGG = "adviezen-meldcode-eergerelateerd-geweld"
WET = "rol-en-kader-wet-en-regelgeving"
MELDEN = "adviezen-rol-veilig-thuis-melden-en-veiligheidsbeoordeling"


def contacts(html):
    """[(role, name)] of the contacts, in the order the page lists them."""
    items = re.findall(r'data-contact="([^"]+)">\s*<h3[^>]*>(.*?)</h3>', html, re.S)
    return [(role, re.sub(r"<[^>]+>", "", name).split(": ", 1)[1].strip()) for role, name in items]


def cited(html):
    return set(re.findall(r'data-sectie="([^"]+)"', html))


def get(client, query):
    response = client.get(f"/vermoeden/?{query}")
    assert response.status_code == 200
    return response.content.decode()


# (query, first contact role, first contact name, second contact name or None, cited sections)
ROUTES = [
    (
        "praktijk=vgv&gemeente=Venlo&situatie=minderjarig&situatie=vertrek",
        "veilig-thuis",
        VT_VENLO,
        "Pharos",
        {ADVIES, EXPERT, VGV, PRAKTIJKEN, WET, MELDCODE_EGG},
    ),
    (
        "praktijk=huwelijksdwang&gemeente=Utrecht&situatie=in-buitenland",
        "expert",
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        "Veilig Thuis Utrecht",
        {AFSPRAKEN, ADVIES, MELDEN},
    ),
    (
        "praktijk=achterlating&gemeente=Rotterdam&situatie=in-buitenland",
        "expert",
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        "Veilig Thuis Rotterdam Rijnmond",
        {AFSPRAKEN, PRAKTIJKEN},
    ),
    (
        "praktijk=huwelijksdwang&gemeente=Utrecht&situatie=in-buitenland&situatie=acuut",
        "112",
        "Alarmnummer 112",
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        {ACUUT, AFSPRAKEN},
    ),
    (
        "praktijk=vgv&gemeente=Amsterdam&situatie=acuut",
        "112",
        "Alarmnummer 112",
        "Veilig Thuis Amsterdam-Amstelland",
        {ACUUT, ADVIES},
    ),
    (
        "praktijk=eergerelateerd-geweld&gemeente=Den+Haag",
        "veilig-thuis",
        "Veilig Thuis Haaglanden",
        "Landelijk Expertise Centrum Eergerelateerd Geweld (LEC EGG)",
        {DOS, ADVIES, EXPERT, MELDEN, AFSPRAKEN},
    ),
    (
        "praktijk=eergerelateerd-geweld&gemeente=Venlo&situatie=in-buitenland",
        "veilig-thuis",
        VT_VENLO,
        "Landelijk Expertise Centrum Eergerelateerd Geweld (LEC EGG)",
        {DOS},
    ),
    ("praktijk=weet-niet&gemeente=Venlo", "veilig-thuis", VT_VENLO, None, {ADVIES}),
    (
        "praktijk=weet-niet&situatie=acuut",
        "112",
        "Alarmnummer 112",
        "Veilig Thuis in uw regio",
        {ACUUT, ADVIES},
    ),
    ("praktijk=vgv", "veilig-thuis", "Veilig Thuis in uw regio", "Pharos", {ADVIES, EXPERT}),
    (
        "praktijk=huwelijksdwang&gemeente=GM0983&situatie=minderjarig",
        "veilig-thuis",
        VT_VENLO,
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        {PRAKTIJKEN, ADVIES},
    ),
    (
        "praktijk=achterlating&gemeente=Venlo&situatie=vertrek",
        "veilig-thuis",
        VT_VENLO,
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        {PRAKTIJKEN},
    ),
    (
        "praktijk=achterlating&gemeente=Venlo&situatie=minderjarig&situatie=in-buitenland",
        "expert",
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        VT_VENLO,
        {AFSPRAKEN, PRAKTIJKEN},
    ),
    (
        "praktijk=vgv&gemeente=Venlo&situatie=in-buitenland",
        "veilig-thuis",
        VT_VENLO,
        "Pharos",
        {ADVIES, EXPERT},
    ),
    (
        "praktijk=eergerelateerd-geweld&gemeente=Utrecht&situatie=acuut",
        "112",
        "Alarmnummer 112",
        "Veilig Thuis Utrecht",
        {ACUUT, DOS},
    ),
    (
        "praktijk=huwelijksdwang&gemeente=Venlo&situatie=vertrek",
        "veilig-thuis",
        VT_VENLO,
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        {ADVIES},
    ),
    (
        "praktijk=eergerelateerd-geweld&gemeente=Venlo&situatie=minderjarig",
        "veilig-thuis",
        VT_VENLO,
        "Landelijk Expertise Centrum Eergerelateerd Geweld (LEC EGG)",
        {DOS},
    ),
    (
        "praktijk=vgv&gemeente=Groningen&situatie=minderjarig",
        "veilig-thuis",
        "Veilig Thuis Groningen",
        "Pharos",
        {VGV},
    ),
    (
        "praktijk=achterlating&situatie=in-buitenland",
        "expert",
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        "Veilig Thuis in uw regio",
        {AFSPRAKEN},
    ),
    (
        "praktijk=huwelijksdwang&gemeente=Maastricht",
        "veilig-thuis",
        "Veilig Thuis Zuid-Limburg",
        "Landelijk Knooppunt Huwelijksdwang en Achterlating (LKHA)",
        {ADVIES, EXPERT},
    ),
    ("gemeente=Venlo", "veilig-thuis", VT_VENLO, None, {ADVIES, WET}),
    (
        "praktijk=eergerelateerd-geweld&gemeente=%27s-Hertogenbosch&situatie=vertrek",
        "veilig-thuis",
        "Veilig Thuis Oost-Brabant",
        "Landelijk Expertise Centrum Eergerelateerd Geweld (LEC EGG)",
        {DOS},
    ),
    (
        "praktijk=vgv&gemeente=Enschede&situatie=vertrek&situatie=acuut",
        "112",
        "Alarmnummer 112",
        "Veilig Thuis Twente",
        {ACUUT, VGV, PRAKTIJKEN},
    ),
]


@pytest.mark.parametrize(("query", "role", "first", "second", "sections"), ROUTES)
def test_route_puts_the_right_contact_first_and_cites_its_sections(
    client, query, role, first, second, sections
):
    html = get(client, query)
    listed = contacts(html)
    assert listed[0] == (role, first)
    if second:
        assert listed[1][1] == second
    assert len({r for r, _ in listed}) == len(listed), "a contact is listed twice"
    assert sections <= cited(html)


def test_huwelijksdwang_abroad_gives_the_lkha_reason_and_a_tel_link(client):
    html = get(client, "praktijk=huwelijksdwang&gemeente=Utrecht&situatie=in-buitenland")
    first = html.split('data-contact="expert"')[1].split("</li>")[0]
    assert 'href="tel:+31703454319"' in first
    assert "Bijvoorbeeld als het slachtoffer in het buitenland zit." in first
    assert "helpt slachtoffers veilig terug te keren naar Nederland" in first
    assert html.index('data-contact="expert"') < html.index('data-contact="veilig-thuis"')


def test_acuut_puts_112_above_everything(client):
    html = get(client, "praktijk=achterlating&gemeente=Venlo&situatie=acuut&situatie=in-buitenland")
    assert 'href="tel:112"' in html.split('data-contact="112"')[1].split("</li>")[0]
    assert contacts(html)[0][0] == "112"


def test_eergerelateerd_geweld_shows_dos_and_donts_and_the_lec_egg(client):
    html = get(client, "praktijk=eergerelateerd-geweld&gemeente=Venlo")
    for text in (
        "Houd het klein",
        "Ga na of eer inderdaad een motief is voor het geweld",
        "Ga niet zomaar handelen",
        "Wees terughoudend met een tijdelijk huisverbod",
        "Wees ook zorgvuldig met een uithuisplaatsing",
        "Checklist van het LEC EGG",
        "Stappenplan Eergerelateerd geweld",
        "Landelijke expert voor Eergerelateerd geweld",
    ):
        assert text in html, text
    assert "Artikel 285 Sr" in html and "Artikel 289 Sr" in html


def test_venlo_vgv_minor_before_holiday(client):
    html = get(client, "praktijk=vgv&gemeente=Venlo&situatie=minderjarig&situatie=vertrek")
    assert "Pharos" in html and VT_VENLO in html
    assert "Handelingsprotocol VGV bij minderjarigen" in html
    assert "Handelingsprotocol_Vrouwelijke_Genitale_Verminking_bij_minderjarigen" in html
    assert "Meisjes lopen het meeste risico in de langere vakanties" in html
    assert "Wat de keten bij VGV heeft geregeld" in html
    assert "Artikel 300 Sr" in html and "Artikel 302 Sr" in html
    assert 'aria-current="step"' in html and "/stappen/3-adviezen/" in html
    assert "De routekaart zegt niets specifiek" not in html


def test_silence_is_said_and_points_to_veilig_thuis(client):
    html = get(client, "praktijk=vgv&gemeente=Venlo&situatie=in-buitenland")
    notice = html.split("route-stilte")[1].split("</div></div>")[0]
    assert "De routekaart zegt niets specifiek over ‘de persoon is nu in het buitenland’" in notice
    assert 'href="tel:08002000"' in notice


def test_weet_niet_shows_every_practice_with_signals(client):
    html = get(client, "praktijk=weet-niet&gemeente=Venlo")
    for text in ("Let op afwezigheid van school", "Risicofactoren bij VGV", "Wie het vooral treft"):
        assert text in html
    assert html.count('class="route-praktijk"') == 4
    assert 'href="/vermoeden/?praktijk=vgv&amp;gemeente=Venlo"' in html


def test_a_unique_start_of_a_name_is_taken_and_said(client):
    html = get(client, "praktijk=vgv&gemeente=Venl")
    assert "U typte ‘Venl’; we tonen de route voor" in html
    assert contacts(html)[0] == ("veilig-thuis", VT_VENLO)


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("praktijk=besnijdenis&gemeente=Venlo", "praktijk", "Deze praktijk kennen we niet."),
        ("praktijk=vgv&gemeente=Nergenshuizen", "gemeente", "is geen gemeente of woonplaats"),
        ("praktijk=vgv&gemeente=" + "x" * 5000, "gemeente", "Deze invoer is te lang"),
        (
            "praktijk=vgv&situatie=acuut&situatie=%3Cscript%3E",
            "situatie",
            "situaties kennen we niet",
        ),
        ("praktijk=vgv&gemeente=berg", "gemeente", "Meerdere gemeenten passen"),
        ("praktijk=" + "y" * 5000 + "&situatie=" + "z" * 5000, "praktijk", "kennen we niet"),
    ],
    ids=["praktijk", "gemeente", "te-lang", "situatie", "meerdere", "alles-te-lang"],
)
def test_bad_input_gives_a_dutch_message_next_to_the_field_and_the_route(
    client, query, field, message
):
    html = get(client, query)
    error = html.split(f'id="vermoeden-{field}-fout"')[1].split("</div>")[0]
    assert message in error
    assert 'role="alert"' in html
    assert "Wie belt u eerst?" in html  # the rest of the route still shows
    assert "<script>" not in html.split("<main")[1]
    main = html.split("<main")[1].split("</main>")[0]
    assert "x" * 101 not in main and "y" * 101 not in main


def test_bad_situation_keeps_the_good_ones(client):
    html = get(client, "praktijk=vgv&situatie=acuut&situatie=onzin")
    assert contacts(html)[0][0] == "112"


def test_empty_form_shows_only_the_form(client):
    html = get(client, "")
    assert "Wie belt u eerst?" not in html
    assert 'name="praktijk"' in html and "wordt niet bewaard" in html


def test_page_sets_no_cookie_and_is_not_stored_in_shared_caches(client):
    response = client.get("/vermoeden/?praktijk=vgv&gemeente=Venlo&situatie=vertrek")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and not response.cookies
    assert "no-store" in response["Cache-Control"]
    assert client.post("/vermoeden/").status_code == 405


def test_share_link_and_date_are_on_the_page(client):
    html = get(client, "praktijk=vgv&gemeente=venlo&situatie=vertrek&situatie=minderjarig")
    link = "http://testserver/vermoeden/?praktijk=vgv&amp;gemeente=Venlo&amp;situatie=minderjarig&amp;situatie=vertrek"
    assert link in html
    assert "Route van " in html


@pytest.mark.parametrize(
    "query",
    [
        "praktijk=vgv&gemeente=Venlo&situatie=minderjarig&situatie=vertrek",
        "praktijk=weet-niet&gemeente=Venlo&situatie=acuut",
        "praktijk=huwelijksdwang&gemeente=Utrecht&situatie=in-buitenland",
        "praktijk=vgv&gemeente=berg",
    ],
)
def test_query_count_is_pinned(client, django_assert_max_num_queries, query):
    with django_assert_max_num_queries(12):
        response = client.get(f"/vermoeden/?{query}")
    assert response.status_code == 200


def test_form_is_on_the_home_page_and_linked_from_every_header(client):
    home = client.get("/").content.decode()
    assert 'action="/vermoeden/"' in home and 'href="#home-vermoeden-praktijk"' in home
    other = client.get("/bronnen/").content.decode()
    assert 'class="utrecht-link site-header__vermoeden" href="/vermoeden/"' in other


def test_every_rule_cites_a_published_section():
    rules = Routeregel.objects.select_related("sectie")
    assert rules.count() >= 30
    assert all(rule.sectie.is_published for rule in rules)


def test_rules_are_data_an_editor_changes_the_route(client):
    """A new rule for VGV abroad puts Pharos first and ends the silence; archiving undoes it."""
    from praktijken.models import Praktijk
    from routekaart.models import Sectie

    query = "praktijk=vgv&gemeente=Venlo&situatie=in-buitenland"
    assert contacts(get(client, query))[0][1] == VT_VENLO
    rule = Routeregel.objects.create(
        slug="test-vgv-buitenland",
        praktijk=Praktijk.objects.get(slug="vgv"),
        situatie="in-buitenland",
        soort=Routeregel.Soort.CONTACT,
        contact=Routeregel.Contact.EXPERT,
        volgorde=5,
        titel="Voorbeeldregel",
        tekst="Voorbeeldtekst.",
        sectie=Sectie.objects.get(slug=EXPERT),
    )
    html = get(client, query)
    assert contacts(html)[0] == ("expert", "Pharos")
    assert "De routekaart zegt niets specifiek" not in html
    rule.status = "gearchiveerd"
    rule.save()
    assert contacts(get(client, query))[0][1] == VT_VENLO

"""The routekaart content: every part of the source is reachable, linked and rendered."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from routekaart.models import Bron
from tests.conftest import links_of

pytestmark = pytest.mark.usefixtures("content")

SOURCE = Path(settings.BASE_DIR) / "fixtures" / "content"

# Every heading the routekaart issue lists, as it must appear on some page.
HEADINGS = [
    "Waarom een routekaart?",
    "Extra aandacht voor schadelijke praktijken",
    "Hulpmiddel inrichten ketenaanpak",
    "Wat zijn schadelijke praktijken?",
    "Vrouwelijke genitale verminking",
    "Huwelijksdwang",
    "Gedwongen achterlating",
    "Eergerelateerd geweld",
    "Kindhuwelijk",
    "Huwelijkse gevangenschap",
    "Aantallen en risicofactoren",
    "Het verhaal van Thomas",
    "Het verhaal van Ilona",
    "Het verhaal van Yasmin",
    "Wettelijke taken gemeenten",
    "Wmo 2015",
    "Jeugdwet",
    "Wet verplichte Meldcode",
    "Meldcode bij (vermoedens van) eergerelateerd geweld",
    "Wet tegengaan huwelijksdwang",
    "Wetsvoorstel tegengaan huwelijkse gevangenschap",
    "Wet tijdelijk huisverbod",
    "Artikel 284 Sr",
    "Europees Verdrag voor de Rechten van de Mens",
    "Verdrag inzake de Rechten van het Kind",
    "Verdrag van Istanbul",
    "Verdrag inzake de Huwelijkstoestemming",
    "Visie gefaseerd samenwerken aan veiligheid",
    "Kwaliteitskader Werken aan Veiligheid",
    "Handreiking strafbare kindermishandeling",
    "Handelingsprotocol Veilig Thuis",
    "Richt ketenaanpak regionaal in",
    "Benut ervaringsdeskundigheid",
    "Werk proactief aan samenwerken",
    "Verbind formele en informele netwerken",
    "Stuur aan op basis van opdrachtgeverschap",
    "Lokale en regionale partners",
    "De 7 stappen van de ketenaanpak",
    "Ketenaanpak VGV",
    "Preventie",
    "Vroegsignalering",
    "Adviezen",
    "Melden en veiligheidsbeoordeling",
    "Beschermen",
    "Begeleiding en hulp",
    "Monitoring",
    "Wat moet er zijn of geregeld worden?",
    "Reeds gemaakte afspraken",
    "Do’s &amp; don’ts",
    "Cultuurvertalers",
    "Sleutelfiguren",
    "Rotterdam",
    "West Veluwe Vallei",
    "Veilig Thuis Utrecht",
    "Bij een vermoeden: schakel een expert in!",
]


def _text(html):
    return re.sub(r"\s+", " ", html)


def test_every_heading_is_reachable_from_home(crawl):
    all_html = "\n".join(_text(html) for _, html in crawl.values())
    missing = [h for h in HEADINGS if h.lower() not in all_html.lower()]
    assert not missing


def test_every_source_url_is_linked(crawl):
    """Every distinct URL in the source text appears as a link on some page."""
    source = Path(settings.BASE_DIR).parent / "shared" / "seeds" / "000_e4adee540860faa3.txt"
    if source.exists():
        urls = {u.rstrip(").,") for u in re.findall(r"https?://\S+", source.read_text())}
    else:  # a clone without ../shared: the Bron records hold the same set
        urls = set(Bron.objects.values_list("url", flat=True))
    hrefs = set()
    for _, html in crawl.values():
        hrefs.update(links_of(html))
    missing = sorted(u for u in urls if u not in hrefs)
    assert not missing
    assert len(urls) >= 50


def test_route_follows_next_links_from_step_1_to_7(client):
    url, seen = "/stappen/1-preventie/", []
    while url:
        html = client.get(url).content.decode()
        seen.append(url)
        match = re.search(r'rel="next" href="([^"]+)"', html)
        url = match.group(1) if match else None
    assert len(seen) == 7
    assert seen[-1] == "/stappen/7-monitoring/"


def test_step_page_shows_checklist_and_practice_links(client):
    html = client.get("/stappen/4-melden-en-veiligheidsbeoordeling/").content.decode()
    assert 'class="checklist"' in html
    assert "/partners/?stap=4&amp;praktijk=eergerelateerd-geweld" in html
    assert 'rel="prev" href="/stappen/3-adviezen/"' in html


def test_meldcode_is_shown_along_the_route(client):
    html = client.get("/").content.decode()
    assert html.count("route__step--meldcode") >= 2
    assert "meldcode" in html


def test_dated_statement_keeps_its_date(client):
    html = client.get("/rol-en-kader/wetsvoorstel-tegengaan-huwelijkse-gevangenschap/").content
    assert "november 2021" in html.decode()


def test_figures_carry_source_and_year(client):
    html = client.get("/praktijken/vgv/").content.decode()
    assert "41.000" in html
    assert "Bron: Pharos, 2019" in html
    html = client.get("/praktijken/huwelijksdwang/").content.decode()
    assert "Bron: LKHA, 2018" in html and "Bron: CBS, 2021" in html


def test_stories_are_on_their_practice(client):
    assert "Het verhaal van Thomas" in client.get("/praktijken/huwelijksdwang/").content.decode()
    assert (
        "Het verhaal van Ilona" in client.get("/praktijken/eergerelateerd-geweld/").content.decode()
    )
    assert "Het verhaal van Yasmin" in client.get("/praktijken/vgv/").content.decode()


def test_abbreviations_are_marked_up_from_the_glossary(client):
    html = client.get("/stappen/3-adviezen/").content.decode()
    assert '<abbr title="' in html


def test_every_page_shows_the_source_date(client):
    for url in ["/", "/stappen/5-beschermen/", "/praktijken/vgv/", "/partners/lkha/"]:
        assert settings.SOURCE_DATE in client.get(url).content.decode()


@pytest.mark.parametrize(
    "query", ["soort=training", "praktijk=vgv", "stap=2", "soort=protocol&praktijk=vgv&stap=4"]
)
def test_bronnen_filters(client, query):
    response = client.get(f"/bronnen/?{query}")
    assert response.status_code == 200
    assert 'class="result"' in response.content.decode()


@pytest.mark.parametrize(
    "query", ["soort=onbekend", "praktijk=%00", "stap=99", "stap=abc", "praktijk=" + "x" * 5000]
)
def test_bronnen_bad_filters_give_a_message(client, query):
    response = client.get(f"/bronnen/?{query}")
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()


# Pinned query counts per page type (content only; cache warm after the first request).
# The home, practice, step and chapter pages are pinned in tests/test_query_budget.py.
QUERY_COUNTS = [
    ("/praktijken/vgv/", 1),
    ("/bronnen/", 4),
    ("/stappen/praktijkvoorbeelden/", 4),
    ("/stappen/praktijkvoorbeelden/?praktijk=vgv&stap=1&gemeente=Ede", 4),
    ("/begrippen/", 2),
]


@pytest.mark.parametrize("url,expected", QUERY_COUNTS)
def test_query_counts_are_pinned(client, django_assert_num_queries, url, expected):
    """Queries of a fresh rendering (an unseen query string defeats the page cache)."""
    separator = "&" if "?" in url else "?"
    client.get(f"{url}{separator}warm=1")  # warm the glossary and choice caches
    with django_assert_num_queries(expected):
        response = client.get(f"{url}{separator}uncached=1")
    assert response.status_code == 200


def test_cached_page_costs_one_query_and_edits_show_at_once(client, django_assert_num_queries):
    from praktijken.models import Praktijk

    client.get("/praktijken/vgv/")
    with django_assert_num_queries(1):  # the data version
        response = client.get("/praktijken/vgv/")
    assert response.status_code == 200
    etag = response["ETag"]
    assert client.get("/praktijken/vgv/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    vgv = Praktijk.objects.get(slug="vgv")
    vgv.naam = "Vrouwelijke genitale verminking (bewerkt)"
    vgv.save()
    response = client.get("/praktijken/vgv/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert "(bewerkt)" in response.content.decode()


def test_signed_in_users_get_uncached_pages(client, django_user_model):
    user = django_user_model.objects.create_user("lezer", password="een-lang-wachtwoord-123")
    client.force_login(user)
    response = client.get("/praktijken/vgv/")
    assert "ETag" not in response

"""Guard tests over every public page: status, one <h1>, and internal links that resolve."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.usefixtures("content")

PAGES = [
    "/",
    "/praktijken/",
    "/praktijken/vgv/",
    "/praktijken/huwelijksdwang/",
    "/praktijken/achterlating/",
    "/praktijken/eergerelateerd-geweld/",
    "/stappen/",
    "/stappen/1-preventie/",
    "/stappen/4-melden-en-veiligheidsbeoordeling/",
    "/stappen/7-monitoring/",
    "/rol-en-kader/",
    "/rol-en-kader/wetsvoorstel-tegengaan-huwelijkse-gevangenschap/",
    "/routekaart/inleiding/",
    "/routekaart/naar-beleid-en-uitvoering/",
    "/routekaart/partners/",
    "/routekaart/beschermen-en-stoppen-geweld/",
    "/bronnen/",
    "/bronnen/?praktijk=vgv",
    "/begrippen/",
    "/partners/",
    "/partners/?praktijk=huwelijksdwang&gemeente=GM0345",
    "/partners/lkha/",
    "/gemeenten/",
    "/gemeenten/veenendaal/",
    "/regios/",
    "/regios/veilig-thuis-utrecht/",
    "/zoeken/?q=meldcode",
    "/zoeken/?q=xyzzy",
    "/veilig-internetten/",
    "/toegankelijkheid/",
    "/over/",
]


@pytest.mark.parametrize("url", PAGES)
def test_page_renders_with_one_h1_and_quick_exit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'id="main-content"' in html
    assert "data-quick-exit" in html
    assert 'href="#main-content"' in html


def test_every_url_without_arguments_returns_200(client):
    from django.urls import get_resolver

    for pattern_name in [
        "routekaart:home",
        "routekaart:rol_en_kader",
        "routekaart:bronnen",
        "routekaart:begrippen",
        "routekaart:zoeken",
        "praktijken:index",
        "stappen:index",
        "partners:index",
        "partners:gemeenten",
        "partners:regios",
        "routekaart:veilig_internetten",
        "routekaart:toegankelijkheid",
        "routekaart:over",
    ]:
        response = client.get(reverse(pattern_name))
        assert response.status_code == 200, pattern_name
        assert response.content.decode().count("<h1") == 1, pattern_name
    assert get_resolver() is not None


def test_no_internal_link_is_broken(crawl):
    broken = [url for url, (status, _) in crawl.items() if status >= 400]
    assert not broken
    assert len(crawl) > 400  # all 342 gemeenten, 25 regions and the content pages


def test_unknown_path_is_a_dutch_404(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/praktijken/onbekend/",
        "/stappen/8-niets/",
        "/gemeenten/atlantis/",
        "/partners/bestaat-niet/",
        "/regios/nergens/",
        "/rol-en-kader/geen-wet/",
        "/routekaart/geen-hoofdstuk/",
    ],
)
def test_unknown_objects_are_404(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/", "/stappen/", "/partners/", "/zoeken/?q=vgv", "/gemeenten/"])
def test_anonymous_get_sets_no_cookies(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_no_inline_scripts_or_styles(client):
    for url in ["/", "/stappen/2-vroegsignalering/", "/partners/", "/regios/"]:
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<script " not in html.replace("<script src=", "")
        assert " style=" not in html

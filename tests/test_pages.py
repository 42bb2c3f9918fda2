"""Guard tests over every public page: status, one <h1>, and internal links that resolve."""

import json
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
    "/stappen/4-melden-en-veiligheidsbeoordeling/checklist/",
    "/rol-en-kader/",
    "/rol-en-kader/wetsvoorstel-tegengaan-huwelijkse-gevangenschap/",
    "/routekaart/naar-beleid-en-uitvoering/",
    "/routekaart/partners/",
    "/routekaart/beschermen-en-stoppen-geweld/",
    "/bronnen/",
    "/bronnen/?praktijk=vgv",
    "/stappen/praktijkvoorbeelden/",
    "/stappen/praktijkvoorbeelden/?praktijk=vgv&stap=2",
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
    "/open-data/",
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


def _named_patterns(resolver=None, namespace=""):
    """(name, pattern) of every named URL, walked from the URL resolver itself."""
    from django.urls import URLPattern, URLResolver, get_resolver

    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.pattern


def public_urls_without_arguments():
    """Every public page whose URL takes no arguments (not the admin, not /healthz, not the
    quick exit's redirect /weg/, tested in test_foundation, not the CSV export, tested in
    test_zelfscan)."""
    names = []
    skip = ("healthz", "routekaart:weg", "zelfscan:nationaal_csv")
    for name, pattern in _named_patterns():
        if name.startswith("admin:") or name in skip or pattern.converters:
            continue
        names.append(name)
    return sorted(set(names))


def test_the_url_list_comes_from_the_resolver():
    names = public_urls_without_arguments()
    assert {"routekaart:home", "partners:index", "stappen:index"} <= set(names)
    assert not any(n.startswith("admin:") for n in names)


@pytest.mark.parametrize("name", public_urls_without_arguments())
def test_every_url_without_arguments_returns_200(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200, name
    if response["Content-Type"].startswith("application/json"):  # the open data API
        assert json.loads(response.content), name
        return
    assert response.content.decode().count("<h1") == 1, name


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

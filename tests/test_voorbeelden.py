"""The overview of practice examples, methods and tips (issue 12), filterable by
practice, step, gemeente or region and kind, and linked from steps, practices and search."""

import re
from collections import Counter
from urllib.parse import quote

import pytest

from stappen.models import Praktijkvoorbeeld

pytestmark = pytest.mark.usefixtures("content")

URL = "/stappen/praktijkvoorbeelden/"


def _titles(response):
    return [v.titel for v in response.context["voorbeelden"]]


def test_the_overview_lists_every_published_example(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    published = Praktijkvoorbeeld.objects.published()
    assert len(_titles(response)) == published.count() >= 20
    assert "Cultuurvertalers" in html and "Lespakket VrijHeden" in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert "data-quick-exit" in html
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert not [i for i, n in ids.items() if n > 1]
    # Each example links to its place in the routekaart.
    assert (
        'href="/routekaart/preventie-en-vroegsignalering/#preventie-cultuurvertalers-ede"' in html
    )
    assert not response.cookies


def test_filter_by_gemeente_or_region(client):
    response = client.get(URL, {"gemeente": "Ede"})
    assert _titles(response) == ["Cultuurvertalers"]
    titles = _titles(client.get(URL, {"gemeente": "Utrecht"}))
    assert titles and all("Utrecht" in t for t in titles)
    options = client.get(URL).context["filter"].form.fields["gemeente"].choices
    assert ("Regio West Veluwe Vallei", "Regio West Veluwe Vallei") in options


def test_filter_by_step_and_kind(client):
    titles = _titles(client.get(URL, {"stap": "1"}))
    assert "Lespakket VrijHeden" in titles and "Interventiepalet" not in titles
    titles = _titles(client.get(URL, {"soort": "methodiek"}))
    assert "Lespakket VrijHeden" in titles and "Cultuurvertalers" not in titles


def test_filter_by_practice_keeps_the_examples_for_every_practice(client):
    """An example tagged with no practice applies to all (see StapOnderdeel.praktijken)."""
    titles = _titles(client.get(URL, {"praktijk": "vgv"}))
    assert "Sleutelfiguren VGV" in titles
    assert "(H)echt Verbonden" not in titles  # huwelijksdwang only
    assert "Cultuurvertalers" in titles  # no practice: all of them
    assert len(titles) == len(set(titles))


@pytest.mark.parametrize(
    "query",
    [
        "gemeente=Atlantis",
        "stap=99",
        "stap=abc",
        "praktijk=%00",
        "soort=onbekend",
        "gemeente=" + "x" * 5000,
    ],
)
def test_bad_filter_values_give_a_message_not_an_error(client, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in response.content.decode()


@pytest.mark.parametrize(
    "page,link",
    [
        ("/stappen/", URL),
        ("/stappen/1-preventie/", f"{URL}?stap=1"),
        ("/praktijken/vgv/", f"{URL}?praktijk=vgv"),
        ("/zoeken/?q=cultuurvertalers", URL),
    ],
)
def test_the_overview_is_linked(client, page, link):
    assert f'href="{link}"' in client.get(page).content.decode()


@pytest.mark.parametrize("plaats", ["Ede", "Den Haag", "Rotterdam"])
def test_a_gemeente_page_links_the_examples_that_name_it(client, plaats):
    from partners.lookup import find_gemeente_pk
    from partners.models import Gemeente

    gemeente = Gemeente.objects.get(pk=find_gemeente_pk(plaats))
    html = client.get(gemeente.get_absolute_url()).content.decode()
    assert f'href="{URL}?gemeente={quote(plaats)}"' in html


def test_a_gemeente_page_without_examples_has_no_such_link(client):
    html = client.get("/gemeenten/veenendaal/").content.decode()
    assert f"{URL}?gemeente=" not in html


def test_the_gemeente_link_filters_the_overview(client):
    response = client.get(f"{URL}?gemeente={quote('Den Haag')}")
    assert _titles(response) == ["Sleutelfiguren VGV"]

"""The counts per filter value on a filtered directory ("Aantallen per filterwaarde").

They come from an index per data version in each process (partners.views._facet_index),
so these tests check them against the database and check that an edit shows at once.
"""

import re
from collections import Counter

import pytest
from django.core.management import call_command

from partners.filters import OrganisatieFilter
from partners.models import Organisatie
from praktijken.models import Praktijk

pytestmark = pytest.mark.usefixtures("content", "partners")


@pytest.fixture
def partners():
    call_command("generate_fictitious_partners", count=60, seed=23, verbosity=0)


def _facets(html):
    """{facet title: {label: count}} as the page shows them."""
    block = re.search(r'<details class="facets">(.*?)</details>', html, re.S).group(1)
    facets = {}
    for title, items in re.findall(
        r'<p class="facets__title">(.*?)</p><ul>(.*?)</ul>', block, re.S
    ):
        facets[title] = {label: int(n) for label, n in re.findall(r"<li>(.*?): (\d+)</li>", items)}
    return facets


def _expected(query):
    """The same counts straight from the database, per organisation once."""
    ids = set(OrganisatieFilter(query).qs.values_list("pk", flat=True))
    orgs = Organisatie.objects.filter(pk__in=ids)
    praktijken = Counter(
        naam for naam, _pk in orgs.values_list("praktijken__naam", "pk").distinct() if naam
    )
    stappen = Counter(
        f"{n}. {naam}"
        for n, naam, _pk in orgs.values_list("stappen__nummer", "stappen__naam", "pk").distinct()
        if n
    )
    types = Counter(orgs.values_list("type__naam", flat=True))
    niveaus = Counter(org.get_niveau_display() for org in orgs)
    return {
        "Praktijk": dict(praktijken),
        "Niveau": dict(niveaus),
        "Stap": dict(stappen),
        "Soort organisatie": dict(types),
    }


@pytest.mark.parametrize(
    "query",
    [
        {"praktijk": "huwelijksdwang", "gemeente": "GM0345"},
        {"regio": "VT20"},
        {"stap": "4"},
        {"q": "voorbeeld"},
    ],
)
def test_the_counts_match_the_database(client, query):
    html = client.get("/partners/", query).content.decode()
    shown = _facets(html)
    assert shown == _expected(query)
    assert sum(shown["Niveau"].values()) > 0


def test_an_edit_changes_the_counts_on_the_next_request(client):
    query = {"regio": "VT20"}
    before = _facets(client.get("/partners/", query).content.decode())
    vgv = Praktijk.objects.get(slug="vgv")
    ids = OrganisatieFilter(query).qs.values_list("pk", flat=True)
    org = Organisatie.objects.filter(pk__in=ids).exclude(praktijken=vgv).first()
    org.praktijken.add(vgv)
    after = _facets(client.get("/partners/", query).content.decode())
    assert after["Praktijk"][vgv.naam] == before["Praktijk"].get(vgv.naam, 0) + 1

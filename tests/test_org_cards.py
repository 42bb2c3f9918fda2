"""Directory cards render once per data version and are shared by the pages that list
an organisation (partners.templatetags.sociale_kaart.org_cards)."""

import re

import pytest
from django.core.management import call_command

from partners.models import Gemeente, Organisatie
from partners.views import PUBLIC_TYPES
from praktijken.models import Praktijk
from routekaart.publicatie import Status

pytestmark = pytest.mark.usefixtures("content", "partners")


@pytest.fixture
def partners():
    call_command("generate_fictitious_partners", count=40, seed=17, verbosity=0)


def _card(html, naam):
    cards = re.findall(
        r'<li class="result org-card">.*?</li>\s*(?=<li class="result|</ul>)', html, re.S
    )
    return next(card for card in cards if f">{naam}</a>" in card)


def _published_regional():
    """A regional partner shown as a card (the gemeente page lists Veilig Thuis, GGD,
    police, OM and court apart)."""
    return (
        Organisatie.objects.published()
        .exclude(niveau="landelijk")
        .exclude(type__slug__in=[*PUBLIC_TYPES, "veilig-thuis"])
        .filter(veilig_thuis_regios__isnull=False)
        .first()
    )


def test_a_card_shows_its_practices_in_the_practices_order(client):
    org = _published_regional()
    practices = list(Praktijk.objects.all())
    org.praktijken.set([practices[-1], practices[0]])
    regio = org.veilig_thuis_regios.first()
    card = _card(client.get(f"/partners/?regio={regio.code}").content.decode(), org.naam)
    tags = re.findall(r'<span class="tag tag--static">(.*?)</span>', card)
    assert tags == [practices[0].korte_naam, practices[-1].korte_naam]


def test_an_edit_shows_on_every_page_that_lists_the_card(client):
    org = _published_regional()
    regio = org.veilig_thuis_regios.first()
    gemeente = regio.gemeenten.first()
    pages = [
        f"/partners/?regio={regio.code}",
        regio.get_absolute_url(),
        gemeente.get_absolute_url(),
    ]
    for url in pages:
        assert _card(client.get(url).content.decode(), org.naam)
    org.naam = "Voorbeeldorganisatie met een nieuwe naam"
    org.telefoon = "0800-0000"
    org.save()
    org.praktijken.clear()
    for url in pages:
        card = _card(client.get(url).content.decode(), org.naam)
        assert "tel:08000000" in card
        assert "tag--static" not in card


def test_unpublishing_and_renaming_show_at_once_on_the_gemeente_page(client):
    """The gemeente (with its regions) and the order of its partners are kept per data
    version (partners.views); an edit of either shows on the next request."""
    org = _published_regional()
    gemeente = org.veilig_thuis_regios.first().gemeenten.first()
    url = gemeente.get_absolute_url()
    assert f">{org.naam}</a>" in client.get(url).content.decode()
    org.status = Status.CONCEPT
    org.save()
    assert f">{org.naam}</a>" not in client.get(url).content.decode()
    gemeente.naam = "Voorbeeldgemeente"
    gemeente.save()
    assert "Wie belt u in Voorbeeldgemeente?" in client.get(url).content.decode()


def test_an_edit_of_a_public_partner_shows_at_once_on_the_gemeente_page(client):
    """The GGD, police, OM and court of a gemeente page are fragments per data version too."""
    gemeente = Gemeente.objects.get(code="GM0345")
    ggd = Organisatie.objects.published().for_gemeente(gemeente).filter(type__slug="ggd").first()
    url = gemeente.get_absolute_url()
    section = _public_section(client.get(url).content.decode())
    assert f">{ggd.naam}</a>" in section
    ggd.telefoon = "0800-0000"
    ggd.save()
    assert "tel:08000000" in _public_section(client.get(url).content.decode())


def _public_section(html):
    return re.search(r'<section class="public-partners".*?</section>', html, re.S).group(0)

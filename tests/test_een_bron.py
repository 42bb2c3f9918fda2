"""One source of truth for contacts, and research notes never on a public page (issue 12)."""

import csv
from pathlib import Path

import pytest
from django.core.cache import cache

from partners.models import Organisatie, VeiligThuisRegio

pytestmark = pytest.mark.usefixtures("content")

VT_CSV = Path(__file__).resolve().parent.parent / "fixtures/reference/veilig-thuis-regios.csv"


def _main_box(html):
    start = html.index('id="vt-titel"')
    return html[start : html.index("</section>", start)]


def test_a_changed_veilig_thuis_number_shows_everywhere_and_the_old_one_nowhere(client):
    org = Organisatie.objects.get(slug="veilig-thuis-utrecht")
    org.telefoon = "030-123 45 67"
    org.telefoon_toelichting = ""
    org.website = "https://www.example.org/vt-utrecht"
    org.save()
    cache.clear()
    for url in (
        "/gemeenten/veenendaal/",
        "/regios/veilig-thuis-utrecht/",
        "/vermoeden/?praktijk=huwelijksdwang&gemeente=Veenendaal",
        org.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert 'href="tel:+31301234567">030-123 45 67</a>' in html, url
    for url in ("/gemeenten/veenendaal/", "/regios/veilig-thuis-utrecht/"):
        box = _main_box(client.get(url).content.decode())
        assert "030-123 45 67" in box and "0800-2000" not in box, url
        assert "https://www.example.org/vt-utrecht" in box
        # "Gratis, 24/7" is a promise about the national number only.
        assert "Gratis" not in box


def test_the_main_box_reads_the_organisations_note_and_falls_back_to_the_national_number(
    client,
):
    html = client.get("/gemeenten/veenendaal/").content.decode()
    box = _main_box(html)
    assert 'href="tel:08002000">0800-2000</a>' in box
    assert "doorverbonden" in box
    Organisatie.objects.filter(slug="veilig-thuis-utrecht").update(status="gearchiveerd")
    cache.clear()
    box = _main_box(client.get("/gemeenten/veenendaal/").content.decode())
    assert 'href="tel:08002000">0800-2000</a>' in box


def test_the_region_has_no_copy_of_the_contact_details():
    fields = {f.name for f in VeiligThuisRegio._meta.get_fields()}
    assert not fields & {"telefoon", "telefoon_toelichting", "website"}


def test_research_notes_of_the_reference_data_stay_off_public_pages(client):
    with VT_CSV.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    notes = [r["opmerking"] for r in rows if r["opmerking"]]
    sources = [
        r["website_bron"] for r in rows if r["website_bron"] and r["website_bron"] != r["website"]
    ]
    assert len(notes) > 10
    for regio in VeiligThuisRegio.objects.all():
        html = client.get(regio.get_absolute_url()).content.decode()
        assert regio.opmerking == "" or regio.opmerking not in html
        for note in notes:
            assert note not in html, (regio.slug, note)
        for source in sources:
            assert f'"{source}"' not in html, (regio.slug, source)
        for phrase in ("niet geverifieerd", "bron: ", "Naam bevestigd"):
            assert phrase not in html, (regio.slug, phrase)

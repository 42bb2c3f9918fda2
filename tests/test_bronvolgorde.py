"""Content that follows the source (issue 12): order, no repetition, lists kept as
lists, labels only where the source labels, quotes and footnotes as the source has
them, and frameworks cross-linked to where the routekaart discusses them."""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.cache import cache
from django.utils import timezone

from routekaart.models import Kader, Sectie
from routekaart.publicatie import Publiceerbaar

pytestmark = pytest.mark.usefixtures("content")

PREVENTIE = "/routekaart/preventie-en-vroegsignalering/"


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _before(html, first, second):
    return html.index(first) < html.index(second)


def test_rol_en_kader_follows_the_source_order(client):
    html = client.get("/rol-en-kader/").content.decode()
    assert _before(html, "Wet verplichte Meldcode", "Meldcode bij (vermoedens van)")
    assert _before(html, "De meldcode bevat vijf stappen", "De vijf stappen zijn nog steeds")
    assert _before(html, ">Wetsvoorstel tegengaan huwelijkse", ">Wet tijdelijk huisverbod<")
    assert _before(html, "Wettelijke taken gemeenten", "Wet- en regelgeving")
    assert _before(html, ">Strafrecht<", ">Mensenrechten<")


def test_rol_en_kader_says_each_paragraph_once(client):
    text = _text(client.get("/rol-en-kader/").content.decode())
    assert text.count("Dit geldt voor het gehele traject van preventie en zorg tot monitoring") == 1
    assert text.count("Eind 2020 is het wetsvoorstel") == 1
    assert text.count("Nederland draagt, als verdragsstaat") == 1
    assert text.count("uitvoerig beschreven") == 1


@pytest.mark.parametrize(
    ("slug", "artikel"),
    [
        ("artikel-300-sr", "300"),
        ("artikel-302-sr", "302"),
        ("artikel-279-sr", "279"),
        ("artikel-304-lid-4-sr", "304"),
        ("artikel-284-sr", "284"),
        ("artikel-285c-sr", "285c"),
        ("artikel-285-sr", "285"),
        ("artikel-289-sr", "289"),
    ],
)
def test_each_criminal_article_links_to_its_text(client, slug, artikel):
    url = f"https://wetten.overheid.nl/jci1.3:c:BWBR0001854&amp;artikel={artikel}"
    assert f'href="{url}"' in client.get("/rol-en-kader/").content.decode()
    detail = client.get(f"/rol-en-kader/{slug}/").content.decode()
    assert f'href="{url}"' in detail
    # The detail page says what the source says of this article, not the whole section.
    assert "met uitzondering van huwelijksdwang" not in detail
    assert f"artikel {artikel}" in detail.replace("lid 4 ", "").lower().replace("304 lid", "304")


def test_each_treaty_links_to_its_official_text(client):
    treaties = Kader.objects.filter(soort=Kader.Soort.VERDRAG)
    assert treaties.count() == 4
    html = client.get("/rol-en-kader/").content.decode()
    for treaty in treaties:
        assert treaty.url.startswith("https://"), treaty
        assert f'href="{treaty.url.replace("&", "&amp;")}"' in html


def test_the_other_policy_rules_are_described_in_the_chapter(client):
    text = _text(client.get("/rol-en-kader/").content.decode())
    assert "Volgens de visie gefaseerd samenwerken aan veiligheid werken betrokkenen" in text
    assert "Het helpt gemeenten om de kwaliteit" in text
    assert "handvatten voor effectief gezamenlijk overleg" in text


def test_rol_en_kader_has_unique_ids(client):
    html = client.get("/rol-en-kader/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_preventie_keeps_the_sources_lists_as_lists(client):
    html = client.get(PREVENTIE).content.decode()
    assert "Andere voorbeelden zijn:" in html
    section = html[html.index('id="preventie-signaleringsinstrumenten"') :]
    section = section[: section.index("</section>")]
    assert section.count("<li>") == 4
    assert "signalenkaart.nl" in section
    trainings = html[html.index('id="preventie-trainingen"') :]
    trainings = trainings[: trainings.index("</section>")]
    assert trainings.count("<li>") == 5  # three items, one with two sub-items
    assert "Maar denk bijvoorbeeld ook aan het trainen van ambtenaren" in trainings


def test_preventie_labels_only_what_the_source_labels(client):
    html = client.get(PREVENTIE).content.decode()
    labelled = re.findall(
        r'<p class="callout__label">([^<]+)</p>\s*<h3[^>]*>([^<]+)</h3>', html, flags=re.S
    )
    assert sorted((label.split(" · ")[0], title) for label, title in labelled) == [
        ("Methodiek", "(H)echt Verbonden"),
        ("Methodiek", "Lespakket VrijHeden"),
        ("Praktijkvoorbeeld", "Cultuurvertalers"),
        ("Praktijkvoorbeeld", "Sleutelfiguren VGV"),
        ("Tip", "Let’s talk about it"),
    ]
    assert "Alliantie ‘Verandering van binnenuit’" in html


def test_a_corrected_quote_shows_the_insertion_in_brackets(client):
    html = client.get("/").content.decode()
    assert "wil dit nog [niet] zeggen" in html


def test_a_story_keeps_its_practice_label(client):
    html = client.get("/").content.decode()
    story = html[html.index('aria-labelledby="verhaal-verhaal-thomas"') :]
    assert re.search(r'callout__label">Huwelijksdwang</p>\s*<h3[^>]*>Het verhaal van Thomas', story)


def test_the_footnote_marker_links_to_its_note_and_back(client):
    html = client.get("/").content.decode()
    assert re.search(r'<sup id="fnref:1"><a class="footnote-ref" href="#fn:1"', html)
    assert re.search(r'<li id="fn:1">\s*<p>In de routekaart spreken we', html)
    assert 'href="#fnref:1"' in html
    assert "Voetnoot 1" not in html


def test_the_introduction_has_one_home(client):
    response = client.get("/routekaart/inleiding/")
    assert response.status_code == 301
    assert response["Location"] == "/"
    assert Sectie.objects.get(slug="inleiding-waarom-een-routekaart").get_absolute_url() == (
        "/#inleiding-waarom-een-routekaart"
    )


def test_a_framework_links_to_where_a_practice_discusses_it_and_back(client):
    detail = client.get("/rol-en-kader/wet-tijdelijk-huisverbod/").content.decode()
    dos = Sectie.objects.get(slug="adviezen-dos-en-donts-bij-eergerelateerd-geweld")
    assert f'href="{dos.get_absolute_url()}"' in detail
    chapter = client.get(dos.hoofdstuk.get_absolute_url()).content.decode()
    block = chapter[chapter.index(f'id="{dos.slug}"') :]
    block = block[: block.index("</section>")]
    assert 'href="/rol-en-kader/wet-tijdelijk-huisverbod/"' in block
    egg = client.get("/praktijken/eergerelateerd-geweld/").content.decode()
    assert 'href="/rol-en-kader/wet-tijdelijk-huisverbod/"' in egg


@pytest.mark.parametrize(
    "url",
    [
        PREVENTIE,
        "/rol-en-kader/",
        "/rol-en-kader/wet-tijdelijk-huisverbod/",
        "/stappen/1-preventie/",
    ],
)
def test_content_pages_say_when_they_were_last_changed(client, url):
    long_ago = timezone.now() - timedelta(days=400)
    for model in apps.get_models():
        if issubclass(model, Publiceerbaar):
            model.objects.update(gewijzigd_op=long_ago)
    cache.clear()
    before = client.get(url).content.decode()
    # The page gives the date in Amsterdam, which runs ahead of UTC around midnight.
    assert f'<time datetime="{timezone.localdate(long_ago).isoformat()}">' in before
    today = timezone.localdate().isoformat()
    assert f'datetime="{today}"' not in before
    kader = Kader.objects.get(slug="wet-tijdelijk-huisverbod")
    sectie = Sectie.objects.get(slug="preventie-jeugdigen")
    kader.save()
    sectie.save()
    cache.clear()
    after = client.get(url).content.decode()
    assert f'<time datetime="{today}">' in after

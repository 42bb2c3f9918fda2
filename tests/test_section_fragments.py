"""Sections render once per data version and are shared between pages ({% secties %}).

A chapter page shows a section with all its items; a step or practice page shows the
same section with only the items tagged for it. The cached HTML must never mix the two.
"""

import pytest
from django.core.cache import cache

from praktijken.models import Praktijk
from routekaart.models import Hoofdstuk, Sectie
from routekaart.versioning import forget_memoised
from stappen.models import Ketenstap

pytestmark = pytest.mark.usefixtures("content")


def _pages():
    chapters = [h.get_absolute_url() for h in Hoofdstuk.objects.all()]
    tagged = [s.get_absolute_url() for s in Ketenstap.objects.all()] + [
        p.get_absolute_url() for p in Praktijk.objects.all()
    ]
    return ["/", "/rol-en-kader/", "/stappen/", "/praktijken/", *chapters, *tagged]


def _render_all(client, pages, tag):
    html = {}
    for url in pages:
        response = client.get(f"{url}?fragment={tag}")
        assert response.status_code == 200, url
        html[url] = response.content.decode()
    return html


def test_every_page_is_the_same_with_shared_fragments_as_rendered_alone(client):
    pages = _pages()
    shared = _render_all(client, pages, "x")  # chapters first fill the cache
    alone = {}
    for url in reversed(pages):  # each page from an empty cache
        cache.clear()
        forget_memoised()
        alone.update(_render_all(client, [url], "x"))
    for url in pages:
        assert shared[url] == alone[url], url


def test_an_edit_of_a_section_shows_on_the_chapter_and_on_the_step_page(client):
    section = Sectie.objects.published().filter(stappen__isnull=False, tekst__gt="").first()
    stap = section.stappen.first()
    urls = [section.hoofdstuk.get_absolute_url(), stap.get_absolute_url()]
    for url in urls:
        assert section.titel in client.get(url).content.decode()
    section.tekst = "Een gewijzigde tekst van deze paragraaf."
    section.save()
    for url in urls:
        assert "Een gewijzigde tekst van deze paragraaf." in client.get(url).content.decode()

"""Query budgets of the pages issue 17 made cheaper (scripts/bench.py times them).

A fresh rendering is measured: an unseen query string defeats the anonymous page
cache, and the one query for the data version counts too. Warm means the data shared
by many pages (steps, practices, chapter content, glossary, choices) is already cached
for this data version, as on a running server; cold means the first rendering after
an edit, which builds it. Only query counts are pinned here, never times.
"""

import pytest
from django.core.management import call_command

from praktijken.models import Praktijk

pytestmark = pytest.mark.usefixtures("content")

# (url, warm queries, cold queries)
BUDGETS = [
    ("/", 1, 14),
    ("/praktijken/huwelijksdwang/", 1, 16),
    ("/stappen/4-melden-en-veiligheidsbeoordeling/", 1, 13),
    ("/routekaart/naar-beleid-en-uitvoering/", 1, 12),
    ("/rol-en-kader/", 1, 11),
    ("/partners/?praktijk=huwelijksdwang&gemeente=GM0345", 2, 15),
    ("/gemeenten/veenendaal/", 3, 19),
]
# The targets of the issue: at most six queries for a routekaart page, ten for the
# filtered directory and a gemeente page, on a warm server.
TARGETS = {"/partners/?praktijk=huwelijksdwang&gemeente=GM0345": 10, "/gemeenten/veenendaal/": 10}


def _fresh(url, tag):
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}budget={tag}"


@pytest.fixture
def partners():
    call_command("generate_fictitious_partners", count=40, seed=17, verbosity=0)


@pytest.mark.parametrize(("url", "warm", "cold"), BUDGETS)
def test_warm_fresh_rendering(client, django_assert_num_queries, partners, url, warm, cold):
    assert warm <= TARGETS.get(url, 6)
    client.get(_fresh(url, "warm"))
    with django_assert_num_queries(warm):
        assert client.get(_fresh(url, "fresh")).status_code == 200


@pytest.mark.parametrize(("url", "warm", "cold"), BUDGETS)
def test_cold_fresh_rendering_after_an_edit(
    client, django_assert_num_queries, partners, url, warm, cold
):
    client.get(_fresh(url, "warm"))
    praktijk = Praktijk.objects.get(slug="vgv")
    praktijk.save()  # any write makes every cached rendering and derived value stale
    with django_assert_num_queries(cold):
        assert client.get(_fresh(url, "cold")).status_code == 200


def test_an_edit_shows_at_once_on_a_fresh_rendering(client):
    """Cached chapter content follows edits: the data version changes its cache key."""
    url = "/praktijken/huwelijksdwang/"
    client.get(_fresh(url, "warm"))
    praktijk = Praktijk.objects.get(slug="huwelijksdwang")
    praktijk.definitie = "Een *nieuwe* definitie."
    praktijk.save()
    html = client.get(_fresh(url, "edited")).content.decode()
    assert "Een <em>nieuwe</em> definitie." in html

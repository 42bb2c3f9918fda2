"""What the routekaart's own content contributes to the site search.

Frameworks, sections, sources and glossary terms, plus the glossary's term ↔ full
form pairs as synonyms. Registered in RoutekaartConfig.ready.
"""

from routekaart import search_registry
from routekaart.models import Begrip, Bron, Hoofdstuk, Kader, Sectie
from routekaart.publicatie import Status
from routekaart.search_registry import Source


def _glossary_pairs():
    return [list(pair) for pair in Begrip.objects.published().values_list("term", "voluit")]


def register():
    search_registry.register_synonyms(_glossary_pairs)
    add = search_registry.register
    add(
        Source(
            soort="kader",
            label="Wet- en regelgeving",
            order=40,
            boost=0.3,
            model=Kader,
            queryset=Kader.objects.published,
            describe=lambda k: (
                k.titel,
                f"{k.afkorting} {k.samenvatting}",
                k.tekst,
                k.get_absolute_url(),
            ),
        )
    )
    add(
        Source(
            soort="sectie",
            label="Routekaart",
            order=50,
            boost=0.1,
            model=Sectie,
            queryset=lambda: Sectie.objects.published()
            .filter(hoofdstuk__status=Status.GEPUBLICEERD)
            .select_related("hoofdstuk"),
            describe=lambda s: (s.titel, s.hoofdstuk.titel, s.tekst, s.get_absolute_url()),
            depends_on={
                Hoofdstuk: lambda h: Sectie.objects.filter(hoofdstuk=h).values_list("pk", flat=True)
            },
        )
    )
    add(
        Source(
            soort="bron",
            label="Bron",
            order=70,
            boost=0.1,
            model=Bron,
            queryset=Bron.objects.published,
            describe=lambda b: (b.titel, b.uitgever, b.beschrijving, b.get_absolute_url()),
        )
    )
    add(
        Source(
            soort="begrip",
            label="Begrip",
            order=80,
            boost=0.25,
            model=Begrip,
            queryset=Begrip.objects.published,
            describe=lambda b: (b.term, b.voluit, b.uitleg, b.get_absolute_url()),
        )
    )

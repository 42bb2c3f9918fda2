"""What the chain steps contribute to the site search (registered in StappenConfig.ready)."""

from django.urls import reverse_lazy

from routekaart.search_registry import Source, register
from stappen.models import Citaat, Ketenstap, Praktijkvoorbeeld


def _in_chapter(item):
    """The item's place in its chapter: the chapter page, at the item's anchor."""
    return f"{item.hoofdstuk.get_absolute_url()}#{item.slug}"


def _describe_voorbeeld(v):
    label = v.get_soort_display() + (f" · {v.plaats}" if v.plaats else "")
    return v.titel, label, v.tekst, _in_chapter(v)


def _describe_citaat(c):
    return f"Citaat: {c.rol}", c.rol, c.tekst, _in_chapter(c)


def register_sources():
    register(
        Source(
            soort="stap",
            label="Ketenstap",
            order=30,
            boost=0.4,
            model=Ketenstap,
            queryset=Ketenstap.objects.published,
            describe=lambda s: (
                f"Stap {s.nummer}: {s.naam}",
                s.korte_beschrijving,
                "",
                s.get_absolute_url(),
            ),
        )
    )
    register(
        Source(
            soort="voorbeeld",
            label="Praktijkvoorbeeld, methodiek of tip",
            order=55,
            boost=0.2,
            model=Praktijkvoorbeeld,
            queryset=lambda: Praktijkvoorbeeld.objects.published().select_related("hoofdstuk"),
            describe=_describe_voorbeeld,
            overview=(
                "Alle praktijkvoorbeelden, methodieken en tips",
                reverse_lazy("stappen:voorbeelden"),
            ),
        )
    )
    register(
        Source(
            soort="citaat",
            label="Citaat",
            order=57,
            boost=0.05,
            model=Citaat,
            queryset=lambda: Citaat.objects.published().select_related("hoofdstuk"),
            describe=_describe_citaat,
            in_vocabulary=False,
        )
    )

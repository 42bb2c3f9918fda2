"""What the chain steps contribute to the site search (registered in StappenConfig.ready)."""

from routekaart.search_registry import Source, register
from stappen.models import Ketenstap


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

"""What the practices contribute to the site search (registered in PraktijkenConfig.ready)."""

from django.db.models import Prefetch

from praktijken.models import Praktijk, Verschijningsvorm
from routekaart.search_registry import Source, register


def _public():
    return Praktijk.objects.published().prefetch_related(
        Prefetch("vormen", queryset=Verschijningsvorm.objects.published())
    )


def _describe(p):
    forms = " ".join(f"{v.naam} {v.beschrijving}" for v in p.vormen.all())
    return p.naam, p.samenvatting, f"{p.definitie} {p.aantallen} {forms}", p.get_absolute_url()


def register_sources():
    register(
        Source(
            soort="praktijk",
            label="Praktijk",
            order=20,
            boost=0.5,
            model=Praktijk,
            queryset=_public,
            describe=_describe,
            depends_on={Verschijningsvorm: lambda vorm: [vorm.praktijk_id]},
        )
    )

"""What the practices contribute to the site search (registered in PraktijkenConfig.ready)."""

from django.db.models import Prefetch

from praktijken.models import Praktijk, Verhaal, Verschijningsvorm
from routekaart.search_registry import Source, register


def _public():
    return Praktijk.objects.published().prefetch_related(
        Prefetch("vormen", queryset=Verschijningsvorm.objects.published())
    )


def _describe(p):
    forms = " ".join(f"{v.naam} {v.beschrijving}" for v in p.vormen.all())
    return p.naam, p.samenvatting, f"{p.definitie} {p.aantallen} {forms}", p.get_absolute_url()


def _describe_verhaal(v):
    """A story is read on its practice's page, at its heading."""
    url = f"{v.praktijk.get_absolute_url()}#verhaal-{v.slug}"
    return v.titel, v.praktijk.naam, v.tekst, url


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
    register(
        Source(
            soort="verhaal",
            label="Verhaal",
            order=56,
            boost=0.05,
            model=Verhaal,
            queryset=lambda: Verhaal.objects.published()
            .filter(praktijk__in=Praktijk.objects.published())
            .select_related("praktijk"),
            describe=_describe_verhaal,
            depends_on={Praktijk: lambda p: p.verhalen.values_list("pk", flat=True)},
            in_vocabulary=False,
        )
    )

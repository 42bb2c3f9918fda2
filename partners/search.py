"""What the sociale kaart contributes to the site search (registered in PartnersConfig.ready).

Organisations and gemeenten are searchable; a query that names a gemeente leads
with that gemeente's page.
"""

import re

from partners.lookup import find_gemeente_pk
from partners.models import Gemeente, Organisatie, Organisatietype
from routekaart import search_registry
from routekaart.search import Result
from routekaart.search_registry import Source


def gemeente_leader(query):
    """A query that names a gemeente ("Ede", "gemeente Ede") leads with its page."""
    pk = find_gemeente_pk(query)
    if pk is None:
        named = re.fullmatch(r"\s*gemeente\s+(.+)", query, flags=re.IGNORECASE)
        pk = find_gemeente_pk(named.group(1)) if named else None
    if pk is None:
        return None
    g = Gemeente.objects.select_related("veilig_thuis_regio").get(pk=pk)
    return Result(
        "gemeente",
        f"Gemeente {g.naam}",
        g.get_absolute_url(),
        f"Wie belt u in {g.naam}? {g.veilig_thuis_regio.organisatie_naam}, landelijke experts "
        "en regionale partners.",
        100.0,
    )


def register_sources():
    search_registry.register(
        Source(
            soort="gemeente",
            label="Gemeente",
            order=10,
            boost=0.5,
            model=Gemeente,
            queryset=Gemeente.objects.all,
            describe=lambda g: (g.naam, g.aliassen.replace(";", " "), "", g.get_absolute_url()),
            whole_titles=True,
        )
    )
    search_registry.register(
        Source(
            soort="partner",
            label="Partner",
            order=60,
            boost=0.3,
            model=Organisatie,
            queryset=lambda: Organisatie.objects.published().select_related("type"),
            describe=lambda o: (o.naam, o.type.naam, o.beschrijving, o.get_absolute_url()),
            depends_on={
                Organisatietype: lambda t: Organisatie.objects.filter(type=t).values_list(
                    "pk", flat=True
                )
            },
            in_vocabulary=False,
        )
    )
    search_registry.register_leader(gemeente_leader)

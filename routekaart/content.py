"""Queries that assemble routekaart content for pages.

Chapter pages interleave sections with the items placed under them; step and
practice pages collect everything tagged with one step or practice. Each function
runs a fixed number of queries, whatever the amount of content.
"""

from collections import defaultdict

from routekaart.models import Sectie
from stappen.models import Aandachtspunt, Citaat, Praktijkvoorbeeld

# (context name, model, the tag relations its template shows)
ITEM_MODELS = (
    ("aandachtspunten", Aandachtspunt, ("praktijken",)),
    ("voorbeelden", Praktijkvoorbeeld, ()),
    ("citaten", Citaat, ()),
)


def chapter_sections(hoofdstuk):
    """Published sections of a chapter, each with `.items` grouped by kind.

    Runs six queries, independent of the number of sections and items.
    """
    sections = list(
        Sectie.objects.published()
        .filter(hoofdstuk=hoofdstuk)
        .prefetch_related("stappen")
        .order_by("volgorde", "slug")
    )
    by_section = {s.pk: s for s in sections}
    loose = defaultdict(list)
    for s in sections:
        s.items = {name: [] for name, _, _ in ITEM_MODELS}
    for name, model, tags in ITEM_MODELS:
        items = (
            model.objects.published()
            .filter(hoofdstuk=hoofdstuk)
            .prefetch_related(*tags)
            .order_by("volgorde", "slug")
        )
        for item in items:
            section = by_section.get(item.sectie_id)
            if section is None:
                loose[name].append(item)
            else:
                section.items[name].append(item)
    return sections, dict(loose)


def tagged_content(*, stap=None, praktijk=None):
    """Sections and items tagged with a step and/or a practice, in chapter order."""
    filters = {}
    if stap is not None:
        filters["stappen"] = stap
    if praktijk is not None:
        filters["praktijken"] = praktijk
    result = {
        "secties": list(
            Sectie.objects.published()
            .filter(**filters)
            .select_related("hoofdstuk")
            .order_by("hoofdstuk__volgorde", "volgorde", "slug")
            .distinct()
        )
    }
    for name, model, tags in ITEM_MODELS:
        result[name] = list(
            model.objects.published()
            .filter(**filters)
            .prefetch_related(*tags)
            .select_related("hoofdstuk")
            .order_by("hoofdstuk__volgorde", "volgorde", "slug")
            .distinct()
        )
    return result

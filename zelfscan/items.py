"""The items of the zelfscan: what the routekaart says must be arranged, per chain step.

For a step with aandachtspunten (the checklists of steps 3 to 7) the items are those
aandachtspunten. For a step without them (preventie and vroegsignalering) they are the
sections under its "Wat moet er zijn of geregeld worden?" heading, such as "Inzetten op
sleutelfiguren". An item can belong to two steps (3 and 4 share their checklist); a
region answers it once.

The list is derived from the published content, so an editor who adds an aandachtspunt
adds an item. Cached per data version: building it takes four queries.
"""

from dataclasses import dataclass, field

from routekaart.models import Sectie
from routekaart.versioning import cached_per_version
from stappen.models import Aandachtspunt, Ketenstap


@dataclass(frozen=True)
class Punt:
    key: str  # "a12" for an aandachtspunt, "s34" for a section
    titel: str
    toelichting: str
    stappen: tuple = field(default_factory=tuple)  # step numbers

    @property
    def is_aandachtspunt(self):
        return self.key.startswith("a")

    @property
    def pk(self):
        return int(self.key[1:])


@dataclass(frozen=True)
class StapItems:
    nummer: int
    naam: str
    slug: str
    punten: tuple


def _build():
    steps = list(Ketenstap.objects.published().values_list("nummer", "naam", "slug"))
    punten_by_step = {nummer: [] for nummer, _, _ in steps}
    for punt in Aandachtspunt.objects.published().prefetch_related("stappen"):
        numbers = tuple(sorted(s.nummer for s in punt.stappen.all()))
        item = Punt(f"a{punt.pk}", punt.titel, punt.toelichting, numbers)
        for number in numbers:
            punten_by_step.setdefault(number, []).append(item)
    sections = list(
        Sectie.objects.published()
        .filter(hoofdstuk__secties__soort=Sectie.Soort.GEREGELD)
        .distinct()
        .prefetch_related("stappen")
        .order_by("hoofdstuk__volgorde", "volgorde", "slug")
    )
    for index, geregeld in enumerate(sections):
        if geregeld.soort != Sectie.Soort.GEREGELD:
            continue
        numbers = tuple(sorted(s.nummer for s in geregeld.stappen.all()))
        without = [n for n in numbers if not punten_by_step.get(n)]
        if not without:
            continue
        for section in sections[index + 1 :]:
            if (
                section.hoofdstuk_id != geregeld.hoofdstuk_id
                or section.kopniveau <= geregeld.kopniveau
            ):
                break
            item = Punt(f"s{section.pk}", section.titel, section.tekst, tuple(without))
            for number in without:
                punten_by_step[number].append(item)
    return tuple(
        StapItems(nummer, naam, slug, tuple(punten_by_step.get(nummer, ())))
        for nummer, naam, slug in steps
    )


def stappen_met_punten():
    """Every step with its items, in step order: a tuple of StapItems."""
    return cached_per_version("zelfscan:items", _build)


def alle_punten():
    """Every item once, in step order: {key: Punt}."""
    result = {}
    for stap in stappen_met_punten():
        for punt in stap.punten:
            result.setdefault(punt.key, punt)
    return result

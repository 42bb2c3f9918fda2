"""Queries that assemble routekaart content for pages.

Chapter pages interleave sections with the items placed under them, in the
source's order; step and practice pages collect everything tagged with one step
or practice. Each function runs a fixed number of queries, whatever the amount
of content, once per data version: the assembled content is cached until the next
write to portal data (model instances pickle, so any cache backend will do).
"""

from itertools import groupby

from django.db.models import Prefetch

from praktijken.models import Verhaal
from routekaart.models import Kader, Sectie
from routekaart.versioning import cached_per_version
from stappen.models import Aandachtspunt, Citaat, Praktijkvoorbeeld

# (block kind, model, the tag relations its template shows)
ITEM_MODELS = (
    ("aandachtspunt", Aandachtspunt, ("praktijken",)),
    ("voorbeeld", Praktijkvoorbeeld, ()),
    ("citaat", Citaat, ()),
)


def _blocks(items):
    """Items in order as blocks; consecutive aandachtspunten form one checklist block."""
    items = sorted(items, key=lambda pair: (pair[1].volgorde, pair[1].slug))
    blocks = []
    for kind, group in groupby(items, key=lambda pair: pair[0]):
        objects = [obj for _, obj in group]
        if kind == "aandachtspunt":
            blocks.append({"kind": kind, "items": objects})
        else:
            blocks.extend({"kind": kind, "item": obj} for obj in objects)
    return blocks


def _attach(sections, items_by_kind):
    """Give each section `.blocks`; return the blocks of items without a shown section.

    The callers also give each section a `.fragment_key`: what its rendering depends on
    besides the data version (`{% secties %}` caches the HTML under it).
    """
    by_section = {s.pk: [] for s in sections}
    loose = []
    for kind, items in items_by_kind:
        for item in items:
            by_section.get(item.sectie_id, loose).append((kind, item))
    for s in sections:
        s.blocks = _blocks(by_section[s.pk])
    return _blocks(loose)


def _discussed_frameworks():
    """Prefetch for a section's `.kaders_gezien`: frameworks it discusses, in source order."""
    return Prefetch("kaders_besproken", queryset=Kader.objects.published(), to_attr="kaders_gezien")


def chapter_sections(hoofdstuk):
    """Published sections of a chapter, each with `.blocks`, `.verhalen_list`, `.kaders_list`
    (frameworks placed under it) and `.kaders_gezien` (frameworks it discusses).

    Runs eight queries, whatever the amount of content, once per data version.
    """
    return cached_per_version(f"content:chapter:{hoofdstuk.pk}", lambda: _chapter(hoofdstuk))


def _chapter(hoofdstuk):
    sections = list(
        Sectie.objects.published()
        .filter(hoofdstuk=hoofdstuk)
        .prefetch_related("stappen", _discussed_frameworks())
        .order_by("volgorde", "slug")
    )
    items_by_kind = [
        (kind, model.objects.published().filter(hoofdstuk=hoofdstuk).prefetch_related(*tags))
        for kind, model, tags in ITEM_MODELS
    ]
    loose = _attach(sections, items_by_kind)
    for s in sections:
        s.fragment_key = f"chapter:{s.pk}"
    section_ids = [s.pk for s in sections]
    verhalen = Verhaal.objects.published().filter(sectie__in=section_ids).select_related("praktijk")
    kaders = Kader.objects.published().filter(sectie__in=section_ids)
    for s in sections:
        s.verhalen_list = [v for v in verhalen if v.sectie_id == s.pk]
        placed = [k for k in kaders if k.sectie_id == s.pk]
        # With a text of their own they are shown whole; otherwise the section's
        # text already discusses them and a link suffices.
        s.kaders_list = [k for k in placed if k.tekst]
        s.kaders_links = [k for k in placed if not k.tekst]
    return sections, loose


def tagged_content(*, stap=None, praktijk=None):
    """Sections tagged with a step and/or practice, with their items, in chapter order.

    Items tagged the same way whose own section is not among those sections come
    back as `loose` blocks. Five queries, once per data version.
    """
    key = f"content:tagged:{getattr(stap, 'pk', '')}:{getattr(praktijk, 'pk', '')}"
    return cached_per_version(key, lambda: _tagged(stap=stap, praktijk=praktijk))


def _tagged(*, stap, praktijk):
    filters = {}
    if stap is not None:
        filters["stappen"] = stap
    if praktijk is not None:
        filters["praktijken"] = praktijk
    sections = list(
        Sectie.objects.published()
        .filter(**filters)
        .select_related("hoofdstuk")
        .prefetch_related(_discussed_frameworks())
        .order_by("hoofdstuk__volgorde", "volgorde", "slug")
        .distinct()
    )
    items_by_kind = [
        (kind, model.objects.published().filter(**filters).prefetch_related(*tags).distinct())
        for kind, model, tags in ITEM_MODELS
    ]
    loose = _attach(sections, items_by_kind)
    for s in sections:
        s.verhalen_list, s.kaders_list, s.kaders_links = [], [], []
        # Only the items tagged this way: another rendering than the chapter's.
        s.fragment_key = f"tagged:{getattr(stap, 'pk', '')}:{getattr(praktijk, 'pk', '')}:{s.pk}"
    return {"secties": sections, "loose": loose}

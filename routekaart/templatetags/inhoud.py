"""What the routekaart's own content contributes to practice and step pages.

`praktijken` and `stappen` sit below the content (chapters, sections, frameworks),
so their pages load these tags instead of importing it: `{% load inhoud %}`.
"""

from django import template

from routekaart.content import chapter_sections, tagged_content
from routekaart.models import Kader, Sectie, published_chapter
from routekaart.versioning import cached_per_version

register = template.Library()


@register.simple_tag
def hoofdstuk_inhoud(slug):
    """A published chapter with its sections and loose blocks, or None.

    Usage: {% hoofdstuk_inhoud "schadelijke-praktijken" as chapter %} then
    chapter.hoofdstuk, chapter.sections and chapter.loose (cached per data version).
    """
    chapter = published_chapter(slug)
    if chapter is None:
        return None
    sections, loose = chapter_sections(chapter)
    return {"hoofdstuk": chapter, "sections": sections, "loose": loose}


@register.simple_tag
def getagde_inhoud(stap=None, praktijk=None):
    """Sections and items tagged with a step and/or practice, in chapter order.

    Usage: {% getagde_inhoud stap=stap as tagged %} then tagged.secties, tagged.loose.
    """
    return tagged_content(stap=stap, praktijk=praktijk)


@register.simple_tag
def kaders_voor(praktijk):
    """The published frameworks of a practice, criminal articles apart.

    Usage: {% kaders_voor praktijk as kaders %} then kaders.overig, kaders.strafrecht
    (one query per data version).
    """

    def build():
        kaders = list(Kader.objects.published().filter(praktijken=praktijk))
        strafrecht = Kader.Soort.STRAFRECHTARTIKEL
        return {
            "overig": [k for k in kaders if k.soort != strafrecht],
            "strafrecht": [k for k in kaders if k.soort == strafrecht],
        }

    return cached_per_version(f"content:kaders:{praktijk.pk}", build)


@register.simple_tag
def checklist_inhoud(stap):
    """The part of a step's content that says what must be arranged: from its first
    "Wat moet er zijn of geregeld worden?" section up to the next section at that level.

    Usage: {% checklist_inhoud stap as secties %} (the queries of getagde_inhoud)
    """
    sections = tagged_content(stap=stap)["secties"]
    start = next((i for i, s in enumerate(sections) if s.soort == Sectie.Soort.GEREGELD), None)
    if start is None:
        return []
    chosen = [sections[start]]
    for section in sections[start + 1 :]:
        if section.kopniveau <= sections[start].kopniveau or section.hoofdstuk_id != (
            sections[start].hoofdstuk_id
        ):
            break
        chosen.append(section)
    return chosen

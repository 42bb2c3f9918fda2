"""What the routekaart's own content contributes to practice and step pages.

`praktijken` and `stappen` sit below the content (chapters, sections, frameworks),
so their pages load these tags instead of importing it: `{% load inhoud %}`.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from routekaart.content import chapter_sections, tagged_content
from routekaart.models import Kader, Sectie, published_chapter
from routekaart.versioning import cached_many_per_version, cached_per_version

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


@register.simple_tag
def secties(sections, show_steps=False, show_chapter=False):
    """The sections of a page (`includes/_section.html`), in their order.

    Usage: {% secties chapter.sections show_steps=True %}

    A section's HTML depends only on how its content was gathered (the whole chapter, or
    what is tagged with a step or practice: its `fragment_key`, see routekaart.content),
    the two flags and the portal's data. So each renders once per data version and is
    reused by every page that shows it the same way. One cache round trip. The glossary
    marks the first use of a term per section, as it did without the cache.
    """
    sections = list(sections)
    variant = f"{int(bool(show_steps))}{int(bool(show_chapter))}"
    keyed = {s.fragment_key: s for s in sections if getattr(s, "fragment_key", None)}

    def render(section):
        context = {"s": section, "show_steps": show_steps, "show_chapter": show_chapter}
        return render_to_string("includes/_section.html", context)

    html = cached_many_per_version(
        f"sectie:{variant}", list(keyed), lambda keys: {k: render(keyed[k]) for k in keys}
    )
    return mark_safe(
        "".join(
            html[s.fragment_key] if getattr(s, "fragment_key", None) else render(s)
            for s in sections
        )
    )

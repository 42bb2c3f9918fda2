"""Template tags and filters shared by every page of the portal."""

from django import template
from django.utils.safestring import mark_safe

from routekaart.glossary import glossary
from routekaart.markup import mark_abbreviations
from routekaart.search_words import term_pattern, word_spans

register = template.Library()


@register.filter
def glossary_abbr(html):
    """Mark up glossary terms in Markdown HTML stored at save time (routekaart.rendered).

    Usage: {{ sectie.tekst_html|glossary_abbr }} gives what
    render_markdown(sectie.tekst, glossary()) gives. No template renders Markdown itself.
    """
    return mark_safe(mark_abbreviations(html or "", glossary()))


@register.filter
def telefoon_href(number):
    """Turn a written Dutch phone number into a tel: URI target: "070-345 43 19" -> "+31703454319".

    Usage: <a href="tel:{{ org.telefoon|telefoon_href }}">{{ org.telefoon }}</a>
    """
    digits = "".join(ch for ch in str(number or "") if ch.isdigit())
    if digits.startswith("0") and not digits.startswith("0800") and not digits.startswith("0900"):
        return "+31" + digits[1:]
    return digits


@register.inclusion_tag("includes/_breadcrumbs.html")
def breadcrumbs(*crumbs):
    """Breadcrumb trail after "Home". Pass label/url pairs; the last label is the current page.

    Usage: {% breadcrumbs "Stappen" stappen_url stap.naam %}
    """
    items = []
    it = list(crumbs)
    while it:
        label = it.pop(0)
        url = it.pop(0) if it else None
        items.append({"label": label, "url": url})
    return {"items": items}


# Long Dutch compounds that must be able to break in narrow boxes (the route diagram).
_SOFT_HYPHENS = {
    "veiligheidsbeoordeling": "veiligheids\u00adbeoordeling",
    "Vroegsignalering": "Vroeg\u00adsignalering",
}


@register.filter
def soft_hyphens(text):
    """Insert soft hyphens in known long compounds. Usage: {{ stap.naam|soft_hyphens }}"""
    for word, hyphenated in _SOFT_HYPHENS.items():
        text = str(text).replace(word, hyphenated)
    return text


@register.filter
def highlight(text, words):
    """Escape text and wrap the words that match the query in <mark> (see term_pattern).

    Usage: {{ r.snippet|highlight:words }}
    """
    from django.utils.html import escape

    text = text or ""
    pattern = term_pattern(words or [])
    if pattern is None:
        return escape(text)
    # Find the words in the text itself, then escape each piece: a term never lands
    # inside an entity ("amp" in "&amp;").
    pieces, last = [], 0
    for start, end in word_spans(pattern, text):
        pieces += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


_ATTACHED = ("blocks", "verhalen_list", "kaders_list", "kaders_links", "secties", "loose")


def _change_dates(thing):
    """Every `gewijzigd_op` in what a page shows: objects, lists, blocks, sections."""
    if thing is None or isinstance(thing, str):
        return
    if isinstance(thing, dict):
        for value in thing.values():
            yield from _change_dates(value)
        return
    if isinstance(thing, list | tuple):
        for value in thing:
            yield from _change_dates(value)
        return
    changed = getattr(thing, "gewijzigd_op", None)
    if changed is not None:
        yield changed
    for name in _ATTACHED:
        yield from _change_dates(getattr(thing, name, None))


@register.inclusion_tag("includes/_laatst_gewijzigd.html")
def laatst_gewijzigd(*shown):
    """The latest change among what a page shows, as a dated line.

    Pass objects and the lists a page renders (already evaluated, so no query runs):
    {% laatst_gewijzigd hoofdstuk sections loose %}
    """
    dates = list(_change_dates(list(shown)))
    return {"gewijzigd_op": max(dates) if dates else None}

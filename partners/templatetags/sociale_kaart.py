"""What the sociale kaart contributes to pages of the apps below it.

Practice and step pages cannot import `partners` (it sits above them), so they
load these tags instead: `{% load sociale_kaart %}`.
"""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from partners.experts import experts_for, national_partner_groups
from partners.models import Organisatie, Organisatietype, with_practice_tags
from routekaart.versioning import cached_many_per_version, cached_per_version

register = template.Library()


@register.inclusion_tag("partners/includes/_praktijk_experts.html")
def experts(praktijk):
    """The national experts to call first for a practice, with their contact links.

    Usage: {% experts praktijk %} (one query)
    """
    return {"praktijk": praktijk, "experts": experts_for(praktijk)}


@register.inclusion_tag("partners/includes/_stap_organisatietypes.html")
def organisatietypes(stap):
    """The kinds of organisation the routekaart names at a step, linked into the directory.

    Usage: {% organisatietypes stap %} (one query per data version)
    """
    types = cached_per_version(
        f"organisatietypes-stap:{stap.pk}",
        lambda: list(Organisatietype.objects.filter(stappen=stap)),
    )
    return {"stap": stap, "types": types}


@register.inclusion_tag("partners/includes/_national_partners.html")
def landelijke_partners(kopniveau=3):
    """The national partners of the sociale kaart, grouped as in the chapter 'Partners'.

    Usage: {% landelijke_partners 3 %}, with the level of the group headings (two queries
    per data version)
    """
    groups = cached_per_version("landelijke-partnergroepen", national_partner_groups)
    return {"groups": groups, "kopniveau": kopniveau}


def _fragments(name, organisaties, template_name, *, practices=False, **context):
    """The HTML of `template_name` for each organisation (`org`), in their order, rendered
    once per data version and shared by every page that shows it.

    `organisaties` are organisations with `type` selected, or their ids: then only the
    organisations whose fragment is not cached are fetched (one query). One cache round
    trip; with `practices`, one query for the practices of those not yet rendered.
    """
    organisaties = list(organisaties)
    pks = [getattr(org, "pk", org) for org in organisaties]
    given = {org.pk: org for org in organisaties if isinstance(org, Organisatie)}

    def render(missing):
        unknown = [pk for pk in missing if pk not in given]
        if unknown:
            given.update(
                (org.pk, org)
                for org in Organisatie.objects.filter(pk__in=unknown).select_related("type")
            )
        orgs = [given[pk] for pk in missing if pk in given]
        return {
            org.pk: render_to_string(template_name, {**context, "org": org})
            for org in (with_practice_tags(orgs) if practices else orgs)
        }

    html = cached_many_per_version(name, pks, render)
    return mark_safe("".join(html[pk] for pk in pks if pk in html))


@register.simple_tag
def org_cards(organisaties):
    """The directory cards (`<li>`) of these organisations (or ids), in their order.

    Usage: <ul class="result-list">{% org_cards page %}</ul>

    A card shows only the organisation, its type and its practices, so it renders once
    per data version and is reused on every page that lists the organisation: the
    directory, and each gemeente and region page it serves. Rendering the cards was
    most of a fresh gemeente page (docs/benchmarks.md).
    """
    return _fragments("org-card", organisaties, "partners/includes/_org_card.html", practices=True)


@register.simple_tag
def public_partners(organisaties, landelijk=False):
    """The GGD, police, OM, court or national centre of a gemeente page, with their front
    door (a `<div>` of a `<dl>` each), for these organisations or their ids.

    Usage: <dl>{% public_partners group.organisaties %}</dl>; rendered as org_cards are.
    """
    name = "public-partner:landelijk" if landelijk else "public-partner"
    return _fragments(
        name, organisaties, "partners/includes/_public_partner.html", landelijk=landelijk
    )

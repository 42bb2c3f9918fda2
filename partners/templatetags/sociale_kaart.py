"""What the sociale kaart contributes to pages of the apps below it.

Practice and step pages cannot import `partners` (it sits above them), so they
load these tags instead: `{% load sociale_kaart %}`.
"""

from django import template

from partners.experts import experts_for, national_partner_groups
from partners.models import Organisatietype
from routekaart.versioning import cached_per_version

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

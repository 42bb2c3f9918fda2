"""The national expert per practice: the one query every page that names them uses.

"Bij een vermoeden: schakel een expert in!" The routekaart names, per practice,
the national organisation to call first (Organisatie.expert_voor). Only published
national organisations count: a regional organisation is never shown as the
national expert.
"""

from django.db.models import Prefetch

from partners.models import Organisatie
from praktijken.models import Praktijk
from routekaart.versioning import cached_per_version


def national_experts_query():
    """Published national organisations, as the experts of a practice are shown."""
    return Organisatie.objects.national().select_related("type")


def practices_with_experts(praktijken=None):
    """Practices with `.eerste_experts`: their published national experts, first to call.

    Two queries: the practices and the experts of all of them. Without `praktijken`:
    the published practices as a list, cached per data version.
    """
    if praktijken is None:
        return cached_per_version(
            "praktijken-met-experts",
            lambda: list(practices_with_experts(Praktijk.objects.published())),
        )
    return praktijken.prefetch_related(
        Prefetch("experts", queryset=national_experts_query(), to_attr="eerste_experts")
    )


def experts_for(praktijk):
    """The published national experts of one practice (no query for a published practice
    on a warm cache, otherwise one)."""
    for published in practices_with_experts():
        if published.pk == praktijk.pk:
            return published.eerste_experts
    return list(national_experts_query().filter(expert_voor=praktijk))


NATIONAL_PARTNER_GROUPS = (
    ("Voor specialistische hulp en ondersteuning", {Organisatie.Rol.SPECIALISTISCH}),
    (
        "Voor informatie, advies en expertise",
        {Organisatie.Rol.INFORMATIE, Organisatie.Rol.ALGEMEEN},
    ),
)


def national_partner_groups():
    """The national partners grouped as the routekaart's chapter 'Partners' groups them.

    One query (the cards add the practices).
    """
    partners = list(national_experts_query())
    return [
        {"titel": titel, "organisaties": [o for o in partners if o.rol in rollen]}
        for titel, rollen in NATIONAL_PARTNER_GROUPS
    ]

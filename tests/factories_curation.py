"""Small factory functions for the curation tests: users with roles, regions, partners."""

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from partners.models import (
    Contactpersoon,
    Gemeente,
    Niveau,
    Organisatie,
    Organisatietype,
    Provincie,
    Redacteur,
    Veiligheidsregio,
    VeiligThuisRegio,
    Voorziening,
)
from partners.services import LANDELIJKE_REDACTIE, REGIONALE_REDACTIE
from routekaart.publicatie import Status

PASSWORD = "een-lang-en-ongewoon-wachtwoord-42"
ORGS = "/beheer/partners/organisatie/"
_numbers = itertools.count(1)


def make_user(username=None, *, group=None, regios=(), superuser=False, staff=True, **fields):
    """A staff user; group is LANDELIJKE_REDACTIE or REGIONALE_REDACTIE (regios: VT regions)."""
    username = username or f"gebruiker{next(_numbers)}"
    user = get_user_model().objects.create_user(
        username=username,
        password=PASSWORD,
        is_staff=staff or superuser,
        is_superuser=superuser,
        **fields,
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    if regios or group == REGIONALE_REDACTIE:
        redacteur = Redacteur.objects.create(user=user)
        redacteur.regios.set(regios)
    return user


def make_landelijk(username=None, **fields):
    return make_user(username, group=LANDELIJKE_REDACTIE, **fields)


def make_regionaal(regios, username=None, **fields):
    return make_user(username, group=REGIONALE_REDACTIE, regios=regios, **fields)


def make_regio(naam=None):
    """A Veilig Thuis-regio with its own veiligheidsregio and one gemeente.

    Returns (vt, vr, gemeente).
    """
    n = next(_numbers)
    naam = naam or f"Testregio {n}"
    provincie, _ = Provincie.objects.get_or_create(code="PV99", defaults={"naam": "Testprovincie"})
    vr = Veiligheidsregio.objects.create(code=f"R{n:03d}", naam=f"VR {naam}", provincie=provincie)
    vt = VeiligThuisRegio.objects.create(
        code=f"T{n:03d}",
        slug=f"veilig-thuis-test-{n}",
        naam=naam,
        organisatie_naam=f"Veilig Thuis {naam}",
    )
    gemeente = make_gemeente(vt, vr)
    return vt, vr, gemeente


def make_gemeente(vt, vr, naam=None):
    n = next(_numbers)
    return Gemeente.objects.create(
        code=f"GM{9000 + n}",
        naam=naam or f"Testgemeente {n}",
        slug=f"testgemeente-{n}",
        provincie=vr.provincie,
        veiligheidsregio=vr,
        veilig_thuis_regio=vt,
    )


def make_type(slug="wijkteam", niveau=Niveau.LOKAAL):
    return Organisatietype.objects.get_or_create(
        slug=slug, defaults={"naam": slug.replace("-", " ").title(), "niveau": niveau}
    )[0]


def make_org(
    slug=None,
    *,
    niveau=Niveau.LOKAAL,
    gemeenten=(),
    vt_regios=(),
    vr_regios=(),
    status=Status.GEPUBLICEERD,
    **fields,
):
    slug = slug or f"organisatie-{next(_numbers)}"
    fields.setdefault("naam", slug.replace("-", " ").title())
    fields.setdefault("type", make_type())
    org = Organisatie.objects.create(slug=slug, niveau=niveau, status=status, **fields)
    org.gemeenten.set(gemeenten)
    org.veilig_thuis_regios.set(vt_regios)
    org.veiligheidsregios.set(vr_regios)
    return org


def make_contact(organisatie, naam="Fatima de Vries", **fields):
    fields.setdefault("status", Status.GEPUBLICEERD)
    return Contactpersoon.objects.create(organisatie=organisatie, naam=naam, **fields)


def make_voorziening(organisatie, naam="Opvanglocatie", **fields):
    return Voorziening.objects.create(organisatie=organisatie, naam=naam, **fields)


def post_data(org, **changes):
    """The change form of an organisation as the browser would post it."""
    data = {
        "naam": org.naam,
        "slug": org.slug,
        "type": org.type_id,
        "niveau": org.niveau,
        "rol": org.rol,
        "status": org.status,
        "telefoon": org.telefoon,
        "telefoon_toelichting": org.telefoon_toelichting,
        "email": org.email,
        "website": org.website,
        "beschrijving": org.beschrijving,
        "bron": org.bron,
        "praktijken": [p.pk for p in org.praktijken.all()],
        "stappen": [s.pk for s in org.stappen.all()],
        "expert_voor": [p.pk for p in org.expert_voor.all()],
        "gemeenten": [g.pk for g in org.gemeenten.all()],
        "veilig_thuis_regios": [r.pk for r in org.veilig_thuis_regios.all()],
        "veiligheidsregios": [r.pk for r in org.veiligheidsregios.all()],
    }
    for prefix in ("contactpersonen", "voorzieningen"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}

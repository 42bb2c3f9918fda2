"""The sociale kaart as HSDS 3.0 objects (Open Referral).

Mapping (documented for users on /open-data/):
- an Organisatie is an HSDS organization, and offers one HSDS service;
- ids are stable UUIDs: the organisation's stored `uuid`, the service's derived
  from it (uuid5), a facility's stored `uuid`; taxonomy ids derive from fixed slugs;
- a national service has one service area "Nederland"; a regional or local one
  lists every gemeente it serves, with its CBS code;
- the practices and the chain steps are two taxonomies, attached as attributes;
- a confidential address is never published: such a facility is left out entirely;
- contact persons appear only with visibility "publiek";
- every phone number also appears in international format.

Only keys that HSDS defines are produced, so a strict validator passes.
"""

import uuid

from partners.models import Contactpersoon, Niveau
from routekaart.publicatie import Status

NAMESPACE = uuid.UUID("6f1c1f5e-6c55-4d55-9a55-7a6f0e1d3b21")
HSDS_VERSION = "3.0"

TAXONOMIES = {
    "praktijken": (
        "Schadelijke praktijken",
        "De vier schadelijke praktijken van de routekaart: huwelijksdwang, achterlating, "
        "vrouwelijke genitale verminking en eergerelateerd geweld.",
    ),
    "ketenstappen": (
        "Ketenstappen",
        "De zeven stappen van de routekaart, van signaleren tot nazorg.",
    ),
    "bereikbaarheid": (
        "Bereikbaarheid",
        "Kenmerken van de bereikbaarheid die HSDS niet als veld kent; waarde 'true' of 'false'.",
    ),
}
BEREIKBAARHEID_TERMS = {
    "anoniem_mogelijk": (
        "Anonieme hulp mogelijk",
        "Iemand kan hier anoniem hulp of advies krijgen.",
    ),
    "helpt_in_buitenland": (
        "Helpt mensen in het buitenland",
        "De organisatie helpt ook iemand die in het buitenland is.",
    ),
}
DAYS = "MO,TU,WE,TH,FR,SA,SU"


def uid(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(p) for p in parts)))


def taxonomy_id(key):
    return uid("taxonomy", key)


def term_id(taxonomy, slug):
    return uid("term", taxonomy, slug)


def service_id(org):
    return str(uuid.uuid5(org.uuid, "service"))


def international(number: str) -> str:
    """A written Dutch number in E.164: "070-345 43 19" -> "+31703454319"."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if number.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+31" + digits[1:]
    return digits


def taxonomy(key, base_url):
    name, description = TAXONOMIES[key]
    return {
        "id": taxonomy_id(key),
        "name": name,
        "description": description,
        "uri": f"{base_url}/open-data/#vertaling",
        "version": "1",
    }


def term(taxonomy_key, slug, name, description, code=None, base_url=""):
    return {
        "id": term_id(taxonomy_key, slug),
        "code": code or slug,
        "name": name,
        "description": description or name,
        "taxonomy_id": taxonomy_id(taxonomy_key),
        "taxonomy": TAXONOMIES[taxonomy_key][0],
        "taxonomy_detail": taxonomy(taxonomy_key, base_url),
        "language": "nl",
    }


def praktijk_term(p, base_url=""):
    return term("praktijken", p.slug, p.naam, p.samenvatting, p.slug, base_url)


def stap_term(s, base_url=""):
    return term("ketenstappen", s.slug, f"{s.nummer}. {s.naam}", "", str(s.nummer), base_url)


def all_terms(praktijken, stappen, base_url=""):
    terms = [praktijk_term(p, base_url) for p in praktijken]
    terms += [stap_term(s, base_url) for s in stappen]
    terms += [
        term("bereikbaarheid", key, name, description, key, base_url)
        for key, (name, description) in BEREIKBAARHEID_TERMS.items()
    ]
    return terms


def _attribute(link_id, link_type, t, value):
    return {
        "id": uid("attribute", link_id, t["id"]),
        "link_id": link_id,
        "link_type": link_type,
        "link_entity": "service",
        "taxonomy_term_id": t["id"],
        "taxonomy_term": t,
        "value": value,
    }


def phones(owner_id, number, note, owner_key):
    """The number as written and in international format, so it can be dialled from abroad."""
    if not number:
        return []
    written = {
        "id": uid("phone", owner_id, "national"),
        owner_key: owner_id,
        "number": number,
        "type": "voice",
        "description": note or "Telefoonnummer zoals in Nederland gekozen.",
    }
    intl = {
        "id": uid("phone", owner_id, "international"),
        owner_key: owner_id,
        "number": international(number),
        "type": "voice",
        "description": "Internationaal formaat, voor bellen vanuit het buitenland"
        + (
            " (0800- en 0900-nummers zijn vanuit het buitenland vaak niet bereikbaar)."
            if number.lstrip().startswith(("0800", "0900"))
            else "."
        ),
    }
    return [written, intl]


def served_gemeenten(org):
    """Every gemeente a regional or local organisation serves (prefetched relations)."""
    found = {g.code: g for g in org.gemeenten.all()}
    for regio in org.veilig_thuis_regios.all():
        found.update((g.code, g) for g in regio.gemeenten.all())
    for vr in org.veiligheidsregios.all():
        found.update((g.code, g) for g in vr.gemeenten.all())
    return [found[c] for c in sorted(found)]


def service_areas(org, sid):
    if org.niveau == Niveau.LANDELIJK:
        return [
            {
                "id": uid("area", sid, "NL"),
                "service_id": sid,
                "name": "Nederland",
                "description": "Heel Nederland (landelijke organisatie).",
            }
        ]
    return [
        {
            "id": uid("area", sid, g.code),
            "service_id": sid,
            "name": g.naam,
            "description": f"Gemeente {g.naam}, CBS-code {g.code}.",
            "extent_type": "text",
            "extent": g.code,
        }
        for g in served_gemeenten(org)
    ]


def schedules(org, sid):
    if org.altijd_bereikbaar:
        return [
            {
                "id": uid("schedule", sid, "24/7"),
                "service_id": sid,
                "freq": "WEEKLY",
                "byday": DAYS,
                "opens_at": "00:00",
                "closes_at": "23:59",
                "description": "Dag en nacht bereikbaar (24/7)."
                + (f" {org.openingstijden}" if org.openingstijden else ""),
            }
        ]
    if org.openingstijden:
        return [
            {
                "id": uid("schedule", sid, "text"),
                "service_id": sid,
                "description": org.openingstijden,
            }
        ]
    return []


def languages(org, sid):
    return [
        {"id": uid("language", sid, code), "service_id": sid, "code": code, "name": name}
        for code, name in zip(org.taalcodes, org.taalnamen, strict=True)
    ]


def contacts(org):
    """Only contact persons whose visibility is public; never the others."""
    result = []
    for c in org.contactpersonen.all():
        if c.zichtbaarheid != Contactpersoon.Zichtbaarheid.PUBLIEK:
            continue
        if c.status != Status.GEPUBLICEERD:
            continue
        cid = uid("contact", org.uuid, c.naam)
        item = {"id": cid, "organization_id": str(org.uuid), "name": c.naam}
        if c.functie:
            item["title"] = c.functie
        if c.email:
            item["email"] = c.email
        item["phones"] = phones(cid, c.telefoon, "", "contact_id")
        result.append(item)
    return result


def public_voorzieningen(org):
    """Facilities whose address may be shown; a confidential one is never published."""
    return [
        v
        for v in org.voorzieningen.all()
        if v.status == Status.GEPUBLICEERD and not v.adres_vertrouwelijk and v.adres
    ]


def location(v, org):
    return {
        "id": str(uuid.uuid5(v.uuid, "location")),
        "location_type": "physical",
        "organization_id": str(org.uuid),
        "name": v.naam,
        "description": v.beschrijving or v.naam,
        # The stored address is one line; HSDS's address object needs city and
        # postal code separately, so the line is given as the location's alternate name.
        "alternate_name": v.adres,
    }


def service_at_location(v, org, base_url, with_service=False):
    item = {
        "id": str(v.uuid),
        "service_id": service_id(org),
        "location_id": str(uuid.uuid5(v.uuid, "location")),
        "description": v.naam,
        "location": location(v, org),
    }
    if with_service:
        item["service"] = service(org, base_url, full=False)
    return item


def organization(org, base_url, full=False):
    item = {
        "id": str(org.uuid),
        "name": org.naam,
        "description": org.beschrijving or org.type.naam,
        "website": org.website or None,
        "email": org.email or None,
        "uri": base_url + org.get_absolute_url(),
    }
    item = {k: v for k, v in item.items() if v is not None}
    if full:
        item["phones"] = phones(
            str(org.uuid), org.telefoon, org.telefoon_toelichting, "organization_id"
        )
        item["contacts"] = contacts(org)
        item["locations"] = [location(v, org) for v in public_voorzieningen(org)]
        item["services"] = [service(org, base_url, full=False)]
    return item


def service(org, base_url, full=True):
    sid = service_id(org)
    item = {
        "id": sid,
        "organization_id": str(org.uuid),
        "name": org.naam,
        "description": org.beschrijving or org.type.naam,
        "status": "active",
        "last_modified": org.gewijzigd_op.isoformat(),
    }
    if org.website:
        item["url"] = org.website
    if org.email:
        item["email"] = org.email
    if not full:
        return item
    attributes = [
        _attribute(sid, "service", praktijk_term(p, base_url), "") for p in org.praktijken.all()
    ]
    attributes += [
        _attribute(sid, "service", stap_term(s, base_url), "") for s in org.stappen.all()
    ]
    for key, (name, description) in BEREIKBAARHEID_TERMS.items():
        value = getattr(org, key)
        if value is not None:  # unknown stays unknown: no attribute at all
            t = term("bereikbaarheid", key, name, description, key, base_url)
            attributes.append(_attribute(sid, "service", t, "true" if value else "false"))
    item.update(
        {
            "phones": phones(sid, org.telefoon, org.telefoon_toelichting, "service_id"),
            "schedules": schedules(org, sid),
            "service_areas": service_areas(org, sid),
            "service_at_locations": [
                service_at_location(v, org, base_url) for v in public_voorzieningen(org)
            ],
            "languages": languages(org, sid),
            "organization": organization(org, base_url),
            "contacts": contacts(org),
            "attributes": attributes,
        }
    )
    return item

"""Writing the region layers and the public organisations that serve them.

Regions are keyed on their CBS code, woonplaatsen on their BAG code and postcodes on
their four digits, so re-running with the same files changes nothing. The public
partners (25 GGD'en, 10 politie-eenheden, the OM-parketten, the rechtbanken and the
Centra Seksueel Geweld) are Organisatie records kept in step like the Veilig Thuis
organisations: the fields that come from the files are refreshed, their working area
(the gemeenten of their region) is set, and everything else is left to editors.
No phone number, address or website is added that the files do not give.
"""

from django.utils.text import slugify

from partners.models import (
    Arrondissement,
    Gemeente,
    GGDRegio,
    Jeugdregio,
    Niveau,
    Organisatie,
    Organisatietype,
    PolitieEenheid,
    Postcode,
    Woonplaats,
)
from praktijken.models import Praktijk
from routekaart.publicatie import Status

from .bestanden import CREATED, UNCHANGED, UPDATED
from .opslaan import upsert

MODELS = {
    "ggd": GGDRegio,
    "politie": PolitieEenheid,
    "arrondissement": Arrondissement,
    "jeugdregio": Jeugdregio,
}
GEMEENTE_FIELDS = {
    "ggd": "ggd_regio_id",
    "politie": "politie_eenheid_id",
    "arrondissement": "arrondissement_id",
    "jeugdregio": "jeugdregio_id",
}
CBS = "CBS Gebiedsindelingen 2025 (PDOK), shared/data/indelingen"
NIET_GECONTROLEERD = "nog niet gecontroleerd"
# Types the routekaart does not describe: created without a role text or steps.
NEW_TYPES = {
    "rechtbank": ("Rechtbank", Niveau.REGIONAAL),
    "centrum-seksueel-geweld": ("Centrum Seksueel Geweld", Niveau.LANDELIJK),
}
# Where the source ties an organisation type to a practice (chapter Partners):
# GGD "met name VGV", politie "kennis van eergerelateerd geweld".
TYPE_PRACTICES = {"ggd": ["vgv"], "politie": ["eergerelateerd-geweld"]}


def sync_regions(data, tally):
    result = {}
    for key, model in MODELS.items():
        stored = model.objects.in_bulk(list(data.regions[key]), field_name="code")
        result[key] = {}
        for code, values in sorted(data.regions[key].items()):
            obj, outcome = upsert(model, stored.get(code), {"code": code}, values)
            tally.add(model._meta.verbose_name_plural, outcome)
            result[key][code] = obj
    return result


def link_gemeenten(data, regions, gemeenten, tally):
    changed = []
    for gemeente in gemeenten.values():
        dirty = False
        for key, attname in GEMEENTE_FIELDS.items():
            pk = regions[key][data.per_gemeente[key][gemeente.code]].pk
            if getattr(gemeente, attname) != pk:
                setattr(gemeente, attname, pk)
                dirty = True
        if dirty:
            changed.append(gemeente)
    Gemeente.objects.bulk_update(changed, list(GEMEENTE_FIELDS.values()), batch_size=500)
    for gemeente in gemeenten.values():
        tally.add("gemeenten (indelingen)", UPDATED if gemeente in changed else UNCHANGED)


def _replace(model, key_field, rows, tally, label):
    """Make the table equal to `rows` ({key: values}); these are lookup data, not curated."""
    stored = model.objects.in_bulk(list(rows), field_name=key_field)
    create, update = [], []
    for key, values in rows.items():
        existing = stored.get(key)
        if existing is None:
            create.append(model(**{key_field: key}, **values))
        elif any(getattr(existing, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(existing, name, value)
            update.append(existing)
    model.objects.bulk_create(create, batch_size=1000)
    if update:
        model.objects.bulk_update(update, list(next(iter(rows.values()))), batch_size=1000)
    removed, _ = model.objects.exclude(**{f"{key_field}__in": list(rows)}).delete()
    for outcome, count in ((CREATED, len(create)), (UPDATED, len(update) + removed)):
        for _ in range(count):
            tally.add(label, outcome)
    for _ in range(len(rows) - len(create) - len(update)):
        tally.add(label, UNCHANGED)


def sync_places(data, gemeenten, tally):
    from partners.lookup import normalise

    _replace(
        Woonplaats,
        "code",
        {
            code: {"naam": naam, "zoeknaam": normalise(naam)[:80], "gemeente_id": gemeenten[gm].pk}
            for code, naam, gm in data.woonplaatsen
        },
        tally,
        "woonplaatsen",
    )
    _replace(
        Postcode,
        "pc4",
        {
            pc4: {"gemeente_id": gemeenten[gm].pk, "aandeel": share, "gesplitst": split}
            for pc4, gm, share, split in data.postcodes
        },
        tally,
        "postcodes",
    )


def _type(slug, tally):
    """The organisation type, created (once per run counted) when the fixtures lack it."""
    cache = tally.__dict__.setdefault("types", {})
    if slug not in cache:
        naam, niveau = NEW_TYPES.get(slug, (slug, Niveau.REGIONAAL))
        cache[slug], created = Organisatietype.objects.get_or_create(
            slug=slug, defaults={"naam": naam, "niveau": niveau, "rol": ""}
        )
        tally.add("organisatietypes", CREATED if created else UNCHANGED)
    return cache[slug]


def sync_public_partner(tally, *, slug, type_slug, values, gemeenten=None, keep=()):
    """Create or refresh one public organisation; its gemeenten follow the files."""
    org_type = _type(type_slug, tally)
    existing = Organisatie.objects.filter(slug=slug).first()
    if existing is None:
        org = Organisatie.objects.create(
            slug=slug,
            type=org_type,
            niveau=org_type.niveau,
            rol=Organisatie.Rol.ALGEMEEN,
            status=Status.GEPUBLICEERD,
            **values,
        )
        org.stappen.set(org_type.stappen.all())
        org.praktijken.set(Praktijk.objects.filter(slug__in=TYPE_PRACTICES.get(type_slug, [])))
        outcome = CREATED
    else:
        org, outcome = upsert(Organisatie, existing, {}, values, keep_if_blank=keep)
    if gemeenten is not None:
        wanted = {g.pk for g in gemeenten}
        if set(org.gemeenten.values_list("pk", flat=True)) != wanted:
            org.gemeenten.set(wanted)
            outcome = UPDATED if outcome == UNCHANGED else outcome
    tally.add(f"organisaties ({org_type.naam})", outcome)
    return org


def _members(data, key, codes, gemeenten):
    return [gemeenten[gm] for gm, code in data.per_gemeente[key].items() if code in codes]


def sync_public_partners(data, regions, gemeenten, tally):
    for code, row in sorted(data.ggd_organisaties.items()):
        bron = f"{CBS} (GGD-regio {code})"
        if row["website"]:
            bron += f"; website uit een secundaire bron, {NIET_GECONTROLEERD}"
        sync_public_partner(
            tally,
            slug=slugify(row["ggd_regio_naam"]),
            type_slug="ggd",
            values={"naam": row["ggd_regio_naam"], "website": row["website"], "bron": bron[:300]},
            gemeenten=_members(data, "ggd", {code}, gemeenten),
            keep=("website",),
        )
    politie = data.nummers["Politie"]
    for code, region in sorted(regions["politie"].items()):
        sync_public_partner(
            tally,
            slug=f"politie-eenheid-{slugify(region.naam)}",
            type_slug="politie",
            values={
                "naam": f"Politie-eenheid {region.naam}",
                "telefoon": politie["telefoon"],
                "telefoon_toelichting": politie["toelichting"][:200],
                "website": politie["website"],
                "bron": f"{CBS} (politie-eenheid {code}); telefoon: {politie['bron']}"[:300],
            },
            gemeenten=_members(data, "politie", {code}, gemeenten),
        )
    for field_name, type_slug, note in (
        (
            "om_parket",
            "openbaar-ministerie",
            f"OM-parket volgens een bron uit 2017, {NIET_GECONTROLEERD}",
        ),
        ("rechtbank", "rechtbank", "Wet op de rechterlijke indeling, art. 1"),
    ):
        names = sorted({getattr(r, field_name) for r in regions["arrondissement"].values()})
        for naam in names:
            codes = {
                c for c, r in regions["arrondissement"].items() if getattr(r, field_name) == naam
            }
            sync_public_partner(
                tally,
                slug=slugify(naam),
                type_slug=type_slug,
                values={
                    "naam": naam,
                    "bron": f"{CBS} (arrondissement {', '.join(sorted(codes))}); {note}"[:300],
                },
                gemeenten=_members(data, "arrondissement", codes, gemeenten),
            )
    csg = data.nummers["Centrum Seksueel Geweld"]
    sync_public_partner(
        tally,
        slug="centrum-seksueel-geweld",
        type_slug="centrum-seksueel-geweld",
        values={
            "naam": "Centrum Seksueel Geweld",
            "telefoon": csg["telefoon"],
            "telefoon_toelichting": csg["toelichting"][:200],
            "website": csg["website"],
            "bron": f"Landelijk nummer: {csg['bron']}"[:300],
        },
    )


def write_indelingen(data, tally):
    """Write everything; the caller wraps this in the loader's transaction."""
    gemeenten = Gemeente.objects.in_bulk(field_name="code")
    regions = sync_regions(data, tally)
    link_gemeenten(data, regions, gemeenten, tally)
    sync_places(data, gemeenten, tally)
    sync_public_partners(data, regions, gemeenten, tally)

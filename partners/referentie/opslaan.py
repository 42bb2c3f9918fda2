"""Writing the checked reference data: upserts keyed on CBS codes, so that
re-running with the same files changes nothing, and the Veilig Thuis
organisations kept in step (only the fields that come from the CSV).
"""

from collections import Counter

from django.utils.text import slugify

from partners.models import (
    Gemeente,
    Niveau,
    Organisatie,
    Organisatietype,
    Provincie,
    Veiligheidsregio,
    VeiligThuisRegio,
)
from praktijken.models import PRAKTIJK_SLUGS, Praktijk
from routekaart.publicatie import Status

from .bestanden import (
    CREATED,
    DEFAULT_TELEFOON_TOELICHTING,
    ORGANISATIE_BRON,
    UNCHANGED,
    UPDATED,
    VEILIG_THUIS_TYPE_SLUG,
    gemeente_slug,
    merge_aliases,
)


class Tally:
    """Counts created / updated / unchanged per kind of record, for the report."""

    def __init__(self):
        self.counts = {}

    def add(self, label, outcome):
        self.counts.setdefault(label, Counter())[outcome] += 1

    def lines(self):
        width = max(len(label) for label in self.counts)
        for label, c in self.counts.items():
            yield (
                f"{label:<{width}}  {c[CREATED]} created, {c[UPDATED]} updated, "
                f"{c[UNCHANGED]} unchanged"
            )


def upsert(model, existing, key, values, keep_if_blank=()):
    """Create or update one record; save only when a value really differs.

    `keep_if_blank` names fields where an empty CSV cell must not erase what is
    stored, such as a website an editor looked up by hand.
    """
    if existing is None:
        return model.objects.create(**key, **values), CREATED
    changed = False
    for name, value in values.items():
        if name in keep_if_blank and not value:
            continue
        if getattr(existing, name) != value:
            setattr(existing, name, value)
            changed = True
    if changed:
        existing.save()
        return existing, UPDATED
    return existing, UNCHANGED


def sync_provincies(data, tally):
    stored = Provincie.objects.in_bulk(list(data.provincies), field_name="code")
    result = {}
    for code, naam in sorted(data.provincies.items()):
        obj, outcome = upsert(Provincie, stored.get(code), {"code": code}, {"naam": naam})
        tally.add("provincies", outcome)
        result[code] = obj
    return result


def sync_veiligheidsregios(data, provincies, tally):
    stored = Veiligheidsregio.objects.in_bulk(list(data.veiligheidsregios), field_name="code")
    result = {}
    for code, row in sorted(data.veiligheidsregios.items()):
        values = {
            "naam": row["veiligheidsregio_naam"],
            "provincie_id": provincies[row["provincie_code"]].pk,
        }
        obj, outcome = upsert(Veiligheidsregio, stored.get(code), {"code": code}, values)
        tally.add("veiligheidsregio's", outcome)
        result[code] = obj
    return result


def sync_veilig_thuis_regios(data, tally):
    stored = VeiligThuisRegio.objects.in_bulk(list(data.veilig_thuis), field_name="code")
    result = {}
    for code, row in sorted(data.veilig_thuis.items()):
        values = {
            "slug": slugify(row["organisatie"]),
            "naam": row["cbs_regionaam"],
            "organisatie_naam": row["organisatie"],
            "website_bron": row["website_bron"],
            "opmerking": row["opmerking"],
        }
        obj, outcome = upsert(
            VeiligThuisRegio,
            stored.get(code),
            {"code": code},
            values,
            keep_if_blank=("website_bron",),
        )
        tally.add("Veilig Thuis-regio's", outcome)
        result[code] = obj
    return result


def sync_gemeenten(data, provincies, veiligheidsregios, vt_regios, tally):
    stored = Gemeente.objects.in_bulk(list(data.gemeenten), field_name="code")
    for code, row in sorted(data.gemeenten.items()):
        existing = stored.get(code)
        naam = row["gemeente_naam"]
        values = {
            "naam": naam,
            "slug": gemeente_slug(naam),
            "aliassen": merge_aliases(existing.aliassen if existing else "", naam),
            "provincie_id": provincies[row["provincie_code"]].pk,
            "veiligheidsregio_id": veiligheidsregios[row["veiligheidsregio_code"]].pk,
            "veilig_thuis_regio_id": vt_regios[row["veilig_thuis_regio_code"]].pk,
        }
        _, outcome = upsert(Gemeente, existing, {"code": code}, values)
        tally.add("gemeenten", outcome)


def veilig_thuis_type(tally):
    """The Organisatietype for Veilig Thuis; a later fixture supplies its role text."""
    vt_type, created = Organisatietype.objects.get_or_create(
        slug=VEILIG_THUIS_TYPE_SLUG,
        defaults={"naam": "Veilig Thuis", "niveau": Niveau.REGIONAAL, "rol": ""},
    )
    tally.add("organisatietypes", CREATED if created else UNCHANGED)
    return vt_type


def sync_organisatie(region, row, vt_type, praktijken, tally):
    """Keep the directory entry of one Veilig Thuis organisation in step with the CSV.

    Fields from the CSV are refreshed; the rest is set once at creation and then
    left to editors (status, beschrijving, controle, bron, type).
    """
    csv_values = {
        "naam": row["organisatie"],
        "telefoon": row["telefoon"],
        "telefoon_toelichting": row["telefoon_toelichting"] or DEFAULT_TELEFOON_TOELICHTING,
        "website": row["website"],
    }
    # Only what the source states: its phone note says "24/7" for 0800-2000. Any
    # other row leaves reachability unknown, and an editor's value is never overruled.
    says_24_7 = "24/7" in (row["telefoon_toelichting"] or "")
    existing = Organisatie.objects.filter(slug=region.slug).first()
    if existing is None:
        org = Organisatie.objects.create(
            slug=region.slug,
            type=vt_type,
            niveau=Niveau.REGIONAAL,
            rol=Organisatie.Rol.ALGEMEEN,
            status=Status.GEPUBLICEERD,
            bron=ORGANISATIE_BRON,
            altijd_bereikbaar=True if says_24_7 else None,
            **csv_values,
        )
        org.veilig_thuis_regios.set([region])
        org.praktijken.set(praktijken)
        tally.add("organisaties (Veilig Thuis)", CREATED)
        return
    if says_24_7 and existing.altijd_bereikbaar is None:
        csv_values["altijd_bereikbaar"] = True
    _, outcome = upsert(Organisatie, existing, {}, csv_values, keep_if_blank=("website",))
    if not existing.veilig_thuis_regios.filter(pk=region.pk).exists():
        existing.veilig_thuis_regios.add(region)
        outcome = UPDATED
    # Praktijken may be loaded after the first run; fill them in once, never overrule an editor.
    if praktijken and not existing.praktijken.exists():
        existing.praktijken.set(praktijken)
        outcome = UPDATED
    tally.add("organisaties (Veilig Thuis)", outcome)


def write_all(data):
    """Create or update everything; the caller wraps this in one transaction."""
    tally = Tally()
    provincies = sync_provincies(data, tally)
    veiligheidsregios = sync_veiligheidsregios(data, provincies, tally)
    vt_regios = sync_veilig_thuis_regios(data, tally)
    sync_gemeenten(data, provincies, veiligheidsregios, vt_regios, tally)
    vt_type = veilig_thuis_type(tally)
    praktijken = list(Praktijk.objects.filter(slug__in=PRAKTIJK_SLUGS))
    for code, region in sorted(vt_regios.items()):
        sync_organisatie(region, data.veilig_thuis[code], vt_type, praktijken, tally)
    return tally


def stale_codes(data):
    """Codes in the database that the files no longer contain; reported, never deleted."""
    found = []
    for model, codes in (
        (Provincie, data.provincies),
        (Veiligheidsregio, data.veiligheidsregios),
        (VeiligThuisRegio, data.veilig_thuis),
        (Gemeente, data.gemeenten),
    ):
        found += model.objects.exclude(code__in=list(codes)).values_list("code", flat=True)
    return sorted(found)

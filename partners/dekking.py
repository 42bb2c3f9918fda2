"""Expertise coverage: per Veilig Thuis region and practice, how many published regional
or local partners serve that practice in that region. A zero is a blind spot.

An organisation serves a region when its working area touches it: the region itself,
one of its gemeenten, or a veiligheidsregio with a gemeente in it (as for_regio).
Five queries for the whole country, cached per data version.
"""

from partners.models import Gemeente, Niveau, Organisatie, VeiligThuisRegio
from praktijken.models import Praktijk
from routekaart.versioning import cached_per_version


def _coverage():
    orgs = Organisatie.objects.published().exclude(niveau=Niveau.LANDELIJK)
    ids = orgs.values("pk")
    praktijken = {}
    for org_id, slug in Organisatie.praktijken.through.objects.filter(
        organisatie_id__in=ids
    ).values_list("organisatie_id", "praktijk__slug"):
        praktijken.setdefault(org_id, set()).add(slug)
    regions = {}
    for org_id, regio_id in Organisatie.veilig_thuis_regios.through.objects.filter(
        organisatie_id__in=ids
    ).values_list("organisatie_id", "veiligthuisregio_id"):
        regions.setdefault(org_id, set()).add(regio_id)
    for org_id, regio_id in Organisatie.gemeenten.through.objects.filter(
        organisatie_id__in=ids
    ).values_list("organisatie_id", "gemeente__veilig_thuis_regio_id"):
        regions.setdefault(org_id, set()).add(regio_id)
    vr_to_vt = {}
    for vr_id, vt_id in Gemeente.objects.values_list(
        "veiligheidsregio_id", "veilig_thuis_regio_id"
    ):
        vr_to_vt.setdefault(vr_id, set()).add(vt_id)
    for org_id, vr_id in Organisatie.veiligheidsregios.through.objects.filter(
        organisatie_id__in=ids
    ).values_list("organisatie_id", "veiligheidsregio_id"):
        regions.setdefault(org_id, set()).update(vr_to_vt.get(vr_id, ()))
    counts = {}
    for org_id, slugs in praktijken.items():
        for regio_id in regions.get(org_id, ()):
            for slug in slugs:
                counts[(regio_id, slug)] = counts.get((regio_id, slug), 0) + 1
    return counts


def coverage_counts():
    """{(regio pk, praktijk slug): number of regional or local partners}."""
    return cached_per_version("dekking", _coverage)


def coverage_rows(regios=None):
    """[{regio, cellen: [{praktijk, aantal}]}] for the given regions (default: all)."""
    counts = coverage_counts()
    praktijken = cached_per_version(
        "dekking:praktijken", lambda: list(Praktijk.objects.published())
    )
    regios = VeiligThuisRegio.objects.order_by("organisatie_naam") if regios is None else regios
    return praktijken, [
        {
            "regio": regio,
            "cellen": [
                {"praktijk": p, "aantal": counts.get((regio.pk, p.slug), 0)} for p in praktijken
            ],
        }
        for regio in regios
    ]

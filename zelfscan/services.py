"""Reading and writing zelfscans: the scans of a region, and the national picture."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from partners.models import Organisatie, VeiligThuisRegio
from partners.services import editor_regios

from .items import alle_punten, stappen_met_punten
from .models import HERZIEN_NA_DAGEN, Beoordeling, Stand, Zelfscan


def may_edit(user, regio):
    """National editors edit every region; regional editors their own regions only."""
    regios = editor_regios(user)
    return regios is None or regio.pk in regios


def editor_role(user):
    return "Landelijke redactie" if editor_regios(user) is None else "Regionale redactie"


def ensure_scans(regios=None):
    """A concept scan for every region (or the given ones) that has none yet."""
    regios = VeiligThuisRegio.objects.all() if regios is None else regios
    have = set(Zelfscan.objects.values_list("regio_id", flat=True))
    Zelfscan.objects.bulk_create(
        [Zelfscan(regio=r) for r in regios if r.pk not in have], ignore_conflicts=True
    )


def ensure_items(scan):
    """A Beoordeling at `onbekend` for every item the scan does not have yet."""
    have = {
        f"a{a}" if a else f"s{s}"
        for a, s in scan.beoordelingen.values_list("aandachtspunt_id", "sectie_id")
    }
    missing = [key for key in alle_punten() if key not in have]
    Beoordeling.objects.bulk_create(
        [
            Beoordeling(
                scan=scan,
                aandachtspunt_id=int(key[1:]) if key[0] == "a" else None,
                sectie_id=int(key[1:]) if key[0] == "s" else None,
            )
            for key in missing
        ],
        ignore_conflicts=True,
    )


def scan_for_editing(regio):
    with transaction.atomic():
        scan, _ = Zelfscan.objects.get_or_create(regio=regio)
        ensure_items(scan)
    return scan


def is_due(beoordeling, today=None):
    """Never reviewed, or reviewed longer ago than HERZIEN_NA_DAGEN."""
    if beoordeling is None or beoordeling.beoordeeld_op is None:
        return False
    today = today or timezone.localdate()
    return today - beoordeling.beoordeeld_op > timedelta(days=HERZIEN_NA_DAGEN)


def region_view(scan):
    """The steps of one scan, each with its items and their Beoordeling (or None)."""
    # Only published partners are named: an archived one would be a dead link.
    published = Prefetch("organisaties", queryset=Organisatie.objects.published())
    beoordelingen = (
        {b.item_key: b for b in scan.beoordelingen.prefetch_related(published)} if scan else {}
    )
    today = timezone.localdate()
    steps = []
    for stap in stappen_met_punten():
        rows = []
        for punt in stap.punten:
            b = beoordelingen.get(punt.key)
            rows.append(
                {
                    "punt": punt,
                    "b": b,
                    "stand": b.stand if b else Stand.ONBEKEND,
                    "due": is_due(b, today),
                }
            )
        steps.append({"stap": stap, "rows": rows, "cel": cell(rows)})
    return steps


def cell(rows):
    """Share geregeld and count onbekend of a list of rows with a `stand`."""
    total = len(rows)
    geregeld = sum(1 for r in rows if r["stand"] == Stand.GEREGELD)
    onbekend = sum(1 for r in rows if r["stand"] == Stand.ONBEKEND)
    return {
        "totaal": total,
        "geregeld": geregeld,
        "onbekend": onbekend,
        "aandeel": round(100 * geregeld / total) if total else None,
    }


def national_picture():
    """Per region (published scans only) and step: the cells; and per item, the regions
    that arranged it. Two queries besides the cached item list."""
    steps = stappen_met_punten()
    regios = list(VeiligThuisRegio.objects.order_by("organisatie_naam"))
    stands = {}
    published = dict(
        Zelfscan.objects.filter(status=Zelfscan.Status.GEPUBLICEERD).values_list(
            "regio_id", "gepubliceerd_op"
        )
    )
    for regio_id, a, s, stand in Beoordeling.objects.filter(
        scan__regio_id__in=list(published)
    ).values_list("scan__regio_id", "aandachtspunt_id", "sectie_id", "stand"):
        stands[(regio_id, f"a{a}" if a else f"s{s}")] = stand
    rows = []
    arranged = {key: [] for key in alle_punten()}
    for regio in regios:
        is_published = regio.pk in published
        cells = []
        all_rows = []
        for stap in steps:
            stap_rows = [
                {"stand": stands.get((regio.pk, p.key), Stand.ONBEKEND)} for p in stap.punten
            ]
            cells.append(cell(stap_rows) if is_published else None)
        if is_published:
            for key in arranged:
                stand = stands.get((regio.pk, key), Stand.ONBEKEND)
                all_rows.append({"stand": stand})
                if stand == Stand.GEREGELD:
                    arranged[key].append(regio)
        rows.append(
            {
                "regio": regio,
                "gepubliceerd": is_published,
                "gepubliceerd_op": published.get(regio.pk),
                "cellen": cells,
                "totaal": cell(all_rows) if is_published else None,
            }
        )
    items = [{"punt": punt, "regios": arranged[key]} for key, punt in alle_punten().items()]
    return {"stappen": steps, "rijen": rows, "items": items}

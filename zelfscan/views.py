"""Public pages of the zelfscan: one region's scan, the national picture, CSV exports."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partners.dekking import coverage_rows
from partners.geo import vt_region_paths
from partners.models import VeiligThuisRegio
from routekaart.caching import cache_public_page

from .models import Zelfscan
from .services import national_picture, region_view

CSV_COLUMNS = [
    "regio",
    "stap",
    "punt",
    "stand",
    "toelichting",
    "verantwoordelijke organisaties",
    "laatst beoordeeld op",
    "beoordeeld door",
]
# Shares of items "geregeld" in five classes, for the map; each has a pattern too.
MAP_CLASSES = ((80, "5"), (60, "4"), (40, "3"), (20, "2"), (0, "1"))


def _published_scan(regio):
    scan = Zelfscan.objects.filter(regio=regio).first()
    return scan if scan is not None and scan.is_published else None


@require_safe
@cache_public_page
def regio(request, slug):
    regio = get_object_or_404(VeiligThuisRegio, slug=slug)
    scan = _published_scan(regio)
    praktijken, dekking = coverage_rows([regio])
    context = {
        "regio": regio,
        "scan": scan,
        "stappen": region_view(scan) if scan else [],
        "praktijken": praktijken,
        "dekking": dekking[0],
    }
    return render(request, "zelfscan/regio.html", context)


def _csv_response(filename, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # so that spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS)
    writer.writerows([[_cell(value) for value in row] for row in rows])
    return response


def _cell(value):
    """No formulas: a cell an editor starts with = + - or @ is kept as text."""
    value = str(value)
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


def _scan_rows(regio, scan):
    for step in region_view(scan):
        for row in step["rows"]:
            b = row["b"]
            yield [
                regio.organisatie_naam,
                f"{step['stap'].nummer}. {step['stap'].naam}",
                row["punt"].titel,
                row["stand"],
                b.toelichting if b else "",
                "; ".join(o.naam for o in b.organisaties.all()) if b else "",
                b.beoordeeld_op.isoformat() if b and b.beoordeeld_op else "",
                b.beoordeeld_door if b else "",
            ]


@require_safe
def regio_csv(request, slug):
    regio = get_object_or_404(VeiligThuisRegio, slug=slug)
    scan = _published_scan(regio)
    rows = list(_scan_rows(regio, scan)) if scan else []
    return _csv_response(f"zelfscan-{regio.slug}.csv", rows)


@require_safe
def nationaal_csv(request):
    rows = []
    for scan in Zelfscan.objects.filter(status=Zelfscan.Status.GEPUBLICEERD).select_related(
        "regio"
    ):
        rows.extend(_scan_rows(scan.regio, scan))
    return _csv_response("zelfscans.csv", rows)


def _map(picture):
    by_code = {row["regio"].code: row for row in picture["rijen"]}
    shapes = []
    for shape in vt_region_paths():
        row = by_code.get(shape["code"])
        if row is None:
            continue
        share = row["totaal"]["aandeel"] if row["totaal"] else None
        klasse = "leeg" if share is None else next(k for limit, k in MAP_CLASSES if share >= limit)
        shapes.append(
            {
                **shape,
                "name": row["regio"].organisatie_naam,
                "url": row["regio"].get_absolute_url() + "zelfscan/",
                "klasse": klasse,
                "label": "–" if share is None else f"{share}%",
            }
        )
    return shapes


@require_safe
@cache_public_page
def nationaal(request):
    picture = national_picture()
    praktijken, dekking = coverage_rows()
    context = {
        **picture,
        "kaart": _map(picture),
        "praktijken": praktijken,
        "dekking": dekking,
    }
    return render(request, "zelfscan/nationaal.html", context)

"""The region layers the map at /regios/ can show, chosen with ?laag=.

Each layer names its map file, the model whose codes match the file's `statcode`,
and where a region leads: the Veilig Thuis region's page, or the page of the public
organisation that serves it (GGD, politie-eenheid, rechtbank). Veiligheidsregio's
and jeugdregio's have no page of their own here; the map shows them without links
and the list beside it names them with their gemeenten.
"""

from dataclasses import dataclass

from django.db.models import Count
from django.urls import reverse
from django.utils.text import slugify

from partners.geo import layer_paths
from partners.models import (
    Arrondissement,
    GGDRegio,
    Jeugdregio,
    Organisatie,
    PolitieEenheid,
    Veiligheidsregio,
    VeiligThuisRegio,
)

DEFAULT_LAYER = "veilig-thuis"


@dataclass(frozen=True)
class Kaartlaag:
    key: str
    label: str  # plural, for headings: "GGD-regio's"
    in_zin: str  # the same inside a sentence: "politie-eenheden"
    filename: str
    model: type
    # The slug of the Organisatie a region leads to, or None for no link.
    organisation_slug: object = None


LAYERS = {
    layer.key: layer
    for layer in (
        Kaartlaag(
            "veilig-thuis",
            "Veilig Thuis-regio's",
            "Veilig Thuis-regio's",
            "veilig-thuis-regios-2025.geojson",
            VeiligThuisRegio,
        ),
        Kaartlaag(
            "veiligheidsregio",
            "Veiligheidsregio's",
            "veiligheidsregio's",
            "veiligheidsregios-2025.geojson",
            Veiligheidsregio,
        ),
        Kaartlaag(
            "ggd",
            "GGD-regio's",
            "GGD-regio's",
            "geo/ggdregio_2025.topojson",
            GGDRegio,
            lambda r: slugify(r.naam),
        ),
        Kaartlaag(
            "politie",
            "Politie-eenheden",
            "politie-eenheden",
            "geo/regionale_eenheid_2025.topojson",
            PolitieEenheid,
            lambda r: f"politie-eenheid-{slugify(r.naam)}",
        ),
        Kaartlaag(
            "arrondissement",
            "Arrondissementen (rechtbanken)",
            "arrondissementen",
            "geo/arrondissementsgebied_2025.topojson",
            Arrondissement,
            lambda r: slugify(r.rechtbank),
        ),
        Kaartlaag(
            "jeugdregio", "Jeugdregio's", "jeugdregio's", "geo/jeugdregio_2025.topojson", Jeugdregio
        ),
    )
}


def layer_regions(layer, current=None):
    """(shapes for the SVG map, rows for the text list) of one layer.

    Shapes: {code, path_d, label_x, label_y, url, name, is_current}; rows: {name, url,
    aantal}, sorted by name. Three queries, whatever the layer.
    """
    regions = {r.code: r for r in layer.model.objects.annotate(aantal=Count("gemeenten"))}
    if layer.key == "veilig-thuis":
        urls = {code: r.get_absolute_url() for code, r in regions.items()}
        names = {code: r.organisatie_naam for code, r in regions.items()}
    else:
        names = {code: r.naam for code, r in regions.items()}
        urls = {}
        if layer.organisation_slug is not None:
            slugs = {code: layer.organisation_slug(r) for code, r in regions.items()}
            published = set(
                Organisatie.objects.published()
                .filter(slug__in=slugs.values())
                .values_list("slug", flat=True)
            )
            urls = {
                code: reverse("partners:detail", kwargs={"slug": slug})
                for code, slug in slugs.items()
                if slug in published
            }
    shapes = []
    for shape in layer_paths(layer.filename):
        if shape["code"] not in regions:
            continue
        shape |= {
            "url": urls.get(shape["code"], ""),
            "name": names[shape["code"]],
            "is_current": current is not None and shape["code"] == current,
        }
        shapes.append(shape)
    rows = sorted(
        (
            {"name": names[code], "url": urls.get(code, ""), "aantal": r.aantal}
            for code, r in regions.items()
        ),
        key=lambda row: row["name"],
    )
    return shapes, rows

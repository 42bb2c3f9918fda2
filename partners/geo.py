"""Server-side SVG maps of the region layers, without any third-party JavaScript.

Veilig Thuis-regio's and veiligheidsregio's come as GeoJSON; GGD-regio's,
politie-eenheden, arrondissementen and jeugdregio's as TopoJSON (fixtures/reference/geo,
same source), decoded here.

Bron: CBS, PDOK. The boundaries are the CBS Veilig Thuis-regio indeling 2025 as
simplified by the GitHub repository cartomap/nl (mapshaper, commit
01e3b4cea860e7bb5dc3bddbfff72d3e4f4709e6), converted to GeoJSON (WGS84) and
stored in fixtures/reference; see fixtures/README.md for provenance and licence.

The geometry is coarse and only fit for a whole-country map. A plain
equirectangular projection, with longitude scaled by cos(52.2°) (the latitude
of the middle of the Netherlands), is indistinguishable from a proper projection
at this size and needs no GIS library. The result is cached in-process because
the file does not change while the site runs.
"""

import json
import math
from functools import lru_cache
from pathlib import Path

from django.conf import settings

VIEWBOX_WIDTH = 600
VIEWBOX_HEIGHT = 720
VIEWBOX = f"0 0 {VIEWBOX_WIDTH} {VIEWBOX_HEIGHT}"
PADDING = 10
LON_SCALE = math.cos(math.radians(52.2))

VT_REGIONS_FILE = "veilig-thuis-regios-2025.geojson"


def reference_dir():
    return Path(settings.BASE_DIR) / "fixtures" / "reference"


def vt_region_paths():
    """One SVG path per Veilig Thuis-regio: [{code, path_d, label_x, label_y}], sorted by code.

    Fresh dicts on every call, so a view can add url/name/is_current (see layer_paths).
    """
    return layer_paths(VT_REGIONS_FILE)


# The name partners/views.py imports.
vt_region_shapes = vt_region_paths


def layer_paths(filename):
    """One SVG path per region of a GeoJSON or TopoJSON file in fixtures/reference, like
    vt_region_paths: [{code, path_d, label_x, label_y}] (fresh dicts)."""
    return [dict(region) for region in _region_paths(filename, "statcode")]


def _features(filename):
    with (reference_dir() / filename).open(encoding="utf-8") as handle:
        data = json.load(handle)
    if data.get("type") == "Topology":
        return _topojson_features(data)
    return data["features"]


def _topojson_features(topology):
    """TopoJSON (quantised, delta-encoded arcs) as GeoJSON-like features.

    Each arc is a list of positions, the first absolute and the rest deltas in the
    quantised grid; `transform` maps the grid to longitude and latitude. A polygon ring
    is a list of arc indexes, where ~i means arc i reversed; consecutive arcs share
    their end point, which is kept once.
    """
    scale_x, scale_y = topology["transform"]["scale"]
    shift_x, shift_y = topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * scale_x + shift_x, y * scale_y + shift_y])
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])
        return points

    features = []
    for collection in topology["objects"].values():
        for geometry in collection["geometries"]:
            if geometry["type"] == "Polygon":
                coordinates = [ring(r) for r in geometry["arcs"]]
            elif geometry["type"] == "MultiPolygon":
                coordinates = [[ring(r) for r in polygon] for polygon in geometry["arcs"]]
            else:
                continue
            features.append(
                {
                    "properties": geometry.get("properties", {}),
                    "geometry": {"type": geometry["type"], "coordinates": coordinates},
                }
            )
    return features


@lru_cache(maxsize=8)
def _region_paths(filename, code_property):
    """Project, fit and format every feature of a map file (cached; returns a tuple)."""
    features = _features(filename)
    polygons_by_code = {
        feature["properties"][code_property]: _polygons(feature["geometry"]) for feature in features
    }
    fit = _fit([ring for polygons in polygons_by_code.values() for p in polygons for ring in p])
    regions = []
    for code in sorted(polygons_by_code):
        polygons = [[[fit(point) for point in ring] for ring in p] for p in polygons_by_code[code]]
        label_x, label_y = _label_point(polygons)
        regions.append(
            {
                "code": code,
                "path_d": _path_d(polygons),
                "label_x": round(label_x, 1),
                "label_y": round(label_y, 1),
            }
        )
    return tuple(regions)


def _polygons(geometry):
    """A Polygon or MultiPolygon as a list of polygons (each a list of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"Onverwacht geometrietype / unexpected geometry: {geometry['type']}")


def _project(lon, lat):
    """Equirectangular: x grows east, y grows south (SVG's y axis points down)."""
    return lon * LON_SCALE, -lat


def _fit(rings):
    """A function that maps lon/lat into the viewBox, centred, keeping the aspect ratio."""
    points = [_project(lon, lat) for ring in rings for lon, lat in ring]
    min_x, max_x = min(p[0] for p in points), max(p[0] for p in points)
    min_y, max_y = min(p[1] for p in points), max(p[1] for p in points)
    scale = min(
        (VIEWBOX_WIDTH - 2 * PADDING) / (max_x - min_x),
        (VIEWBOX_HEIGHT - 2 * PADDING) / (max_y - min_y),
    )
    offset_x = (VIEWBOX_WIDTH - scale * (max_x - min_x)) / 2
    offset_y = (VIEWBOX_HEIGHT - scale * (max_y - min_y)) / 2

    def fit(point):
        x, y = _project(point[0], point[1])
        return offset_x + scale * (x - min_x), offset_y + scale * (y - min_y)

    return fit


def _number(value):
    """One decimal is sub-pixel at this size; drop a trailing '.0' to keep the HTML small."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _path_d(polygons):
    """All rings of all polygons in one path; holes stay holes with fill-rule: evenodd."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = []
            for x, y in ring:
                point = f"{_number(x)} {_number(y)}"
                if not points or points[-1] != point:
                    points.append(point)
            if len(points) > 1 and points[-1] == points[0]:
                points.pop()  # "Z" closes the ring
            if len(points) >= 3:
                parts.append("M" + "L".join(points) + "Z")
    return "".join(parts)


def _ring_area_centroid(ring):
    """Signed area and centroid of a ring (shoelace formula)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if area == 0:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, (sum(xs) / len(xs), sum(ys) / len(ys))
    return area, (cx / (6 * area), cy / (6 * area))


def _label_point(polygons):
    """A point inside the largest polygon, for a marker on the region.

    The centroid alone can fall in a hole or a bay (Zeeland's is in the
    Oosterschelde), so take the widest inside stretch of the horizontal line
    through the centroid and use its middle.
    """
    largest = max(polygons, key=lambda p: abs(_ring_area_centroid(p[0])[0]))
    _, (cx, cy) = _ring_area_centroid(largest[0])
    crossings = sorted(
        x0 + (cy - y0) * (x1 - x0) / (y1 - y0)
        for ring in largest
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)
        if (y0 > cy) != (y1 > cy)
    )
    stretches = list(zip(crossings[0::2], crossings[1::2], strict=False))
    if not stretches:
        return cx, cy
    left, right = max(stretches, key=lambda s: s[1] - s[0])
    return (left + right) / 2, cy

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from partners.dekking import coverage_rows
from partners.experts import practices_with_experts
from partners.filters import OrganisatieFilter, organisatietype_choices
from partners.geo import vt_region_paths
from partners.kaartlagen import DEFAULT_LAYER, LAYERS, layer_regions
from partners.lookup import find_gemeente_pk, find_place, suggest_gemeenten
from partners.models import (
    Contactpersoon,
    Gemeente,
    Niveau,
    Organisatie,
    Organisatietype,
    VeiligThuisRegio,
    Voorziening,
)
from praktijken.filters import praktijk_choices
from routekaart.caching import cache_public_page
from routekaart.pagination import page_number
from routekaart.versioning import cached_per_version, memoised_per_version
from stappen.filters import plaats_choices, stap_choices

PAGE_SIZE = 20
SINGLE_VALUE_PARAMS = ("q", "praktijk", "stap", "niveau", "type", "regio", "gemeente", "pagina")


FACETS = (
    ("Praktijk", "praktijken__slug", praktijk_choices),
    ("Niveau", "niveau", lambda: Niveau.choices),
    ("Stap", "stappen__nummer", stap_choices),
    ("Soort organisatie", "type__slug", organisatietype_choices),
)


def _facet_index():
    """{field: {value: frozenset of organisation ids}} for the four facets.

    Built once per data version in each process: counting within a result list is then
    a set intersection per value instead of four grouped queries over the list's ids
    (docs/benchmarks.md). Unpublished organisations are in it too; the result ids never
    name them.
    """

    def build():
        index = {}
        for _title, field, _choices in FACETS:
            members = {}
            rows = Organisatie.objects.filter(**{f"{field}__isnull": False}).values_list(
                field, "pk"
            )
            for value, pk in rows.iterator(chunk_size=5000):
                members.setdefault(value, set()).add(pk)
            index[field] = {value: frozenset(pks) for value, pks in members.items()}
        return index

    return memoised_per_version("directory-facets", build)


def _facets(ids):
    """Counts per filter value within the results, whose ids are `ids`."""
    ids = frozenset(ids)
    index = _facet_index()
    facets = []
    for title, field, choices in FACETS:
        members = index[field]
        values = [(label, len(ids & members.get(value, frozenset()))) for value, label in choices()]
        facets.append({"title": title, "values": [v for v in values if v[1]]})
    return facets


def _filtered_page(queryset, number):
    """A page of the ids of a filtered list, and the ids of all its results.

    The directory filter (a gemeente's partners: national ones, or linked through the
    gemeente, its Veilig Thuis-regio or its veiligheidsregio) scans every partner. Run
    once for the ids, the count, the page and the facets then need no query of their own
    (docs/benchmarks.md). The page holds ids: `{% org_cards %}` fetches only the
    organisations whose card is not cached.
    """
    ids = list(dict.fromkeys(queryset.values_list("pk", flat=True)))
    return Paginator(ids, PAGE_SIZE).get_page(number), ids


@require_safe
@cache_public_page
def index(request):
    repeated = [k for k in SINGLE_VALUE_PARAMS if len(request.GET.getlist(k)) > 1]
    data = request.GET.copy()
    for key in repeated:
        data.pop(key)
    organisatie_filter = OrganisatieFilter(data or None)
    number = page_number(request.GET.get("pagina"))
    # Counts per value help once a filter narrows the list; unfiltered they would cost
    # four aggregations over every partner for little use.
    is_filtered = any(data.get(k) for k in SINGLE_VALUE_PARAMS if k != "pagina")
    if is_filtered:
        page, ids = _filtered_page(organisatie_filter.qs, number)
        facets = _facets(ids)
    else:
        results = organisatie_filter.qs.values_list("pk", flat=True)
        page = Paginator(results, PAGE_SIZE).get_page(number)
        page.object_list = list(page.object_list)
        facets = None
    gemeente = (
        organisatie_filter.form.cleaned_data.get("gemeente")
        if (organisatie_filter.is_bound and hasattr(organisatie_filter.form, "cleaned_data"))
        else None
    )
    query_without_page = data.copy()
    query_without_page.pop("pagina", None)
    context = {
        "filter": organisatie_filter,
        "page": page,
        "repeated": repeated,
        "facets": facets,
        "gemeente": gemeente,
        "querystring": query_without_page.urlencode(),
        "is_filtered": is_filtered,
    }
    return render(request, "partners/index.html", context)


@require_safe
@cache_public_page
def detail(request, slug):
    organisatie = get_object_or_404(
        Organisatie.objects.published()
        .select_related("type")
        .prefetch_related(
            "praktijken",
            "stappen",
            "expert_voor",
            "veilig_thuis_regios",
            "veiligheidsregios",
            Prefetch("gemeenten", queryset=Gemeente.objects.only("naam", "slug")),
            Prefetch("voorzieningen", queryset=Voorziening.objects.published()),
            Prefetch("contactpersonen", queryset=Contactpersoon.objects.published()),
        ),
        slug=slug,
    )
    contactpersonen = [c for c in organisatie.contactpersonen.all() if c.visible_to(request.user)]
    context = {
        "organisatie": organisatie,
        "contactpersonen": contactpersonen,
        "verborgen_contactpersonen": len(organisatie.contactpersonen.all()) - len(contactpersonen),
    }
    return render(request, "partners/detail.html", context)


@require_safe
@cache_public_page
def gemeenten(request):
    """The find-your-gemeente box. A gemeente, woonplaats or postcode that leads to one
    gemeente redirects there (saying why); a name of several gemeenten lists them."""
    query = request.GET.get("gemeente", "").strip()
    suggestions = []
    error = uitleg = ""
    if query:
        plaats = find_place(query)
        if plaats.gevonden:
            target = Gemeente.objects.get(pk=plaats.gemeente_pks[0]).get_absolute_url()
            return redirect(f"{target}?{urlencode(plaats.via)}" if plaats.via else target)
        if plaats.meerdere:
            suggestions = list(Gemeente.objects.filter(pk__in=plaats.gemeente_pks))
            uitleg = plaats.uitleg
        else:
            suggestions = list(Gemeente.objects.filter(pk__in=suggest_gemeenten(query)))
            if not suggestions:
                error = plaats.uitleg
    context = {
        "query": query[:100],
        "suggestions": suggestions,
        "uitleg": uitleg,
        "error": error,
        "regios": VeiligThuisRegio.objects.prefetch_related(
            Prefetch(
                "gemeenten", queryset=Gemeente.objects.only("naam", "slug", "veilig_thuis_regio")
            )
        ),
    }
    return render(request, "partners/gemeenten.html", context)


PER_TYPE = 10


def _published_order():
    """{pk: (position by name, type id, niveau)} of every published organisation.

    Built once per data version in each process (one query). A gemeente's partners are
    then ordered and grouped from the ids in its link tables, without reading their rows:
    that read was a scan of every partner on PostgreSQL (docs/benchmarks.md).
    """

    def build():
        rows = Organisatie.objects.published().order_by("naam", "pk")
        return {
            pk: (position, type_id, niveau)
            for position, (pk, type_id, niveau) in enumerate(
                rows.values_list("pk", "type_id", "niveau").iterator(chunk_size=5000)
            )
        }

    return memoised_per_version("published-order", build)


def _served_by_type(ids):
    """Regional and local partners grouped by type, every type listed, at most PER_TYPE each.

    `ids` are those of every organisation that serves the place (published or not, in
    any order). The groups hold ids: their cards and front doors are fragments cached
    per data version (`{% org_cards %}`, `{% public_partners %}`), which fetch only the
    organisations not yet rendered.
    """
    order = _published_order()
    rows = sorted(order[pk] + (pk,) for pk in set(ids) if pk in order)
    by_type = {}
    for _position, type_id, niveau, pk in rows:
        if niveau != Niveau.LANDELIJK:
            by_type.setdefault(type_id, []).append(pk)
    return [
        {
            "type": org_type,
            "organisaties": by_type.get(org_type.pk, [])[:PER_TYPE],
            "aantal": len(by_type.get(org_type.pk, [])),
        }
        for org_type in _regional_types()
    ]


@require_safe
@cache_public_page
def gemeente(request, slug):
    """ "Wie belt u hier?": Veilig Thuis, the public partners of the gemeente's regions,
    the national experts, then every other type of partner."""
    try:
        gemeente = Gemeente.objects.cached_with_regions(slug=slug)
    except Gemeente.DoesNotExist:
        raise Http404("Onbekende gemeente.") from None
    groups = _served_by_type(Organisatie.objects.linked_to_gemeente(gemeente))
    by_type = {g["type"].slug: g for g in groups}
    publiek = [pk for slug in PUBLIC_TYPES for pk in by_type.get(slug, {}).get("organisaties", [])]
    shown_apart = {*PUBLIC_TYPES, "veilig-thuis"}
    context = {
        "gemeente": gemeente,
        "veilig_thuis": _veilig_thuis(groups),
        "regio": gemeente.veilig_thuis_regio,
        "publiek": publiek,
        "landelijk_publiek": _national_public(),
        "gevonden_via": _found_via(request, gemeente),
        "dekking": _coverage(gemeente.veilig_thuis_regio),
        "experts": practices_with_experts(),
        "groups": [g for g in groups if g["type"].slug not in shown_apart],
        "filter_query": f"gemeente={gemeente.code}",
        "voorbeeld_plaatsen": _plaatsen_in(gemeente),
    }
    return render(request, "partners/gemeente.html", context)


def _national_public():
    """The national public partners every gemeente page shows, with their type
    (one query per data version, then cached)."""
    return cached_per_version(
        "landelijk-publiek",
        lambda: list(
            Organisatie.objects.national()
            .filter(type__slug__in=NATIONAL_PUBLIC_TYPES)
            .select_related("type")
        ),
    )


def _regional_types():
    """Every type of regional and local partner (one query per data version)."""
    return cached_per_version(
        "organisatietypes-regionaal",
        lambda: list(Organisatietype.objects.exclude(niveau=Niveau.LANDELIJK)),
    )


def _coverage(regio):
    """The region's row of the expertise coverage (cached; no query on a warm cache)."""
    return coverage_rows([regio])[1][0]


# The public organisations every gemeente has, in the order a caller needs them.
PUBLIC_TYPES = ("ggd", "politie", "openbaar-ministerie", "rechtbank")
NATIONAL_PUBLIC_TYPES = ("centrum-seksueel-geweld",)


def _found_via(request, gemeente):
    """Why the finder chose this gemeente, from ?woonplaats=WP1474 or ?postcode=5911.

    Only values that really belong to this gemeente are explained; others are ignored.
    """
    code = request.GET.get("woonplaats", "")[:6]
    if code:
        plaats = gemeente.woonplaatsen.filter(code=code).first()
        if plaats is not None:
            return f"{plaats.naam} ligt in de gemeente {gemeente.naam}."
    pc4 = request.GET.get("postcode", "")[:4]
    if pc4:
        if gemeente.postcodes.filter(pc4=pc4).exists():
            return f"Postcode {pc4} ligt in de gemeente {gemeente.naam}."
    return ""


def _plaatsen_in(gemeente):
    """The places named by practice examples that are this gemeente ("Den Haag" for
    's-Gravenhage), from the cached choice list: no query on a warm cache."""
    return [p for p, _ in plaats_choices() if find_gemeente_pk(p) == gemeente.pk]


def _veilig_thuis(groups):
    """The first Veilig Thuis organisation of the groups, whose contact details the page
    shows (one query), or None."""
    for group in groups:
        if group["type"].slug == "veilig-thuis" and group["organisaties"]:
            return Organisatie.objects.get(pk=group["organisaties"][0])
    return None


def _map_regions(current=None):
    regios = {r.code: r for r in VeiligThuisRegio.objects.all()}
    shapes = []
    for shape in vt_region_paths():
        regio = regios.get(shape["code"])
        if regio is None:
            continue
        shapes.append(
            {
                **shape,
                "url": regio.get_absolute_url(),
                "name": regio.organisatie_naam,
                "is_current": current is not None and regio.pk == current.pk,
            }
        )
    return shapes


@require_safe
@cache_public_page
def regios(request):
    """The map of one region layer (?laag=ggd, politie, ...), with a list as its text."""
    key = request.GET.get("laag") or DEFAULT_LAYER
    layer = LAYERS.get(key)
    status = 200
    if layer is None:
        layer, status = LAYERS[DEFAULT_LAYER], 400
    shapes, rows = layer_regions(layer)
    context = {
        "layer": layer,
        "layers": LAYERS.values(),
        "unknown_layer": key[:40] if status == 400 else "",
        "map_regions": shapes,
        "rows": rows,
    }
    return render(request, "partners/regios.html", context, status=status)


@require_safe
@cache_public_page
def regio(request, slug):
    regio = get_object_or_404(VeiligThuisRegio, slug=slug)
    groups = _served_by_type(
        Organisatie.objects.for_regio(regio)
        .exclude(niveau=Niveau.LANDELIJK)
        .values_list("pk", flat=True)
    )
    context = {
        "regio": regio,
        "gemeenten": regio.gemeenten.all(),
        "veilig_thuis": _veilig_thuis(groups),
        "groups": groups,
        "map_regions": _map_regions(current=regio),
        "experts": practices_with_experts(),
        "dekking": _coverage(regio),
        "filter_query": f"regio={regio.code}",
    }
    return render(request, "partners/regio.html", context)

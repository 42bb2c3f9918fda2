from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from praktijken.models import published_practices
from routekaart.caching import cache_public_page
from routekaart.versioning import cached_per_version
from stappen.filters import VoorbeeldFilter
from stappen.models import published_steps


@require_safe
@cache_public_page
def index(request):
    """The chapter on the chain steps (its text comes from `{% hoofdstuk_inhoud %}`)."""
    context = {"stappen": published_steps()}
    return render(request, "stappen/index.html", context)


@require_safe
@cache_public_page
def detail(request, slug):
    """One step. Tagged content and organisation types come from the apps above,
    through the template tags `getagde_inhoud` and `organisatietypes`."""
    route = published_steps()
    position = next((i for i, s in enumerate(route) if s.slug == slug), None)
    if position is None:
        raise Http404("Geen gepubliceerde stap met deze slug.")
    stap = route[position]
    context = {
        "stap": stap,
        "route": route,
        "vorige": route[position - 1] if position > 0 else None,
        "volgende": route[position + 1] if position + 1 < len(route) else None,
        "bronnen": cached_per_version(
            f"stap-bronnen:{stap.pk}",
            lambda: list(stap.bronnen.published().prefetch_related("praktijken")),
        ),
        "praktijken": published_practices(),
    }
    return render(request, "stappen/detail.html", context)


@require_safe
@cache_public_page
def checklist(request, slug):
    """What must be arranged in one step, alone, to print on one or two A4 pages.

    The sections come from `{% checklist_inhoud stap %}`: the step's "Wat moet er zijn of
    geregeld worden?" with the sub-sections under it and their checklists.
    """
    stap = next((s for s in published_steps() if s.slug == slug), None)
    if stap is None:
        raise Http404("Geen gepubliceerde stap met deze slug.")
    return render(request, "stappen/checklist.html", {"stap": stap})


@require_safe
@cache_public_page
def voorbeelden(request):
    """Every practice example, method, tip and agreement, filterable by GET parameters."""
    voorbeeld_filter = VoorbeeldFilter(request.GET or None)
    context = {"filter": voorbeeld_filter, "voorbeelden": voorbeeld_filter.qs}
    return render(request, "stappen/voorbeelden.html", context)

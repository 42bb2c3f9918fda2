from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from praktijken.models import published_practices
from routekaart.caching import cache_public_page
from routekaart.versioning import cached_per_version


@require_safe
@cache_public_page
def index(request):
    """The chapter on harmful practices (its text comes from `{% hoofdstuk_inhoud %}`)."""
    return render(request, "praktijken/index.html", {"praktijken": published_practices()})


@require_safe
@cache_public_page
def detail(request, slug):
    """One practice. Experts, frameworks and tagged content come from the apps above,
    through the template tags `experts`, `kaders_voor` and `getagde_inhoud`."""
    praktijk = next((p for p in published_practices() if p.slug == slug), None)
    if praktijk is None:
        raise Http404("Geen gepubliceerde praktijk met deze slug.")
    context = {"praktijk": praktijk, **_shown_with(praktijk)}
    return render(request, "praktijken/detail.html", context)


def _shown_with(praktijk):
    """The published forms, figures, stories and sources of a practice: four queries
    once per data version, then cached."""
    return cached_per_version(
        f"praktijk-inhoud:{praktijk.pk}",
        lambda: {
            "vormen": list(praktijk.vormen.published()),
            "cijfers": list(praktijk.cijfers.published()),
            "verhalen": list(praktijk.verhalen.published()),
            "bronnen": list(praktijk.bronnen.published()),
        },
    )

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from praktijken.models import Praktijk
from routekaart.caching import cache_public_page


@require_safe
@cache_public_page
def index(request):
    """The chapter on harmful practices (its text comes from `{% hoofdstuk_inhoud %}`)."""
    return render(request, "praktijken/index.html", {"praktijken": Praktijk.objects.published()})


@require_safe
@cache_public_page
def detail(request, slug):
    """One practice. Experts, frameworks and tagged content come from the apps above,
    through the template tags `experts`, `kaders_voor` and `getagde_inhoud`."""
    praktijk = get_object_or_404(Praktijk.objects.published(), slug=slug)
    context = {
        "praktijk": praktijk,
        "vormen": praktijk.vormen.published(),
        "cijfers": praktijk.cijfers.published(),
        "verhalen": praktijk.verhalen.published(),
        "bronnen": praktijk.bronnen.published(),
    }
    return render(request, "praktijken/detail.html", context)

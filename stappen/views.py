from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partners.models import Organisatietype
from praktijken.models import Praktijk
from routekaart.caching import cache_public_page
from routekaart.content import chapter_sections, tagged_content
from routekaart.models import Hoofdstuk
from stappen.models import Ketenstap


@require_safe
@cache_public_page
def index(request):
    chapter = get_object_or_404(Hoofdstuk.objects.published(), slug="stappen-in-de-ketenaanpak")
    sections, loose = chapter_sections(chapter)
    context = {
        "hoofdstuk": chapter,
        "sections": sections,
        "loose": loose,
        "stappen": Ketenstap.objects.published().select_related("hoofdstuk"),
    }
    return render(request, "stappen/index.html", context)


@require_safe
@cache_public_page
def detail(request, slug):
    stap = get_object_or_404(Ketenstap.objects.published().select_related("hoofdstuk"), slug=slug)
    route = list(Ketenstap.objects.published())
    position = next(i for i, s in enumerate(route) if s.pk == stap.pk)
    tagged = tagged_content(stap=stap)
    context = {
        "stap": stap,
        "route": route,
        "vorige": route[position - 1] if position > 0 else None,
        "volgende": route[position + 1] if position + 1 < len(route) else None,
        "tagged": tagged,
        "bronnen": stap.bronnen.published().prefetch_related("praktijken"),
        "praktijken": Praktijk.objects.published(),
        "organisatietypes": Organisatietype.objects.filter(stappen=stap),
    }
    return render(request, "stappen/detail.html", context)

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from partners.models import Organisatie
from praktijken.models import Praktijk
from routekaart.caching import cache_public_page
from routekaart.content import chapter_sections, tagged_content
from routekaart.models import Hoofdstuk, Kader
from stappen.models import Ketenstap


@require_safe
@cache_public_page
def index(request):
    chapter = get_object_or_404(Hoofdstuk.objects.published(), slug="schadelijke-praktijken")
    sections, loose = chapter_sections(chapter)
    context = {
        "hoofdstuk": chapter,
        "sections": sections,
        "loose": loose,
        "praktijken": Praktijk.objects.published(),
    }
    return render(request, "praktijken/index.html", context)


@require_safe
@cache_public_page
def detail(request, slug):
    praktijk = get_object_or_404(
        Praktijk.objects.published().prefetch_related(
            Prefetch("experts", queryset=Organisatie.objects.published(), to_attr="eerste_experts"),
        ),
        slug=slug,
    )
    kaders = list(Kader.objects.published().filter(praktijken=praktijk))
    context = {
        "praktijk": praktijk,
        "vormen": praktijk.vormen.published(),
        "cijfers": praktijk.cijfers.published(),
        "verhalen": praktijk.verhalen.published(),
        "kaders": [k for k in kaders if k.soort != Kader.Soort.STRAFRECHTARTIKEL],
        "strafrecht": [k for k in kaders if k.soort == Kader.Soort.STRAFRECHTARTIKEL],
        "bronnen": praktijk.bronnen.published(),
        "stappen": list(Ketenstap.objects.published()),
        "tagged": tagged_content(praktijk=praktijk),
    }
    return render(request, "praktijken/detail.html", context)

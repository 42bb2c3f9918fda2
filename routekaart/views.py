"""Pages of the routekaart's own content: chapters, frameworks, sources, glossary."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from routekaart.caching import cache_public_page
from routekaart.content import chapter_sections
from routekaart.filters import BronFilter
from routekaart.models import HOME_CHAPTER, Begrip, Kader, published_chapter
from stappen.models import published_steps


def _chapter_or_404(slug):
    chapter = published_chapter(slug)
    if chapter is None:
        raise Http404("Geen gepubliceerd hoofdstuk met deze slug.")
    return chapter


@require_safe
@cache_public_page
def hoofdstuk(request, slug):
    if slug == HOME_CHAPTER:
        # The home page is the one home of the introduction's text.
        return redirect("routekaart:home", permanent=True)
    chapter = _chapter_or_404(slug)
    sections, loose = chapter_sections(chapter)
    context = {
        "hoofdstuk": chapter,
        "sections": sections,
        "loose": loose,
        "stappen": [s for s in published_steps() if s.hoofdstuk_id == chapter.pk],
    }
    return render(request, "routekaart/hoofdstuk.html", context)


@require_safe
@cache_public_page
def rol_en_kader(request):
    chapter = _chapter_or_404("rol-en-kader")
    sections, loose = chapter_sections(chapter)
    # Every framework stands once, under the section that discusses it, in source order.
    context = {"hoofdstuk": chapter, "sections": sections, "loose": loose}
    return render(request, "routekaart/rol_en_kader.html", context)


@require_safe
@cache_public_page
def kader(request, slug):
    framework = get_object_or_404(
        Kader.objects.published()
        .select_related("sectie__hoofdstuk")
        .prefetch_related("praktijken", "besproken_in__hoofdstuk"),
        slug=slug,
    )
    context = {"kader": framework, "soort_label": framework.get_soort_display()}
    return render(request, "routekaart/kader.html", context)


@require_safe
@cache_public_page
def bronnen(request):
    bron_filter = BronFilter(request.GET or None)
    context = {"filter": bron_filter, "bronnen": bron_filter.qs}
    return render(request, "routekaart/bronnen.html", context)


@require_safe
@cache_public_page
def begrippen(request):
    return render(request, "routekaart/begrippen.html", {"begrippen": Begrip.objects.published()})

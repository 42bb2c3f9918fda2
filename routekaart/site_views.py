"""The portal's own pages on top of every app: home, search, static pages, health, errors."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from partners.experts import practices_with_experts
from routekaart import search
from routekaart.caching import cache_public_page
from routekaart.content import chapter_sections
from routekaart.models import HOME_CHAPTER, published_chapter, published_chapters
from routekaart.pagination import page_number
from stappen.models import published_steps


@require_safe
@cache_public_page
def home(request):
    inleiding = published_chapter(HOME_CHAPTER)
    sections, loose = chapter_sections(inleiding) if inleiding else ([], {})
    praktijken = list(practices_with_experts())
    context = {
        "inleiding": inleiding,
        "sections": sections,
        "loose": loose,
        "praktijken": praktijken,
        "stappen": published_steps(),
        "hoofdstukken": [h for h in published_chapters() if h.slug != HOME_CHAPTER],
        "experts": praktijken,
    }
    return render(request, "routekaart/home.html", context)


@require_safe
@cache_public_page
def static_page(request, template):
    return render(request, template)


@require_safe
@never_cache
def weg(request):
    """The quick exit's stand-in history entry: it only ever sends the visitor on.

    quick-exit.js rewrites the portal's first history entry to this URL, so Back after a
    quick exit lands here and is sent to the neutral site again instead of a portal page.
    """
    response = HttpResponseRedirect(settings.QUICK_EXIT_URL)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    try:
        return render(request, "500.html", status=500)
    except Exception:  # noqa: BLE001 - the error page itself must never fail
        return HttpResponse(
            "<!DOCTYPE html><html lang='nl'><title>Storing</title><h1>Er ging iets mis</h1>"
            "<p>Probeer het later opnieuw. Acuut gevaar? Bel 112. "
            f"Veilig Thuis: {settings.VEILIG_THUIS_TELEFOON}.</p>",
            status=500,
        )


@require_safe
def zoeken(request):
    """Site search: grouped, paginated results; messages instead of errors on bad input."""
    raw = request.GET.get("q", "")
    query = search.clean_query(raw)
    message, results, hints = "", [], []
    if len(query) > search.MAX_QUERY_LENGTH:
        message = f"Uw zoekopdracht is te lang. Gebruik maximaal {search.MAX_QUERY_LENGTH} tekens."
        query = query[: search.MAX_QUERY_LENGTH]
    elif query and not search.words(query):
        message = "Vul een zoekwoord in met letters of cijfers."
    elif query:
        results = search.search(query)
        hints = search.better_queries(query, found=bool(results))
        if not results:
            message = "Geen resultaten gevonden."
            search.record_zero_result(query)
    elif "q" in request.GET:
        message = "Vul een zoekwoord in."
    order = {kind: i for i, kind in enumerate(search.kind_order())}
    results.sort(key=lambda r: (order.get(r.soort, 99), -r.rank, r.titel))
    page = Paginator(results, 20).get_page(page_number(request.GET.get("pagina")))
    context = {
        "search_query": query,
        "page": page,
        "message": message,
        "count": len(results),
        "suggestions": hints,
        "highlight_words": search.highlight_terms(query) if query else [],
        "querystring": urlencode({"q": query}),
    }
    return render(request, "routekaart/zoeken.html", context)

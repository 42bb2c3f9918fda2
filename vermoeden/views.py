"""The case route page: a GET form and, once asked, the answer below it.

The page is built per request and never cached or stored: the query string is the
whole state, so every answer is a link to share or print. No session, no cookie.
"""

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from vermoeden.case import PRAKTIJK_KEUZES, WEET_NIET, parse_case
from vermoeden.models import Situatie
from vermoeden.route import build_route


@require_safe
def route(request):
    case = parse_case(request.GET)
    route = build_route(case) if case.is_asked else None
    for praktijk in route.praktijken if route else []:
        praktijk.vermoeden_query = case.query(praktijk=praktijk.slug)
    context = {
        "case": case,
        "praktijk_keuzes": PRAKTIJK_KEUZES,
        "situatie_keuzes": Situatie.choices,
        "weet_niet": case.praktijk == WEET_NIET,
        "situatie_labels": [label for value, label in Situatie.choices if case.has(value)],
        "route": route,
        "breadcrumbs": [{"label": "Wat te doen bij een vermoeden?"}],
        "vandaag": timezone.localdate(),
        "deel_url": request.build_absolute_uri(f"{request.path}?{case.query()}"),
    }
    response = render(request, "vermoeden/route.html", context)
    # The answer names a situation someone may want to keep private: keep it out of
    # shared caches and the browser's back-forward cache stays the browser's business.
    response["Cache-Control"] = "private, no-store"
    return response

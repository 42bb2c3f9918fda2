"""The HSDS 3.0 API at /api/hsds/ and the /open-data/ page.

Every answer is JSON: 404 for an unknown id or path, 400 with a message for a bad
parameter, 405 for a method other than GET or HEAD, never a 500. Anonymous
answers are cached per data version with an ETag, like the pages
(routekaart.caching); `Access-Control-Allow-Origin: *` is set here only. No view
touches the session, so no cookie is set.
"""

import json
import math
import uuid
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from praktijken.models import Praktijk
from routekaart.caching import cache_public_page
from routekaart.versioning import cached_per_version, data_version
from stappen.models import Ketenstap

from . import mapping, params, queries
from . import openapi as openapi_document
from .params import BadParameter

LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
LICENCE_NAME = "CC BY 4.0"


def _json(data, status=200):
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body, status=status, content_type="application/json; charset=utf-8")


def error(status, message):
    return _json({"error": {"status": status, "message": message}}, status=status)


def _open_data_headers(response):
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = f'<{LICENCE_URL}>; rel="license"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def api(view):
    """GET/HEAD only, JSON errors, the page cache with ETags, CORS for everyone."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except BadParameter as e:
            return error(400, str(e))
        except Http404:
            return error(404, "Niet gevonden / not found.")

    cached = cache_public_page(guarded)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = error(405, "Alleen GET en HEAD / only GET and HEAD.")
            response["Allow"] = "GET, HEAD"
        else:
            response = cached(request, *args, **kwargs)
        return _open_data_headers(response)

    wrapper.csrf_exempt = True
    return wrapper


def _base(request):
    return f"{request.scheme}://{request.get_host()}"


def _page(request, items, build):
    """HSDS's page object over `items` (a queryset or list); `build` maps one item."""
    page, per_page = params.page_params(request.GET)
    total = items.count() if hasattr(items, "count") and not isinstance(items, list) else len(items)
    pages = math.ceil(total / per_page)
    chunk = items[(page - 1) * per_page : page * per_page]
    contents = [build(item) for item in chunk]
    return _json(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": page,
            "size": len(contents),
            "first_page": page == 1,
            "last_page": page >= pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


def _uuid(value):
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Http404 from None


@api
def root(request):
    params.unknown(request.GET)
    return _json(
        {
            "version": mapping.HSDS_VERSION,
            "profile": request.build_absolute_uri(reverse("open_data")),
            "openapi_url": request.build_absolute_uri(reverse("opendata:openapi")),
        }
    )


@api
def openapi(request):
    """HSDS's OpenAPI description with this profile's additions (see opendata.openapi)."""
    params.unknown(request.GET)
    body = openapi_document.document(
        reverse("opendata:root"),
        LICENCE_NAME,
        LICENCE_URL,
        request.build_absolute_uri(reverse("open_data")),
    )
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@api
def services(request):
    base = _base(request)
    qs = queries.light(queries.filtered(request.GET))
    return _page(request, qs, lambda org: mapping.service(org, base, full=False))


@api
def service(request, id):
    pk = queries.organisatie_for_service(_uuid(id))
    org = queries.organisaties().filter(pk=pk).first() if pk else None
    if org is None:
        raise Http404
    return _json(mapping.service(org, _base(request)))


@api
def organizations(request):
    base = _base(request)
    qs = queries.light(queries.filtered(request.GET))
    return _page(request, qs, lambda org: mapping.organization(org, base))


@api
def organization(request, id):
    org = queries.organisaties().filter(uuid=_uuid(id)).first()
    if org is None:
        raise Http404
    return _json(mapping.organization(org, _base(request), full=True))


@api
def service_at_locations(request):
    base = _base(request)
    qs = queries.public_locations(queries.filtered(request.GET, queries.published()))
    return _page(request, qs, lambda v: mapping.service_at_location(v, v.organisatie, base))


@api
def service_at_location(request, id):
    wanted = _uuid(id)
    v = queries.public_locations(queries.published()).filter(uuid=wanted).first()
    if v is None:
        raise Http404
    return _json(mapping.service_at_location(v, v.organisatie, _base(request), with_service=True))


def _all_terms(base):
    return mapping.all_terms(Praktijk.objects.published(), Ketenstap.objects.published(), base)


def _list_only(request, allowed):
    extra = sorted(set(request.GET) - allowed)
    if extra:
        raise BadParameter(f"Onbekende parameter(s) / unknown parameter(s): {', '.join(extra)}.")


@api
def taxonomies(request):
    _list_only(request, {"page", "per_page"})
    base = _base(request)
    return _page(request, list(mapping.TAXONOMIES), lambda key: mapping.taxonomy(key, base))


@api
def taxonomy(request, id):
    wanted = _uuid(id)
    for key in mapping.TAXONOMIES:
        if mapping.taxonomy_id(key) == wanted:
            return _json(mapping.taxonomy(key, _base(request)))
    raise Http404


@api
def taxonomy_terms(request):
    _list_only(request, {"page", "per_page", "taxonomy_id", "search"})
    terms = _all_terms(_base(request))
    wanted = params.uuid_param(request.GET, "taxonomy_id")
    if wanted:
        terms = [t for t in terms if t["taxonomy_id"] == wanted]
    text = params.search(request.GET).lower()
    if text:
        terms = [t for t in terms if text in t["name"].lower()]
    return _page(request, terms, lambda t: t)


@api
def taxonomy_term(request, id):
    wanted = _uuid(id)
    for t in _all_terms(_base(request)):
        if t["id"] == wanted:
            return _json(t)
    raise Http404


def _download(base):
    orgs = queries.organisaties()
    return json.dumps(
        {
            "hsds_version": mapping.HSDS_VERSION,
            "data_version": data_version(),
            "generated_at": timezone.now().isoformat(),
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "services": [mapping.service(org, base) for org in orgs],
        },
        ensure_ascii=False,
    )


@api
def download(request):
    """Every service with its organisation in one file; rebuilt on a new data version."""
    params.unknown(request.GET)
    base = _base(request)
    body = cached_per_version(f"hsds-download:{base}", lambda: _download(base))
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sociale-kaart-hsds.json"'
    return response


@api
def not_found(request, rest=""):
    raise Http404


@require_safe
@cache_public_page
def pagina(request):
    base = _base(request)
    api_base = request.build_absolute_uri(reverse("opendata:root"))
    return render(
        request,
        "opendata/open_data.html",
        {
            "api_base": api_base,
            "base": base,
            "licence_name": LICENCE_NAME,
            "licence_url": LICENCE_URL,
            "taxonomies": [mapping.taxonomy(k, base) for k in mapping.TAXONOMIES],
            "max_per_page": params.MAX_PER_PAGE,
            "site_name": getattr(settings, "PORTAL_NAME", "Routekaart schadelijke praktijken"),
        },
    )

"""The published directory as querysets, with the API's filters combined with AND."""

import uuid

from django.db.models import Prefetch, Q

from partners.models import (
    Contactpersoon,
    Gemeente,
    Organisatie,
    Veiligheidsregio,
    VeiligThuisRegio,
    Voorziening,
)
from praktijken.models import Praktijk
from routekaart.versioning import cached_per_version
from stappen.models import Ketenstap

from . import mapping, params
from .params import BadParameter


def organisaties():
    """Published organisations with everything the mapping reads, in a fixed number of queries."""
    gemeenten = Gemeente.objects.only("code", "naam", "veilig_thuis_regio", "veiligheidsregio")
    return (
        Organisatie.objects.published()
        .select_related("type")
        .prefetch_related(
            "praktijken",
            "stappen",
            Prefetch("gemeenten", queryset=gemeenten),
            Prefetch(
                "veilig_thuis_regios",
                queryset=VeiligThuisRegio.objects.prefetch_related(
                    Prefetch("gemeenten", queryset=gemeenten)
                ),
            ),
            Prefetch(
                "veiligheidsregios",
                queryset=Veiligheidsregio.objects.prefetch_related(
                    Prefetch("gemeenten", queryset=gemeenten)
                ),
            ),
            Prefetch("voorzieningen", queryset=Voorziening.objects.published()),
            Prefetch(
                "contactpersonen",
                queryset=Contactpersoon.objects.published().filter(
                    zichtbaarheid=Contactpersoon.Zichtbaarheid.PUBLIEK
                ),
            ),
        )
        .order_by("naam", "pk")
    )


def published():
    return Organisatie.objects.published().select_related("type").order_by("naam", "pk")


def public_locations(orgs):
    """Published facilities of `orgs` whose address may be shown; never a confidential one."""
    return (
        Voorziening.objects.published()
        .filter(adres_vertrouwelijk=False, organisatie__in=orgs.values("pk"))
        .exclude(adres="")
        .select_related("organisatie__type")
        .order_by("naam", "pk")
    )


def light(queryset):
    """For list pages: only what a list item shows."""
    return queryset.prefetch_related(None).select_related("type")


def terms_by_id(base_url=""):
    """Every taxonomy term id -> (taxonomy key, slug, term object)."""
    found = {}
    for p in Praktijk.objects.published():
        found[mapping.term_id("praktijken", p.slug)] = ("praktijken", p.slug, p)
    for s in Ketenstap.objects.published():
        found[mapping.term_id("ketenstappen", s.slug)] = ("ketenstappen", s.slug, s)
    for key in mapping.BEREIKBAARHEID_TERMS:
        found[mapping.term_id("bereikbaarheid", key)] = ("bereikbaarheid", key, None)
    return found


def _term_filter(term_uuid):
    found = terms_by_id().get(term_uuid)
    if found is None:
        raise BadParameter(
            f"Onbekende taxonomy_term_id '{term_uuid}' / unknown taxonomy_term_id; "
            "zie / see /api/hsds/taxonomy_terms."
        )
    taxonomy, slug, _ = found
    if taxonomy == "praktijken":
        return Q(
            pk__in=Organisatie.praktijken.through.objects.filter(praktijk__slug=slug).values(
                "organisatie_id"
            )
        )
    if taxonomy == "ketenstappen":
        return Q(
            pk__in=Organisatie.stappen.through.objects.filter(ketenstap__slug=slug).values(
                "organisatie_id"
            )
        )
    return Q(**{f"{slug}__isnull": False})


def _taxonomy_filter(taxonomy_uuid):
    keys = {mapping.taxonomy_id(k): k for k in mapping.TAXONOMIES}
    key = keys.get(taxonomy_uuid)
    if key is None:
        raise BadParameter(
            f"Onbekende taxonomy_id '{taxonomy_uuid}' / unknown taxonomy_id; "
            "zie / see /api/hsds/taxonomies."
        )
    if key == "praktijken":
        return Q(pk__in=Organisatie.praktijken.through.objects.values("organisatie_id"))
    if key == "ketenstappen":
        return Q(pk__in=Organisatie.stappen.through.objects.values("organisatie_id"))
    return Q(anoniem_mogelijk__isnull=False) | Q(helpt_in_buitenland__isnull=False)


def filtered(query, queryset=None):
    """Apply every filter in `query` (a QueryDict) to the published organisations."""
    params.unknown(query)
    qs = queryset if queryset is not None else organisaties()
    text = params.search(query)
    if text:
        qs = qs.filter(
            Q(naam__icontains=text)
            | Q(beschrijving__icontains=text)
            | Q(type__naam__icontains=text)
        )
    term = params.uuid_param(query, "taxonomy_term_id")
    if term:
        qs = qs.filter(_term_filter(term))
    taxonomy = params.uuid_param(query, "taxonomy_id")
    if taxonomy:
        qs = qs.filter(_taxonomy_filter(taxonomy))
    org = params.uuid_param(query, "organization_id")
    if org:
        qs = qs.filter(uuid=uuid.UUID(org))
    since = params.modified_after(query)
    if since:
        qs = qs.filter(gewijzigd_op__gt=since)
    gemeente = params.gemeente(query)
    if gemeente:
        qs = qs.filter(pk__in=Organisatie.objects.for_gemeente(gemeente).values("pk"))
    regio = params.regio(query)
    if regio:
        qs = qs.filter(pk__in=Organisatie.objects.for_regio(regio).values("pk"))
    return qs


def _service_ids():
    return {
        mapping.service_id(org): org.pk
        for org in Organisatie.objects.published().only("uuid").iterator()
    }


def organisatie_for_service(service_uuid):
    """The organisation whose derived service id is `service_uuid` (None if none)."""
    return cached_per_version("hsds-service-ids", _service_ids).get(service_uuid)

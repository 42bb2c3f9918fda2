"""Build the answer for a case from the rules and the content in the database.

The order of the page is the order of the rules (`volgorde`); contacts are listed
once each, the first one is the one to call first. Where no rule speaks about a
situation the visitor ticked, the route says the routekaart is silent about it.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q

from partners.experts import experts_for, practices_with_experts
from partners.models import Niveau, Organisatie
from praktijken.models import Praktijk
from routekaart.models import Kader
from stappen.models import Ketenstap
from vermoeden.case import WEET_NIET
from vermoeden.models import Routeregel, Situatie

# Regional organisation types shown next to Veilig Thuis, where they are loaded.
PUBLIEKE_TYPES = ("veilig-thuis", "ggd", "politie")
MELDCODE_KADERS = ("wet-verplichte-meldcode", "meldcode-eergerelateerd-geweld")


@dataclass
class Contact:
    rol: str  # Routeregel.Contact value
    naam: str
    telefoon: str
    regel: Routeregel
    url: str = ""
    website: str = ""


@dataclass
class Route:
    praktijk: Praktijk | None = None
    gemeente: object = None
    contacten: list[Contact] = field(default_factory=list)
    doen: list[Routeregel] = field(default_factory=list)
    niet_doen: list[Routeregel] = field(default_factory=list)
    let_op: list[Routeregel] = field(default_factory=list)
    instrumenten: list[Routeregel] = field(default_factory=list)
    experts: list[Organisatie] = field(default_factory=list)
    praktijken: list[Praktijk] = field(default_factory=list)  # for "weet niet"
    signalen: dict = field(default_factory=dict)  # praktijk pk -> rules, for "weet niet"
    regionaal: list[Organisatie] = field(default_factory=list)
    stappen: list = field(default_factory=list)  # (Ketenstap, is_current)
    meldcode: list[Kader] = field(default_factory=list)
    strafrecht: list[Kader] = field(default_factory=list)
    stilte: list[str] = field(default_factory=list)  # situation labels without a rule
    secties: list = field(default_factory=list)  # the source sections cited

    @property
    def heeft_ggd_politie(self):
        return any(org.type.slug in ("ggd", "politie") for org in self.regionaal)

    @property
    def eerste_contact(self):
        return self.contacten[0] if self.contacten else None


def build_route(case) -> Route:
    """The route for a parsed case. About ten queries, whatever the rules say."""
    route = Route()
    if case.praktijk and case.praktijk != WEET_NIET:
        route.praktijk = Praktijk.objects.published().filter(slug=case.praktijk).first()
    rules = list(Routeregel.objects.for_case(route.praktijk, case.situaties))
    _regional(route, case.gemeente)
    _sort_rules(route, rules, case)
    _experts_and_signals(route, case)
    _steps(route, rules)
    _kaders(route)
    _silence(route, rules, case)
    seen = {}
    for rule in rules:
        seen.setdefault(rule.sectie_id, rule.sectie)
    route.secties = list(seen.values())
    return route


def _regional(route, gemeente):
    """Veilig Thuis, GGD and politie serving the gemeente (one query), where loaded."""
    if gemeente is None:
        return
    route.regionaal = list(
        Organisatie.objects.published()
        .for_gemeente(gemeente)
        .exclude(niveau=Niveau.LANDELIJK)
        .filter(type__slug__in=PUBLIEKE_TYPES)
        .select_related("type")
        .order_by("type__volgorde", "type__naam", "naam")[:12]
    )
    route.gemeente = gemeente


def _veilig_thuis(route, rule):
    gemeente = route.gemeente
    if gemeente is None:
        return Contact(
            "veilig-thuis",
            "Veilig Thuis in uw regio",
            settings.VEILIG_THUIS_TELEFOON,
            rule,
            website="",
        )
    for org in route.regionaal:
        if org.type.slug == "veilig-thuis":
            return Contact(
                "veilig-thuis",
                org.naam,
                org.telefoon or settings.VEILIG_THUIS_TELEFOON,
                rule,
                url=org.get_absolute_url(),
                website=org.website,
            )
    regio = gemeente.veilig_thuis_regio
    return Contact(
        "veilig-thuis",
        regio.organisatie_naam,
        settings.VEILIG_THUIS_TELEFOON,
        rule,
        url=regio.get_absolute_url(),
        website="",
    )


def _sort_rules(route, rules, case):
    targets = {
        Routeregel.Soort.DOEN: route.doen,
        Routeregel.Soort.NIET_DOEN: route.niet_doen,
        Routeregel.Soort.LET_OP: route.let_op,
        Routeregel.Soort.INSTRUMENT: route.instrumenten,
    }
    seen = set()
    for rule in rules:
        if rule.soort != Routeregel.Soort.CONTACT:
            targets[rule.soort].append(rule)
            continue
        if rule.contact in seen:
            continue
        contact = _contact(route, rule)
        if contact is not None:
            seen.add(rule.contact)
            route.contacten.append(contact)


def _contact(route, rule):
    if rule.contact == Routeregel.Contact.ALARM:
        return Contact("112", "Alarmnummer 112", "112", rule)
    if rule.contact == Routeregel.Contact.VEILIG_THUIS:
        return _veilig_thuis(route, rule)
    if route.praktijk is None:
        return None  # the expert depends on the practice
    if not route.experts:
        route.experts = experts_for(route.praktijk)
    if not route.experts:
        return None
    expert = route.experts[0]
    return Contact(
        "expert",
        expert.naam,
        expert.telefoon,
        rule,
        url=expert.get_absolute_url(),
        website=expert.website,
    )


def _experts_and_signals(route, case):
    if route.praktijk is not None:
        if not route.experts:
            route.experts = experts_for(route.praktijk)
        return
    if case.praktijk != WEET_NIET:
        return
    route.praktijken = list(practices_with_experts())
    signals = (
        Routeregel.objects.published()
        .filter(praktijk__isnull=False, situatie="", soort=Routeregel.Soort.LET_OP)
        .select_related("sectie__hoofdstuk", "bron")
    )
    for rule in signals:
        route.signalen.setdefault(rule.praktijk_id, []).append(rule)
    for praktijk in route.praktijken:
        praktijk.signalen = route.signalen.get(praktijk.pk, [])


def _steps(route, rules):
    current = {rule.ketenstap_id for rule in rules if rule.ketenstap_id}
    route.stappen = [(stap, stap.pk in current) for stap in Ketenstap.objects.published()]


def _kaders(route):
    """The meldcode frameworks, and the criminal articles of the practice (one query)."""
    wanted = Q(slug__in=MELDCODE_KADERS)
    if route.praktijk is not None:
        wanted |= Q(
            soort=Kader.Soort.STRAFRECHTARTIKEL,
            pk__in=Kader.praktijken.through.objects.filter(praktijk=route.praktijk).values(
                "kader_id"
            ),
        )
    for kader in Kader.objects.published().filter(wanted):
        if kader.slug in MELDCODE_KADERS:
            route.meldcode.append(kader)
        else:
            route.strafrecht.append(kader)
    route.meldcode.sort(key=lambda k: MELDCODE_KADERS.index(k.slug))


def _silence(route, rules, case):
    """The ticked situations no rule speaks about, for this practice."""
    spoken = {rule.situatie for rule in rules if rule.situatie}
    labels = dict(Situatie.choices)
    route.stilte = [labels[s] for s in case.situaties if s not in spoken]

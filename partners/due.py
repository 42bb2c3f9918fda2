"""What is due for checking, per Veilig Thuis-regio: the curation start page's list."""

from collections import Counter, defaultdict

from django.urls import reverse

from partners.models import Contactpersoon, Niveau, Organisatie, VeiligThuisRegio
from partners.services import editor_regios, organisaties_for_editor
from routekaart.publicatie import Status

DUE_SHOWN_PER_REGION = 10


def due_overview(user):
    """What is due for checking, per Veilig Thuis-regio, within `user`'s scope.

    Returns None for users who may not see organisations. Otherwise a list of
    groups {"titel", "organisaties" (the first DUE_SHOWN_PER_REGION), "aantal",
    "contactpersonen", "url"}: one per region in scope, then, for national
    editors, "Landelijk" and "Zonder werkgebied". Archived records are never due.
    A fixed number of queries (eight at most), whatever the number of records.
    """
    if not user.has_perm("partners.view_organisatie"):
        return None
    in_scope = organisaties_for_editor(user).values("pk")
    due = (
        Organisatie.objects.due_for_check()
        .exclude(status=Status.GEARCHIVEERD)
        .filter(pk__in=in_scope)
        .only("pk", "naam", "niveau", "laatst_gecontroleerd_op")
    )
    organisaties = {o.pk: o for o in due}
    people = Counter(
        Contactpersoon.objects.due_for_check()
        .exclude(status=Status.GEARCHIVEERD)
        .filter(organisatie__in=in_scope)
        .values_list("organisatie_id", flat=True)
    )
    niveau = {pk: o.niveau for pk, o in organisaties.items()}
    missing = [pk for pk in people if pk not in niveau]
    niveau.update(Organisatie.objects.filter(pk__in=missing).values_list("pk", "niveau"))
    area = defaultdict(set)
    for through, path in (
        (Organisatie.veilig_thuis_regios.through, "veiligthuisregio_id"),
        (Organisatie.gemeenten.through, "gemeente__veilig_thuis_regio_id"),
        (
            Organisatie.veiligheidsregios.through,
            "veiligheidsregio__gemeenten__veilig_thuis_regio_id",
        ),
    ):
        rows = through.objects.filter(organisatie_id__in=list(niveau)).values_list(
            "organisatie_id", path
        )
        for org_id, regio_id in rows.distinct():
            area[org_id].add(regio_id)

    def group(titel, url, belongs):
        members = sorted(
            (o for o in organisaties.values() if belongs(o.pk)),
            key=lambda o: (
                o.laatst_gecontroleerd_op is not None,
                o.laatst_gecontroleerd_op,
                o.naam,
            ),
        )
        return {
            "titel": titel,
            "organisaties": members[:DUE_SHOWN_PER_REGION],
            "aantal": len(members),
            "contactpersonen": sum(n for pk, n in people.items() if belongs(pk)),
            "url": url,
        }

    def regional(pk):
        return niveau[pk] != Niveau.LANDELIJK

    changelist = reverse("admin:partners_organisatie_changelist")
    scope = editor_regios(user)
    regios = VeiligThuisRegio.objects.order_by("organisatie_naam")
    if scope is not None:
        regios = regios.filter(pk__in=scope)
    groups = [
        group(
            regio.organisatie_naam,
            f"{changelist}?regio={regio.code}&actualiteit=te-controleren",
            lambda pk, regio_pk=regio.pk: regional(pk) and regio_pk in area[pk],
        )
        for regio in regios
    ]
    if scope is None:
        groups.append(
            group(
                "Landelijk",
                f"{changelist}?niveau=landelijk&actualiteit=te-controleren",
                lambda pk: not regional(pk),
            )
        )
        groups.append(
            group(
                "Zonder werkgebied",
                f"{changelist}?actualiteit=te-controleren",
                lambda pk: regional(pk) and not area[pk],
            )
        )
    return groups

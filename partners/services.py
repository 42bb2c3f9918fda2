"""Curation of the sociale kaart: who may curate what, and the writes editors make.

Two editor groups exist (created by migration partners/0004 and kept in step on
every `migrate`):

- "Landelijke redactie" edits all content and partner records;
- "Regionale redactie" edits only organisations, with their contact persons and
  facilities, whose whole working area lies inside the editor's own Veilig
  Thuis-regio's (a Redacteur record per user).

Superusers can do everything. Writes here save record by record, so every change
lands in the history with the editor's name.
"""

import phonenumbers
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone

from partners.models import Gemeente, Niveau, Organisatie, Redacteur, VeiligThuisRegio
from routekaart.changes import curated_models

LANDELIJKE_REDACTIE = "Landelijke redactie"
REGIONALE_REDACTIE = "Regionale redactie"
REGIONAL_MODELS = ("organisatie", "contactpersoon", "voorziening", "zelfscan", "beoordeling")
# Assigning regional editors is a superuser's job; the national editors may look.
VIEW_ONLY_MODELS = ("redacteur",)

_UNSET = object()


# --- Validation ----------------------------------------------------------------


def validate_telefoon(value):
    """A Dutch phone number as people write it: 030-123 45 67, 0800-2000, +31 6 12345678."""
    if not value:
        return
    try:
        number = phonenumbers.parse(value, "NL")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number_for_region(number, "NL"):
        raise ValidationError(
            "'%(value)s' is geen geldig Nederlands telefoonnummer. "
            "Schrijf het bijvoorbeeld als 030-123 45 67, 0800-2000 of +31 6 12345678.",
            code="telefoon",
            params={"value": value},
        )


def validate_email(value):
    if not value:
        return
    try:
        EmailValidator()(value)
    except ValidationError:
        raise ValidationError(
            "'%(value)s' is geen geldig e-mailadres.", code="email", params={"value": value}
        ) from None


_https = URLValidator(schemes=["https"])


def validate_https_url(value):
    if not value:
        return
    try:
        _https(value)
    except ValidationError:
        raise ValidationError(
            "'%(value)s' is geen geldig webadres; het moet beginnen met https://.",
            code="website",
            params={"value": value},
        ) from None


# --- Scope -------------------------------------------------------------------


def editor_regios(user):
    """The scope of an editor: None for national, else a list of VeiligThuisRegio ids.

    Superusers and members of "Landelijke redactie" are national. Everyone else
    (in practice "Regionale redactie") may curate the regions of their Redacteur
    record, which can be none. Cached on the user object: two queries the first
    time per request, none after.
    """
    cached = getattr(user, "_editor_regios", _UNSET)
    if cached is not _UNSET:
        return cached
    if not (user.is_authenticated and user.is_active):
        result = []
    elif user.is_superuser or user.groups.filter(name=LANDELIJKE_REDACTIE).exists():
        result = None
    else:
        result = list(
            VeiligThuisRegio.objects.filter(redacteuren__user=user).values_list("pk", flat=True)
        )
    user._editor_regios = result
    return result


def organisaties_for_editor(user, queryset=None):
    """The organisations `user` may see and change in the admin."""
    queryset = Organisatie.objects.all() if queryset is None else queryset
    regios = editor_regios(user)
    if regios is None:
        return queryset
    return queryset.filter(pk__in=Organisatie.objects.within_regios(regios).values("pk"))


def editor_may_curate(user, organisatie):
    """Whether `user` may change `organisatie` as it is stored now (one query, regional only)."""
    regios = editor_regios(user)
    if regios is None:
        return True
    if organisatie is None or organisatie.pk is None:
        return False
    return Organisatie.objects.within_regios(regios).filter(pk=organisatie.pk).exists()


def area_errors(*, user, niveau, veilig_thuis_regios=(), gemeenten=(), veiligheidsregios=()):
    """Why an organisation with this working area falls outside the editor's scope.

    Returns {field name: [Dutch message, ...]}, empty when allowed. The values are
    model instances, as a form's cleaned_data or an import row gives them.
    National editors are never restricted. One query when veiligheidsregio's are given.
    """
    regios = editor_regios(user)
    if regios is None:
        return {}
    allowed = set(regios)
    errors = {}
    if niveau == Niveau.LANDELIJK:
        errors["niveau"] = ["Als regionale redacteur kunt u geen landelijke organisaties opslaan."]
    outside = [r for r in veilig_thuis_regios if r.pk not in allowed]
    if outside:
        errors["veilig_thuis_regios"] = [
            "Buiten uw regio: " + ", ".join(sorted(str(r) for r in outside)) + "."
        ]
    outside = [g for g in gemeenten if g.veilig_thuis_regio_id not in allowed]
    if outside:
        errors["gemeenten"] = [
            "Buiten uw regio: " + ", ".join(sorted(g.naam for g in outside)) + "."
        ]
    vr_ids = [vr.pk for vr in veiligheidsregios]
    if vr_ids:
        outside = sorted(
            set(
                Gemeente.objects.filter(veiligheidsregio__in=vr_ids)
                .exclude(veilig_thuis_regio__in=allowed)
                .values_list("veiligheidsregio__naam", flat=True)
            )
        )
        if outside:
            errors["veiligheidsregios"] = [
                "Deze veiligheidsregio's liggen (deels) buiten uw regio: "
                + ", ".join(outside)
                + "."
            ]
    if not (veilig_thuis_regios or gemeenten or veiligheidsregios):
        errors["__all__"] = [
            "Kies ten minste één gemeente, Veilig Thuis-regio of veiligheidsregio binnen uw regio."
        ]
    return errors


# --- Groups ------------------------------------------------------------------


def _permissions(models, actions):
    permissions = []
    for model in models:
        content_type = ContentType.objects.get_for_model(model)
        permissions += Permission.objects.filter(
            content_type=content_type,
            codename__in=[f"{action}_{model._meta.model_name}" for action in actions],
        )
    return permissions


def redactie_groups_sync():
    """Create the two editor groups and grant their permissions. Adds, never removes.

    Safe to run again: migrate does so after every run, so models added later are
    covered. Returns the number of groups created.
    """
    from django.contrib.auth.management import create_permissions

    for label in settings.CURATED_APPS:
        create_permissions(django_apps.get_app_config(label), verbosity=0)
    models = curated_models()
    editable = [m for m in models if m._meta.model_name not in VIEW_ONLY_MODELS]
    view_only = [m for m in models if m._meta.model_name in VIEW_ONLY_MODELS]
    regional = [m for m in models if m._meta.model_name in REGIONAL_MODELS]
    grants = {
        LANDELIJKE_REDACTIE: [
            *_permissions(editable, ("add", "change", "view")),
            *_permissions(view_only, ("view",)),
        ],
        REGIONALE_REDACTIE: _permissions(regional, ("add", "change", "view")),
    }
    created = 0
    with transaction.atomic():
        for name, permissions in grants.items():
            group, was_created = Group.objects.get_or_create(name=name)
            created += was_created
            group.permissions.add(*permissions)
    return created


def sync_groups_after_migrate(sender, **kwargs):
    """post_migrate receiver: runs once per migrate, after the last curated app."""
    if sender.label == settings.CURATED_APPS[-1]:
        redactie_groups_sync()


# --- Writes ------------------------------------------------------------------


def editor_name(user):
    """How a check is signed: the user's full name, else their username."""
    return (user.get_full_name() or user.get_username()).strip()[:150]


def partners_mark_checked(*, queryset, user, today=None):
    """Mark organisations or contact persons as checked today by `user`.

    Saves each record, so the history shows who checked what. Returns the count.
    """
    today = today or timezone.localdate()
    door = editor_name(user)
    count = 0
    with transaction.atomic():
        pks = list(queryset.values_list("pk", flat=True))
        for record in queryset.model.objects.filter(pk__in=pks):
            record.laatst_gecontroleerd_op = today
            record.laatst_gecontroleerd_door = door
            record._history_user = user
            record._change_reason = "Gemarkeerd als gecontroleerd"
            record.save(update_fields=["laatst_gecontroleerd_op", "laatst_gecontroleerd_door"])
            count += 1
    return count


def redacteur_regionaal_maken(user, regios):
    """Make the saved `user` a regional editor for `regios`: staff, the group, the regions.

    The caller runs this in the transaction that created the user, so a failure
    leaves neither a half-made editor nor a user without a role.
    """
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=REGIONALE_REDACTIE))
    redacteur, _ = Redacteur.objects.get_or_create(user=user)
    redacteur.regios.set(regios)
    return redacteur

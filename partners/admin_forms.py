"""Building blocks of the partners admin: list filters, the region scope of
regional editors, the check action and the validated contact forms.

Regional editors ("Regionale redactie") are confined to their own Veilig
Thuis-regio's in every path: the querysets, the permission checks per object,
the form choices, the validation and the actions (see partners.services).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse

from partners.models import (
    Niveau,
    Organisatie,
    VeiligThuisRegio,
)
from partners.services import (
    area_errors,
    editor_may_curate,
    editor_name,
    editor_regios,
    organisaties_for_editor,
    partners_mark_checked,
    validate_email,
    validate_https_url,
    validate_telefoon,
)

# --- Filters -------------------------------------------------------------------


class ActualiteitFilter(admin.SimpleListFilter):
    title = "actualiteit"
    parameter_name = "actualiteit"

    def lookups(self, request, model_admin):
        return (("te-controleren", "Te controleren"), ("actueel", "Actueel"))

    def queryset(self, request, queryset):
        due = queryset.model.objects.due_for_check().values("pk")
        if self.value() == "te-controleren":
            return queryset.filter(pk__in=due)
        if self.value() == "actueel":
            return queryset.exclude(pk__in=due)
        return queryset


class RegioFilter(admin.SimpleListFilter):
    """Organisations (or their people) that serve a Veilig Thuis-regio; not the national ones."""

    title = "Veilig Thuis-regio"
    parameter_name = "regio"
    organisatie_path = "pk"

    def lookups(self, request, model_admin):
        regios = VeiligThuisRegio.objects.order_by("organisatie_naam")
        scope = editor_regios(request.user)
        if scope is not None:
            regios = regios.filter(pk__in=scope)
        return [(r.code, r.organisatie_naam) for r in regios]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        regio = VeiligThuisRegio.objects.filter(code=self.value()).first()
        if regio is None:
            return queryset.none()
        serving = Organisatie.objects.for_regio(regio).exclude(niveau=Niveau.LANDELIJK)
        return queryset.filter(**{f"{self.organisatie_path}__in": serving.values("pk")})


class ContactRegioFilter(RegioFilter):
    organisatie_path = "organisatie"


# --- Scope --------------------------------------------------------------------


class RegioScopeMixin:
    """Confine regional editors to organisations inside their regions.

    `organisatie_path` names the organisation of a record ("pk" for Organisatie).
    """

    organisatie_path = "organisatie"

    def organisatie_of(self, obj):
        return obj if self.organisatie_path == "pk" else getattr(obj, self.organisatie_path)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if editor_regios(request.user) is None:
            return queryset
        allowed = organisaties_for_editor(request.user).values("pk")
        return queryset.filter(**{f"{self.organisatie_path}__in": allowed})

    def in_scope(self, request, obj):
        """Whether the stored record lies in the user's scope; cached on the object."""
        if obj is None:
            return True
        key = ("_in_scope", request.user.pk)
        cache = obj.__dict__.setdefault("_scope_cache", {})
        if key not in cache:
            cache[key] = editor_may_curate(request.user, self.organisatie_of(obj))
        return cache[key]

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.in_scope(request, obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        """A record outside the editor's regions is named as such, not as missing.

        Django calls this when get_object finds nothing in the scoped queryset. A
        record that exists outside the scope gets a message that says so (without
        its name) and a redirect to the list; a missing one keeps Django's message.
        """
        regios = editor_regios(request.user)
        try:
            exists = self.model._default_manager.filter(pk=unquote(object_id)).exists()
        except (ValidationError, ValueError):
            exists = False
        if regios is None or not exists:
            return super()._get_obj_does_not_exist_redirect(request, opts, object_id)
        namen = ", ".join(
            VeiligThuisRegio.objects.filter(pk__in=regios)
            .order_by("organisatie_naam")
            .values_list("organisatie_naam", flat=True)
        )
        eigen = (
            f"U kunt alleen {opts.verbose_name_plural} in {namen} bekijken en bewerken."
            if namen
            else "U heeft nog geen regio's toegewezen gekregen; vraag een beheerder om ze in "
            "te stellen."
        )
        self.message_user(
            request, f"Deze {opts.verbose_name} valt buiten uw regio's. {eigen}", messages.WARNING
        )
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_changelist",
            current_app=self.admin_site.name,
        )
        return HttpResponseRedirect(url)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.in_scope(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "organisatie":
            kwargs["queryset"] = organisaties_for_editor(request.user).order_by("naam")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CheckActionMixin:
    @admin.action(
        description="Markeer als gecontroleerd (vandaag, door mij)", permissions=["change"]
    )
    def markeer_als_gecontroleerd(self, request, queryset):
        count = partners_mark_checked(queryset=queryset, user=request.user)
        self.message_user(
            request,
            f"{count} gemarkeerd als gecontroleerd door {editor_name(request.user)}.",
            messages.SUCCESS,
        )

    @admin.display(description="te controleren", boolean=True)
    def is_te_controleren(self, obj):
        return obj.te_controleren


# --- Forms --------------------------------------------------------------------


class ContactFieldsForm(forms.ModelForm):
    """Phone, e-mail and web address checked as in the import, with Dutch messages.

    No Meta: the admin builds the form for its model (modelform_factory).
    """

    def clean_telefoon(self):
        value = self.cleaned_data.get("telefoon", "")
        validate_telefoon(value)
        return value

    def clean_email(self):
        value = self.cleaned_data.get("email", "")
        validate_email(value)
        return value

    def clean_website(self):
        value = self.cleaned_data.get("website", "")
        validate_https_url(value)
        return value


class OrganisatieForm(ContactFieldsForm):
    nu_gecontroleerd = forms.BooleanField(
        label="Nu gecontroleerd",
        required=False,
        help_text="Vink aan als u de gegevens zojuist bij de organisatie hebt nagekeken. "
        "Bij opslaan worden de datum van vandaag en uw naam vastgelegd.",
    )
    user = None  # set per request by OrganisatieAdmin.get_form

    def clean_talen(self):
        """Language codes as in HSDS (ISO 639): two or three letters, comma separated."""
        value = self.cleaned_data.get("talen") or ""
        codes = [c.strip().lower() for c in value.split(",") if c.strip()]
        wrong = [c for c in codes if not (c.isascii() and c.isalpha() and 2 <= len(c) <= 3)]
        if wrong:
            raise forms.ValidationError(
                "Gebruik taalcodes van twee of drie letters (ISO 639), zoals 'nl, en, ar'. "
                f"Niet herkend: {', '.join(wrong)}."
            )
        return ", ".join(dict.fromkeys(codes))

    def clean(self):
        cleaned = super().clean()
        errors = area_errors(
            user=self.user,
            niveau=cleaned.get("niveau"),
            veilig_thuis_regios=list(cleaned.get("veilig_thuis_regios") or []),
            gemeenten=list(cleaned.get("gemeenten") or []),
            veiligheidsregios=list(cleaned.get("veiligheidsregios") or []),
        )
        for field, field_errors in errors.items():
            self.add_error(
                None if field == "__all__" or field not in self.fields else field, field_errors
            )
        return cleaned


class ContactpersoonForm(ContactFieldsForm):
    pass


# --- Inlines ------------------------------------------------------------------

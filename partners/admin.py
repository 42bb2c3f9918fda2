"""Admin for the sociale kaart: curation of partners, contact persons and facilities.

Regional editors ("Regionale redactie") are confined to their own Veilig
Thuis-regio's here, in every path: the querysets (lists, change pages, history,
exports), the permission checks per object, the form choices, the form and
import validation, and the actions. See partners.services for the rules.
"""

from collections import Counter, defaultdict

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX

from partners.models import (
    Contactpersoon,
    Gemeente,
    Niveau,
    Organisatie,
    Organisatietype,
    Provincie,
    Redacteur,
    Veiligheidsregio,
    VeiligThuisRegio,
    Voorziening,
)
from partners.resources import CSV, OrganisatieResource, import_report
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
from routekaart.admin_base import CurationAdmin, PortalAdmin, SuperuserDeleteInlineMixin
from routekaart.publicatie import Status

DUE_SHOWN_PER_REGION = 10


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


class ContactpersoonInline(SuperuserDeleteInlineMixin, admin.TabularInline):
    model = Contactpersoon
    form = ContactpersoonForm
    fields = (
        "naam",
        "functie",
        "telefoon",
        "email",
        "zichtbaarheid",
        "status",
        "laatst_gecontroleerd_op",
    )
    readonly_fields = ("laatst_gecontroleerd_op",)
    extra = 0
    show_change_link = True


class VoorzieningInline(SuperuserDeleteInlineMixin, admin.StackedInline):
    model = Voorziening
    fields = ("naam", "beschrijving", "adres", "adres_vertrouwelijk", "status")
    extra = 0
    show_change_link = True


# --- Partners -----------------------------------------------------------------


@admin.register(Organisatie)
class OrganisatieAdmin(ImportExportMixin, RegioScopeMixin, CheckActionMixin, CurationAdmin):
    form = OrganisatieForm
    organisatie_path = "pk"
    resource_classes = [OrganisatieResource]
    import_formats = [CSV, XLSX]
    export_formats = [CSV, XLSX]
    import_template_name = "admin/partners/import.html"
    list_display = (
        "naam",
        "type",
        "niveau",
        "status",
        "laatst_gecontroleerd_op",
        "is_te_controleren",
    )
    list_filter = ("type", "niveau", "praktijken", RegioFilter, "status", ActualiteitFilter)
    list_select_related = ("type",)
    search_fields = ("naam", "slug", "email", "telefoon", "website", "contactpersonen__naam")
    search_help_text = "Zoek op naam, slug, e-mailadres, telefoonnummer, website of contactpersoon."
    prepopulated_fields = {"slug": ("naam",)}
    filter_horizontal = (
        "praktijken",
        "stappen",
        "expert_voor",
        "gemeenten",
        "veilig_thuis_regios",
        "veiligheidsregios",
    )
    readonly_fields = (
        "getoond_op_de_website",
        "laatst_gecontroleerd_op",
        "laatst_gecontroleerd_door",
    )
    inlines = (ContactpersoonInline, VoorzieningInline)
    actions = ("markeer_als_gecontroleerd", "archiveren")
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "naam",
                    "slug",
                    "type",
                    "niveau",
                    "rol",
                    "status",
                    "getoond_op_de_website",
                )
            },
        ),
        ("Contact", {"fields": ("telefoon", "telefoon_toelichting", "email", "website")}),
        ("Beschrijving", {"fields": ("beschrijving", "bron")}),
        ("Werkveld", {"fields": ("praktijken", "stappen", "expert_voor")}),
        (
            "Werkgebied",
            {
                "fields": ("veilig_thuis_regios", "gemeenten", "veiligheidsregios"),
                "description": "Landelijke organisaties laten dit leeg. Regionale redacteuren "
                "kiezen alleen binnen hun eigen Veilig Thuis-regio's.",
            },
        ),
        (
            "Controle",
            {
                "fields": (
                    "laatst_gecontroleerd_op",
                    "laatst_gecontroleerd_door",
                    "nu_gecontroleerd",
                )
            },
        ),
    )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user
        return form

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        regios = editor_regios(request.user)
        if regios is not None:
            outside = Gemeente.objects.exclude(veilig_thuis_regio__in=regios)
            if db_field.name == "veilig_thuis_regios":
                kwargs["queryset"] = VeiligThuisRegio.objects.filter(pk__in=regios)
            elif db_field.name == "gemeenten":
                kwargs["queryset"] = Gemeente.objects.filter(veilig_thuis_regio__in=regios)
            elif db_field.name == "veiligheidsregios":
                kwargs["queryset"] = (
                    Veiligheidsregio.objects.filter(gemeenten__veilig_thuis_regio__in=regios)
                    .exclude(pk__in=outside.values("veiligheidsregio"))
                    .distinct()
                )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "niveau" and editor_regios(request.user) is not None:
            kwargs["choices"] = [c for c in Niveau.choices if c[0] != Niveau.LANDELIJK]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("nu_gecontroleerd"):
            obj.laatst_gecontroleerd_op = timezone.localdate()
            obj.laatst_gecontroleerd_door = editor_name(request.user)
        super().save_model(request, obj, form, change)

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_import_data_kwargs(self, **kwargs):
        kwargs = super().get_import_data_kwargs(**kwargs)
        # All or nothing also on the confirm step: never keep the valid rows alone.
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            # Only reachable when the data changed between preview and confirm.
            self.message_user(
                request,
                "Import afgekeurd, er is niets opgeslagen: "
                + "; ".join(import_report(result)[:20]),
                messages.ERROR,
            )
            return HttpResponseRedirect(reverse("admin:partners_organisatie_changelist"))
        return super().process_result(result, request)


@admin.register(Contactpersoon)
class ContactpersoonAdmin(RegioScopeMixin, CheckActionMixin, CurationAdmin):
    form = ContactpersoonForm
    list_display = (
        "naam",
        "organisatie",
        "functie",
        "telefoon",
        "email",
        "zichtbaarheid",
        "status",
        "laatst_gecontroleerd_op",
        "is_te_controleren",
    )
    list_filter = ("status", "zichtbaarheid", ActualiteitFilter, ContactRegioFilter, "praktijken")
    list_select_related = ("organisatie",)
    search_fields = ("naam", "functie", "email", "telefoon", "organisatie__naam")
    filter_horizontal = ("praktijken",)
    readonly_fields = (
        "getoond_op_de_website",
        "laatst_gecontroleerd_op",
        "laatst_gecontroleerd_door",
    )
    actions = ("markeer_als_gecontroleerd", "archiveren")

    def public_url(self, obj):
        return obj.organisatie.get_absolute_url()

    def is_public(self, obj):
        return super().is_public(obj) and obj.organisatie.is_published


@admin.register(Voorziening)
class VoorzieningAdmin(RegioScopeMixin, CurationAdmin):
    list_display = ("naam", "organisatie", "adres_vertrouwelijk", "status")
    list_filter = ("status", "adres_vertrouwelijk", "praktijken")
    list_select_related = ("organisatie",)
    search_fields = ("naam", "beschrijving", "organisatie__naam")
    filter_horizontal = ("praktijken",)

    def public_url(self, obj):
        return obj.organisatie.get_absolute_url()

    def is_public(self, obj):
        return super().is_public(obj) and obj.organisatie.is_published


# --- Reference data and roles -----------------------------------------------------


@admin.register(Organisatietype)
class OrganisatietypeAdmin(PortalAdmin):
    list_display = ("naam", "slug", "niveau", "volgorde")
    list_editable = ("volgorde",)
    list_filter = ("niveau",)
    search_fields = ("naam", "slug", "rol")
    prepopulated_fields = {"slug": ("naam",)}
    filter_horizontal = ("stappen",)

    def public_url(self, obj):
        return f"{reverse('partners:index')}?type={obj.slug}"


@admin.register(Gemeente)
class GemeenteAdmin(PortalAdmin):
    list_display = ("naam", "code", "provincie", "veiligheidsregio", "veilig_thuis_regio")
    list_filter = ("provincie", "veilig_thuis_regio")
    list_select_related = ("provincie", "veiligheidsregio", "veilig_thuis_regio")
    search_fields = ("naam", "code", "aliassen")


@admin.register(VeiligThuisRegio)
class VeiligThuisRegioAdmin(PortalAdmin):
    list_display = ("organisatie_naam", "code", "naam", "telefoon", "website")
    search_fields = ("organisatie_naam", "naam", "code")


@admin.register(Veiligheidsregio)
class VeiligheidsregioAdmin(PortalAdmin):
    list_display = ("naam", "code", "provincie")
    list_select_related = ("provincie",)
    search_fields = ("naam", "code")


@admin.register(Provincie)
class ProvincieAdmin(PortalAdmin):
    list_display = ("naam", "code")
    search_fields = ("naam", "code")


@admin.register(Redacteur)
class RedacteurAdmin(PortalAdmin):
    list_display = ("user", "regio_namen")
    search_fields = ("user__username", "user__first_name", "user__last_name")
    filter_horizontal = ("regios",)
    raw_id_fields = ("user",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user").prefetch_related("regios")

    @admin.display(description="Veilig Thuis-regio's")
    def regio_namen(self, obj):
        return ", ".join(r.organisatie_naam for r in obj.regios.all())


# --- Start page -------------------------------------------------------------------


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

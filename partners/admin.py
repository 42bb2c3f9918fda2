"""Admin for the sociale kaart: curation of partners, contact persons and facilities.

Regional editors ("Regionale redactie") are confined to their own Veilig
Thuis-regio's here, in every path: the querysets (lists, change pages, history,
exports), the permission checks per object, the form choices, the form and
import validation, and the actions. See partners.services for the rules.
"""

from django.contrib import admin, messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import XLSX

from partners.admin_forms import (
    ActualiteitFilter,
    CheckActionMixin,
    ContactpersoonForm,
    ContactRegioFilter,
    OrganisatieForm,
    RegioFilter,
    RegioScopeMixin,
)
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
    editor_name,
    editor_regios,
)
from routekaart.admin_base import CurationAdmin, PortalAdmin, SuperuserDeleteInlineMixin


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
        "uuid",
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
        (
            "Bereikbaarheid",
            {
                "fields": (
                    "openingstijden",
                    "altijd_bereikbaar",
                    "talen",
                    "anoniem_mogelijk",
                    "helpt_in_buitenland",
                ),
                "description": "Vul alleen in wat een bron zegt. Leeg betekent onbekend; "
                "zo staat het ook op de website en in de open data.",
            },
        ),
        ("Beschrijving", {"fields": ("beschrijving", "bron", "uuid")}),
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
    list_display = ("organisatie_naam", "code", "naam", "website_bron")
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

"""Admin for the zelfscans: regional editors see and change their own regions only.

The scan's own change form holds its publication; the items are edited one step per
screen (zelfscan/beheer.py). Each item's history, with revert, is kept like a partner's.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from partners.models import VeiligThuisRegio
from partners.services import editor_regios
from routekaart.admin_base import CurationAdmin

from .beheer import stap_bewerken
from .forms import BeoordelingForm
from .items import stappen_met_punten
from .models import Beoordeling, Zelfscan
from .services import ensure_scans, may_edit


def _scoped(request, queryset, regio_field):
    regios = editor_regios(request.user)
    if regios is None:
        return queryset
    return queryset.filter(**{f"{regio_field}__in": regios})


@admin.register(Zelfscan)
class ZelfscanAdmin(CurationAdmin):
    list_display = ("regio", "status", "gepubliceerd_op", "invullen")
    list_filter = ("status",)
    list_select_related = ("regio",)
    fields = ("regio", "status", "gepubliceerd_op", "invullen")
    readonly_fields = ("regio", "gepubliceerd_op", "invullen")
    search_fields = ("regio__organisatie_naam",)

    def get_urls(self):
        view = self.admin_site.admin_view(
            lambda request, scan_id, nummer: stap_bewerken(self, request, scan_id, nummer)
        )
        return [
            path("<int:scan_id>/stap/<int:nummer>/", view, name="zelfscan_zelfscan_stap"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        regios = editor_regios(request.user)
        ensure_scans(None if regios is None else VeiligThuisRegio.objects.filter(pk__in=regios))
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request), "regio")

    def has_add_permission(self, request):
        return False  # every region has one scan, made for it

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_edit(request.user, obj.regio))

    def public_url(self, obj):
        return reverse("zelfscan:regio", args=[obj.regio.slug])

    @admin.display(description="Invullen per stap")
    def invullen(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        links = [
            (reverse("admin:zelfscan_zelfscan_stap", args=[obj.pk, s.nummer]), s.nummer, s.naam)
            for s in stappen_met_punten()
            if s.punten
        ]
        return format_html_join(
            " · ", '<a href="{}" title="{}">Stap {}</a>', ((u, naam, n) for u, n, naam in links)
        )

    def save_model(self, request, obj, form, change):
        if not may_edit(request.user, obj.regio):
            raise PermissionDenied
        if obj.is_published and obj.gepubliceerd_op is None:
            obj.gepubliceerd_op = timezone.localdate()
        if not obj.is_published:
            obj.gepubliceerd_op = None
        super().save_model(request, obj, form, change)


class BeoordelingAdminForm(BeoordelingForm):
    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        super().__init__(*args, regio=instance.scan.regio if instance else None, **kwargs)


@admin.register(Beoordeling)
class BeoordelingAdmin(CurationAdmin):
    """One item of one scan, with its history; edited on the step screens, reverted here."""

    form = BeoordelingAdminForm
    list_display = ("__str__", "stand", "beoordeeld_op", "beoordeeld_door")
    list_filter = ("stand", "scan__regio")
    list_select_related = ("scan__regio", "aandachtspunt", "sectie")
    readonly_fields = ("scan", "item", "beoordeeld_op", "beoordeeld_door")
    fields = (
        "scan",
        "item",
        "stand",
        "toelichting",
        "organisaties",
        "beoordeeld_op",
        "beoordeeld_door",
    )

    def get_queryset(self, request):
        return _scoped(request, super().get_queryset(request), "scan__regio")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or may_edit(request.user, obj.scan.regio))

    @admin.display(description="punt")
    def item(self, obj):
        return format_html("{}", obj.aandachtspunt or obj.sectie)

    def public_url(self, obj):
        return reverse("zelfscan:regio", args=[obj.scan.regio.slug]) + f"#punt-{obj.item_key}"

    def save_model(self, request, obj, form, change):
        if not may_edit(request.user, obj.scan.regio):
            raise PermissionDenied
        super().save_model(request, obj, form, change)

"""Admin for the seven chain steps and the items placed in chapter sections."""

from django.contrib import admin

from routekaart.admin_base import CurationAdmin, PubliceerbaarAdmin
from stappen.models import Aandachtspunt, Citaat, Ketenstap, Praktijkvoorbeeld


@admin.register(Ketenstap)
class KetenstapAdmin(CurationAdmin):
    list_display = ("nummer", "naam", "hoofdstuk", "binnen_meldcode", "status")
    list_filter = ("status", "binnen_meldcode")
    list_select_related = ("hoofdstuk",)
    search_fields = ("naam", "slug", "korte_beschrijving")
    prepopulated_fields = {"slug": ("naam",)}


class StapOnderdeelAdmin(PubliceerbaarAdmin):
    """Items in a chapter section; their order within the chapter is edited in the list."""

    list_display = ("__str__", "hoofdstuk", "sectie", "status", "volgorde")
    list_filter = ("hoofdstuk", "stappen", "praktijken", "status")
    list_select_related = ("hoofdstuk", "sectie")
    filter_horizontal = ("stappen", "praktijken")
    ordering = ("hoofdstuk__volgorde", "volgorde", "slug")

    def public_url(self, obj):
        return f"{obj.hoofdstuk.get_absolute_url()}#{obj.slug}"

    def is_public(self, obj):
        return super().is_public(obj) and obj.hoofdstuk.is_published


@admin.register(Aandachtspunt)
class AandachtspuntAdmin(StapOnderdeelAdmin):
    search_fields = ("titel", "slug", "toelichting")


@admin.register(Praktijkvoorbeeld)
class PraktijkvoorbeeldAdmin(StapOnderdeelAdmin):
    list_display = ("titel", "soort", "plaats", "hoofdstuk", "sectie", "status", "volgorde")
    list_filter = ("soort", "hoofdstuk", "stappen", "praktijken", "status")
    search_fields = ("titel", "slug", "plaats", "tekst")


@admin.register(Citaat)
class CitaatAdmin(StapOnderdeelAdmin):
    search_fields = ("tekst", "rol", "slug")
    prepopulated_fields = {}

"""Admin for the four practices and what belongs to them."""

from django.contrib import admin

from praktijken.models import Cijfer, Praktijk, Verhaal, Verschijningsvorm
from routekaart.admin_base import PubliceerbaarAdmin


class OpPraktijkpaginaAdmin(PubliceerbaarAdmin):
    """Records shown on their practice's page, anchored by slug."""

    list_select_related = ("praktijk",)

    def public_url(self, obj):
        if obj.praktijk_id is None:
            return None
        return f"{obj.praktijk.get_absolute_url()}#{obj.slug}"

    def is_public(self, obj):
        return super().is_public(obj) and (obj.praktijk is None or obj.praktijk.is_published)


@admin.register(Praktijk)
class PraktijkAdmin(PubliceerbaarAdmin):
    list_display = ("naam", "korte_naam", "slug", "status", "volgorde")
    search_fields = ("naam", "korte_naam", "definitie")
    prepopulated_fields = {}


@admin.register(Verschijningsvorm)
class VerschijningsvormAdmin(OpPraktijkpaginaAdmin):
    list_display = ("naam", "praktijk", "status", "volgorde")
    list_filter = ("praktijk", "status")
    search_fields = ("naam", "slug", "beschrijving")
    prepopulated_fields = {"slug": ("naam",)}
    ordering = ("praktijk__volgorde", "volgorde", "slug")


@admin.register(Cijfer)
class CijferAdmin(OpPraktijkpaginaAdmin):
    list_display = ("waarde", "omschrijving", "praktijk", "bron", "jaar", "status", "volgorde")
    list_filter = ("praktijk", "status", "jaar")
    search_fields = ("waarde", "omschrijving", "bron", "slug")
    prepopulated_fields = {}
    ordering = ("praktijk__volgorde", "volgorde", "slug")


@admin.register(Verhaal)
class VerhaalAdmin(OpPraktijkpaginaAdmin):
    list_display = ("titel", "naam", "praktijk", "status", "volgorde")
    list_filter = ("praktijk", "status")
    search_fields = ("titel", "naam", "tekst", "slug")
    ordering = ("praktijk__volgorde", "volgorde", "slug")

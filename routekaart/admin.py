"""Admin for the routekaart's own content: chapters, sections, frameworks, sources, terms."""

from urllib.parse import urlencode

from django.contrib import admin

from routekaart.admin_base import CurationAdmin, PortalAdmin, PubliceerbaarAdmin
from routekaart.models import (
    Begrip,
    Bron,
    Hoofdstuk,
    Kader,
    Sectie,
    Synoniem,
    ZoekStatistiek,
)


@admin.register(Hoofdstuk)
class HoofdstukAdmin(PubliceerbaarAdmin):
    list_display = ("titel", "slug", "status", "volgorde")
    search_fields = ("titel", "slug", "samenvatting")


@admin.register(Sectie)
class SectieAdmin(PubliceerbaarAdmin):
    list_display = ("titel", "hoofdstuk", "soort", "status", "volgorde")
    list_filter = ("hoofdstuk", "soort", "status", "praktijken", "stappen")
    list_select_related = ("hoofdstuk",)
    search_fields = ("titel", "slug", "tekst")
    filter_horizontal = ("praktijken", "stappen")
    ordering = ("hoofdstuk__volgorde", "volgorde", "slug")

    def public_url(self, obj):
        return obj.get_absolute_url()


@admin.register(Kader)
class KaderAdmin(PubliceerbaarAdmin):
    list_display = ("titel", "afkorting", "soort", "status", "volgorde")
    list_filter = ("soort", "status", "praktijken")
    search_fields = ("titel", "afkorting", "slug", "samenvatting", "tekst")
    filter_horizontal = ("praktijken",)


@admin.register(Bron)
class BronAdmin(PubliceerbaarAdmin):
    list_display = ("titel", "soort", "uitgever", "status", "volgorde")
    list_filter = ("soort", "status", "praktijken", "stappen")
    search_fields = ("titel", "uitgever", "url", "beschrijving")
    filter_horizontal = ("praktijken", "stappen")


@admin.register(Begrip)
class BegripAdmin(PubliceerbaarAdmin):
    list_display = ("term", "voluit", "status", "volgorde")
    search_fields = ("term", "voluit", "uitleg")
    prepopulated_fields = {"slug": ("term",)}

    def public_url(self, obj):
        from django.urls import reverse

        return f"{reverse('routekaart:begrippen')}#{obj.slug}"


@admin.register(Synoniem)
class SynoniemAdmin(CurationAdmin):
    """Search synonyms: words people use that the routekaart itself does not."""

    list_display = ("termen", "toelichting")
    search_fields = ("termen", "toelichting")

    def public_url(self, obj):
        from django.urls import reverse

        first = obj.termen_lijst[0] if obj.termen_lijst else ""
        return f"{reverse('routekaart:zoeken')}?{urlencode({'q': first})}"


@admin.register(ZoekStatistiek)
class ZoekStatistiekAdmin(PortalAdmin):
    """Searches that found nothing, counted per term: a to-do list for new synonyms."""

    list_display = ("zoekterm", "aantal", "laatst_op")
    search_fields = ("zoekterm",)
    readonly_fields = ("zoekterm", "aantal", "laatst_op", "getoond_op_de_website")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def public_url(self, obj):
        from django.urls import reverse

        return f"{reverse('routekaart:zoeken')}?{urlencode({'q': obj.zoekterm})}"

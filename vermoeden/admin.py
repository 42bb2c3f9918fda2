"""Admin for the decision rules: editors change the route without a deploy."""

from django.contrib import admin
from django.urls import reverse

from routekaart.admin_base import PubliceerbaarAdmin
from vermoeden.models import Routeregel


@admin.register(Routeregel)
class RouteregelAdmin(PubliceerbaarAdmin):
    list_display = (
        "titel",
        "praktijk",
        "situatie",
        "soort",
        "contact",
        "sectie",
        "status",
        "volgorde",
    )
    list_filter = ("soort", "praktijk", "situatie", "contact", "status")
    list_select_related = ("praktijk", "sectie__hoofdstuk")
    search_fields = ("titel", "slug", "tekst")

    def public_url(self, obj):
        query = f"?praktijk={obj.praktijk.slug}" if obj.praktijk_id else ""
        if obj.situatie:
            query += ("&" if query else "?") + f"situatie={obj.situatie}"
        return reverse("vermoeden:route") + query

"""Admin base classes every curated model uses; part of the core (imports no app).

PortalAdmin: only superusers delete, and a read-only link to the public page.
CurationAdmin adds django-simple-history (field diffs, revert) and the
"archiveren" action for records with a status. Every save makes cached renderings
stale through routekaart.changes, whatever path the write takes.
"""

from django.contrib import admin, messages
from django.db import models
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from routekaart.publicatie import Status, records_archive


class SuperuserDeleteInlineMixin:
    """Inlines: only superusers may delete; others archive (status) instead."""

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class PortalAdmin(admin.ModelAdmin):
    list_per_page = 50
    # Web addresses without a scheme get https:// (Django 6's default, without the warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ("getoond_op_de_website",)

    def public_url(self, obj):
        """The public page that shows `obj`, or None. Override per model."""
        get_url = getattr(obj, "get_absolute_url", None)
        return get_url() if get_url else None

    def is_public(self, obj):
        """Whether the public site shows `obj` now (its own status only)."""
        return getattr(obj, "status", Status.GEPUBLICEERD) == Status.GEPUBLICEERD

    @admin.display(description="getoond op de website")
    def getoond_op_de_website(self, obj):
        if obj is None or obj.pk is None:
            return "Nog niet opgeslagen."
        url = self.public_url(obj)
        if not url:
            return "Heeft geen eigen plek op de website."
        if not self.is_public(obj):
            return format_html(
                'Niet zichtbaar op de website (status: {}). Na publiceren: <a href="{}">{}</a>',
                obj.get_status_display(),
                url,
                url,
            )
        return format_html('<a href="{}">{}</a>', url, url)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.is_superuser:
            # Deleting is replaced by archiving for everyone but superusers.
            actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class CurationAdmin(PortalAdmin, SimpleHistoryAdmin):
    """A content or partner record: history with diff and revert; archive, never delete."""

    actions = ("archiveren",)
    # django-simple-history has no Dutch translation; these templates are in Dutch.
    object_history_template = "admin/historie/object_history.html"
    object_history_list_template = "admin/historie/object_history_list.html"
    object_history_form_template = "admin/historie/object_history_form.html"

    def history_view_title(self, request, obj):
        return f"Geschiedenis van {obj}"

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return f"Eerdere versie van {obj}"
        return f"Eerdere versie terugzetten: {obj}"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not hasattr(self.model, "status"):
            actions.pop("archiveren", None)
        return actions

    @admin.action(
        description="Archiveren (verbergen zonder te verwijderen)", permissions=["change"]
    )
    def archiveren(self, request, queryset):
        count = records_archive(queryset=queryset, user=request.user)
        self.message_user(
            request,
            f"{count} {'item' if count == 1 else 'items'} gearchiveerd. Gearchiveerde items "
            "staan niet meer op de website en blijven hier bewaard.",
            messages.SUCCESS,
        )


class PubliceerbaarAdmin(CurationAdmin):
    """Slug, status and order, as every record built on routekaart.models.Publiceerbaar has."""

    list_filter = ("status",)
    list_editable = ("volgorde",)
    prepopulated_fields = {"slug": ("titel",)}

"""Users and groups in the admin: Dutch permission names, and one form for a regional editor.

Django stores permission names in English ("Can add access attempt", from the
model's untranslated name); the permission pickers here show them in Dutch,
built from the section and model names the admin shows elsewhere.
"""

from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, User

ACTIONS = {"add": "toevoegen", "change": "wijzigen", "delete": "verwijderen", "view": "bekijken"}


def permission_label(permission):
    """'Sociale kaart | organisatie | wijzigen' for the permission change_organisatie."""
    model = permission.content_type.model_class()
    if model is None:  # a stale content type of a removed model
        return str(permission)
    action, _, model_name = permission.codename.partition("_")
    name = ACTIONS[action] if model_name == model._meta.model_name and action in ACTIONS else None
    return f"{model._meta.app_config.verbose_name} | {model._meta.verbose_name} | " + (
        name or permission.name
    )


class DutchPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.label_from_instance = permission_label
        return field


class PortalUserAdmin(DutchPermissionsMixin, UserAdmin):
    pass


class PortalGroupAdmin(DutchPermissionsMixin, GroupAdmin):
    pass


def register(site):
    """Replace Django's own User and Group admin classes on `site`."""
    for model, model_admin in ((User, PortalUserAdmin), (Group, PortalGroupAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, model_admin)

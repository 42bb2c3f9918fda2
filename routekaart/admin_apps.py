"""The admin app, pointed at the portal's own admin site.

Kept apart from routekaart/admin_site.py: Django imports this module while the
app registry is still loading, and the site itself imports auth forms that need
a loaded registry. `default_site` is a dotted path, imported later.
"""

from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    default_site = "routekaart.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()
        from django.db.models.signals import post_migrate

        from partners.services import sync_groups_after_migrate
        from routekaart import admin_site

        admin_site.connect_login_logging()
        # The editor groups get permissions for models added after their migration.
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="partners.redactie_groups")

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
        from routekaart import admin_site

        admin_site.connect_login_logging()

"""The admin app, pointed at the portal's own admin site, and Dutch names for the
admin sections of installed packages that have none (django-axes, django-otp).

Kept apart from routekaart/admin_site.py: Django imports this module while the
app registry is still loading, and the site itself imports auth forms that need
a loaded registry. `default_site` is a dotted path, imported later.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.contrib.admin.apps import AdminConfig
from django_otp.plugins.otp_static.apps import DefaultConfig as OtpStaticAppConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as OtpTotpAppConfig


class PortalAdminConfig(AdminConfig):
    default_site = "routekaart.admin_site.PortalAdminSite"

    def ready(self):
        super().ready()  # autodiscover: every app's admin module is registered now
        from django.contrib import admin

        from routekaart import admin_otp, admin_site, admin_users

        admin_site.connect_login_logging()
        admin_otp.register(admin.site)
        admin_users.register(admin.site)


class AxesConfig(AxesAppConfig):
    verbose_name = "Inlogbeveiliging"


def _dutch_model_names(app_config, singular, plural):
    """Dutch names for the one device model of a django-otp plugin, which has no translations.

    Only the runtime options change: migrations read Meta.original_attrs, which keeps
    the package's own names, so `makemigrations` sees nothing to do.
    """
    (model,) = [m for m in app_config.get_models() if m._meta.model_name.endswith("device")]
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural


class OtpTotpConfig(OtpTotpAppConfig):
    verbose_name = "Tweestapsverificatie: authenticator-apps"

    def ready(self):
        super().ready()
        _dutch_model_names(self, "authenticator-app", "authenticator-apps")


class OtpStaticConfig(OtpStaticAppConfig):
    verbose_name = "Tweestapsverificatie: reservecodes"

    def ready(self):
        super().ready()
        _dutch_model_names(self, "set reservecodes", "sets reservecodes")

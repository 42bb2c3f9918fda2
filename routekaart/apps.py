from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save

# Apps whose data the public pages show: any write makes cached renderings stale.
PORTAL_APPS = {"routekaart", "praktijken", "stappen", "partners"}
# Bookkeeping models whose writes do not change what pages show.
NOT_CONTENT = {"ZoekIndex", "ZoekStatistiek", "DataVersie"}


class RoutekaartConfig(AppConfig):
    name = "routekaart"
    verbose_name = "Routekaart"

    def ready(self):
        # Signals are the one place every write passes (admin, import, shell), so the
        # cache version and the search index are kept current here.
        post_save.connect(_on_save, dispatch_uid="portal-on-save")
        post_delete.connect(_on_delete, dispatch_uid="portal-on-delete")
        m2m_changed.connect(_on_m2m, dispatch_uid="portal-on-m2m")


def _is_portal_model(sender):
    return sender._meta.app_label in PORTAL_APPS and not sender.__name__.startswith("Historical")


def _on_save(sender, instance, raw=False, **kwargs):
    if not _is_portal_model(sender) or sender.__name__ in NOT_CONTENT:
        return
    from routekaart.versioning import bump_data_version

    bump_data_version()
    if not raw:  # fixtures are indexed in full by load_content
        from routekaart.search import index_object

        index_object(instance)


def _on_delete(sender, instance, **kwargs):
    if not _is_portal_model(sender) or sender.__name__ in NOT_CONTENT:
        return
    from routekaart.search import SOORT_BY_MODEL
    from routekaart.versioning import bump_data_version

    bump_data_version()
    soort = SOORT_BY_MODEL.get(sender._meta.label_lower)
    if soort:
        from routekaart.models import ZoekIndex

        ZoekIndex.objects.filter(soort=soort, object_id=instance.pk).delete()


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and type(instance)._meta.app_label in PORTAL_APPS:
        from routekaart.versioning import bump_data_version

        bump_data_version()

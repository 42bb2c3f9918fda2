"""The one place where a write to portal data makes caches stale and updates the search index.

Signals are the one path every write takes (admin, import, restore, shell), so the
receivers here bump the data version (routekaart.versioning) and keep the search
index current. Which apps hold portal data is the setting CURATED_APPS. Part of the
core: it imports no app.

Bulk writes (`bulk_create`, `QuerySet.update()`, raw SQL) send no signals; code
that uses them on portal data calls `bulk_written()` afterwards, which rebuilds the
search index and bumps the version. Editors' actions save per record instead.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save

from routekaart import search
from routekaart.versioning import bump_data_version

# Bookkeeping models whose writes do not change what pages show.
NOT_CONTENT = {"ZoekIndex", "ZoekStatistiek", "DataVersie"}


def connect() -> None:
    post_save.connect(_on_save, dispatch_uid="portal-on-save")
    post_delete.connect(_on_delete, dispatch_uid="portal-on-delete")
    m2m_changed.connect(_on_m2m, dispatch_uid="portal-on-m2m")


def is_portal_model(model) -> bool:
    return (
        model._meta.app_label in settings.CURATED_APPS
        and not model.__name__.startswith("Historical")
        and model.__name__ not in NOT_CONTENT
    )


def curated_models() -> list:
    """Every concrete content and partner model (not the history models)."""
    return [
        model
        for label in settings.CURATED_APPS
        for model in apps.get_app_config(label).get_models()
        if not model.__name__.startswith("Historical")
    ]


def _on_save(sender, instance, raw=False, **kwargs):
    if not is_portal_model(sender):
        return
    bump_data_version()
    if not raw:  # fixtures and restores are indexed in full afterwards
        search.index_object(instance)


def _on_delete(sender, instance, **kwargs):
    if not is_portal_model(sender):
        return
    bump_data_version()
    search.unindex_object(instance)


def _on_m2m(sender, instance, action, **kwargs):
    if action.startswith("post_") and is_portal_model(type(instance)):
        bump_data_version()


def bulk_written() -> int:
    """After bulk writes that sent no signals: rebuild the search index, make caches stale.

    Returns the number of index rows.
    """
    rows = search.rebuild_index()
    bump_data_version()
    return rows

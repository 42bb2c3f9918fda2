from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = "Sociale kaart"

    def ready(self):
        from django.db.models.signals import post_migrate

        from partners.search import register_sources
        from partners.services import sync_groups_after_migrate

        register_sources()
        # The editor groups get permissions for models added after their migration.
        post_migrate.connect(sync_groups_after_migrate, dispatch_uid="partners.redactie_groups")

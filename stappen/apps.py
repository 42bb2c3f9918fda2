from django.apps import AppConfig


class StappenConfig(AppConfig):
    name = "stappen"
    verbose_name = "Ketenstappen"

    def ready(self):
        from stappen.search import register_sources

        register_sources()

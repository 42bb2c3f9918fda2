from django.apps import AppConfig


class PraktijkenConfig(AppConfig):
    name = "praktijken"
    verbose_name = "Schadelijke praktijken"

    def ready(self):
        from praktijken.search import register_sources

        register_sources()

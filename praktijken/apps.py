from django.apps import AppConfig


class PraktijkenConfig(AppConfig):
    name = "praktijken"
    verbose_name = "Schadelijke praktijken"

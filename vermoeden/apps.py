from django.apps import AppConfig


class VermoedenConfig(AppConfig):
    name = "vermoeden"
    verbose_name = "Wat te doen bij een vermoeden"

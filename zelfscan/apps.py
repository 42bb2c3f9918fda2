from django.apps import AppConfig


class ZelfscanConfig(AppConfig):
    name = "zelfscan"
    verbose_name = "Zelfscan per regio"

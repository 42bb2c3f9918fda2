from django.apps import AppConfig


class RoutekaartConfig(AppConfig):
    name = "routekaart"
    verbose_name = "Routekaart"

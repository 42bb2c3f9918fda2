from django.apps import AppConfig


class RoutekaartConfig(AppConfig):
    name = "routekaart"
    verbose_name = "Routekaart"

    def ready(self):
        from routekaart import changes, search_index

        changes.connect()
        search_index.register()

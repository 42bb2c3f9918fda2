from django.apps import AppConfig


class RoutekaartConfig(AppConfig):
    name = "routekaart"
    verbose_name = "Routekaart"

    def ready(self):
        from routekaart import changes, rendered, search_index

        changes.connect()
        rendered.connect()
        search_index.register()

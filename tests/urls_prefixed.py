"""The portal mounted under /portaal/, as behind a proxy that serves it on a sub-path."""

from django.urls import include, path

urlpatterns = [path("portaal/", include("routekaart.urls"))]

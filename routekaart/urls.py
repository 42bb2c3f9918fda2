from django.contrib import admin
from django.urls import include, path

from opendata import urls as opendata_urls
from opendata import views as opendata_views
from routekaart import site_views, views

site_patterns = [
    path("", site_views.home, name="home"),
    path("routekaart/<slug:slug>/", views.hoofdstuk, name="hoofdstuk"),
    path("rol-en-kader/", views.rol_en_kader, name="rol_en_kader"),
    path("rol-en-kader/<slug:slug>/", views.kader, name="kader"),
    path("bronnen/", views.bronnen, name="bronnen"),
    path("begrippen/", views.begrippen, name="begrippen"),
    path("zoeken/", site_views.zoeken, name="zoeken"),
    path(
        "veilig-internetten/",
        site_views.static_page,
        {"template": "routekaart/veilig_internetten.html"},
        name="veilig_internetten",
    ),
    path(
        "toegankelijkheid/",
        site_views.static_page,
        {"template": "routekaart/toegankelijkheid.html"},
        name="toegankelijkheid",
    ),
    path("weg/", site_views.weg, name="weg"),
    path("over/", site_views.static_page, {"template": "routekaart/over.html"}, name="over"),
]

urlpatterns = [
    path("", include((site_patterns, "routekaart"))),
    path("praktijken/", include("praktijken.urls")),
    path("stappen/", include("stappen.urls")),
    path("", include("partners.urls")),
    path("vermoeden/", include("vermoeden.urls")),
    path("", include("zelfscan.urls")),
    path("api/hsds/", include((opendata_urls.api_patterns, "opendata"))),
    path("open-data/", opendata_views.pagina, name="open_data"),
    path("healthz", site_views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
]

handler404 = "routekaart.site_views.page_not_found"
handler500 = "routekaart.site_views.server_error"

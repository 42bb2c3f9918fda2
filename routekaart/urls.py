from django.contrib import admin
from django.urls import include, path

from routekaart import views

site_patterns = [
    path("", views.home, name="home"),
    path("routekaart/<slug:slug>/", views.hoofdstuk, name="hoofdstuk"),
    path("rol-en-kader/", views.rol_en_kader, name="rol_en_kader"),
    path("rol-en-kader/<slug:slug>/", views.kader, name="kader"),
    path("bronnen/", views.bronnen, name="bronnen"),
    path("begrippen/", views.begrippen, name="begrippen"),
    path("zoeken/", views.zoeken, name="zoeken"),
    path(
        "veilig-internetten/",
        views.static_page,
        {"template": "routekaart/veilig_internetten.html"},
        name="veilig_internetten",
    ),
    path(
        "toegankelijkheid/",
        views.static_page,
        {"template": "routekaart/toegankelijkheid.html"},
        name="toegankelijkheid",
    ),
    path("over/", views.static_page, {"template": "routekaart/over.html"}, name="over"),
]

urlpatterns = [
    path("", include((site_patterns, "routekaart"))),
    path("praktijken/", include("praktijken.urls")),
    path("stappen/", include("stappen.urls")),
    path("", include("partners.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("beheer/", admin.site.urls),
]

handler404 = "routekaart.views.page_not_found"
handler500 = "routekaart.views.server_error"

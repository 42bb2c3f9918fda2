"""/api/hsds/: the sociale kaart as Open Referral HSDS 3.0 (see opendata.views)."""

from django.urls import path, re_path

from . import views

app_name = "opendata"

api_patterns = [
    path("", views.root, name="root"),
    path("openapi.json", views.openapi, name="openapi"),
    path("download.json", views.download, name="download"),
    path("services", views.services, name="services"),
    path("services/<str:id>", views.service, name="service"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:id>", views.organization, name="organization"),
    path("service_at_locations", views.service_at_locations, name="service_at_locations"),
    path("service_at_locations/<str:id>", views.service_at_location, name="service_at_location"),
    path("taxonomies", views.taxonomies, name="taxonomies"),
    path("taxonomies/<str:id>", views.taxonomy, name="taxonomy"),
    path("taxonomy_terms", views.taxonomy_terms, name="taxonomy_terms"),
    path("taxonomy_terms/<str:id>", views.taxonomy_term, name="taxonomy_term"),
    # Anything else under /api/hsds/ is a JSON 404, not the HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found),
]

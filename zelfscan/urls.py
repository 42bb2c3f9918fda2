from django.urls import path

from zelfscan import views

app_name = "zelfscan"

urlpatterns = [
    path("zelfscan/", views.nationaal, name="nationaal"),
    path("zelfscan/zelfscans.csv", views.nationaal_csv, name="nationaal_csv"),
    path("regios/<slug:slug>/zelfscan/", views.regio, name="regio"),
    path("regios/<slug:slug>/zelfscan/zelfscan.csv", views.regio_csv, name="regio_csv"),
]

from django.urls import path

from partners import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.index, name="index"),
    path("partners/<slug:slug>/", views.detail, name="detail"),
    path("gemeenten/", views.gemeenten, name="gemeenten"),
    path("gemeenten/<slug:slug>/", views.gemeente, name="gemeente"),
    path("regios/", views.regios, name="regios"),
    path("regios/<slug:slug>/", views.regio, name="regio"),
]

from django.urls import path

from praktijken import views

app_name = "praktijken"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.detail, name="detail"),
]

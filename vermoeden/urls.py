from django.urls import path

from vermoeden import views

app_name = "vermoeden"

urlpatterns = [
    path("", views.route, name="route"),
]

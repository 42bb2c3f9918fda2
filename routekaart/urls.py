from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("beheer/", admin.site.urls),
]

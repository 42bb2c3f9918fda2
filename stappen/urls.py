from django.urls import path

from stappen import views

app_name = "stappen"

urlpatterns = [
    path("", views.index, name="index"),
    path("praktijkvoorbeelden/", views.voorbeelden, name="voorbeelden"),
    path("<slug:slug>/", views.detail, name="detail"),
    path("<slug:slug>/checklist/", views.checklist, name="checklist"),
]

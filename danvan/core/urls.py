from django.urls import path

from danvan.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("bang-dieu-khien/", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
]

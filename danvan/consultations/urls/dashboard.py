"""URLs of the consultations dashboard area (names prefixed ``dashboard_``)."""

from django.urls import URLPattern, URLResolver, path

from danvan.consultations.views import dashboard as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("du-thao/<slug:slug>/tham-gia/", views.dashboard_public, name="dashboard_public"),
    path(
        "du-thao/<slug:slug>/tham-gia/csv/",
        views.dashboard_public_csv,
        name="dashboard_public_csv",
    ),
    path("quan-ly/<slug:slug>/tham-gia/", views.dashboard_manage, name="dashboard_manage"),
    path(
        "quan-ly/<slug:slug>/tham-gia/csv/",
        views.dashboard_manage_csv,
        name="dashboard_manage_csv",
    ),
]

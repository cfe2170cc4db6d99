"""URLs of the monitoring area (names prefixed "monitoring_")."""

from django.urls import URLPattern, path

from danvan.directives.views import monitoring as views

urlpatterns: list[URLPattern] = [
    path("theo-doi/", views.monitoring_dashboard, name="monitoring_dashboard"),
    path("theo-doi/csv/", views.monitoring_csv, name="monitoring_csv"),
    path("theo-doi/don-vi/<int:pk>/", views.monitoring_unit, name="monitoring_unit"),
    path("theo-doi/chi-dao/<int:pk>/don-doc/", views.monitoring_urge, name="monitoring_urge"),
    path("theo-doi/cong-van/", views.monitoring_letters, name="monitoring_letters"),
    path("theo-doi/cong-van/<int:pk>/", views.monitoring_letter, name="monitoring_letter"),
    path(
        "theo-doi/cong-van/<int:pk>/tai-ve/",
        views.monitoring_letter_download,
        name="monitoring_letter_download",
    ),
]

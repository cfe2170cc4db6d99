"""URLs of the monitoring area (names prefixed "monitoring_")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

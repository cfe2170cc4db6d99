"""URLs of the reports area (names prefixed "reports_")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

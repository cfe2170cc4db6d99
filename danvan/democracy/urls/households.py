"""URLs of the households area (names prefixed "households_")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""URLs of the delegations area (names prefixed "delegations_")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

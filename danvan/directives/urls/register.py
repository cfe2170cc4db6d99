"""URLs of the register area (names prefixed "register_")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

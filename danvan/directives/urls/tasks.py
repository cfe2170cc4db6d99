"""URLs of the tasks area (names prefixed "tasks_")."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []

"""URLs of the households area (names prefixed "households_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import households as views

BASE = "ho-gia-dinh/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.households_index, name="households_index"),
    path(BASE + "mau.xlsx", views.households_template, name="households_template"),
    path(BASE + "xa/<int:pk>/", views.households_commune, name="households_commune"),
    path(BASE + "xa/<int:pk>/nhap/", views.households_import, name="households_import"),
    path(
        BASE + "xa/<int:pk>/nhap/<int:import_pk>/",
        views.households_import_result,
        name="households_import_result",
    ),
    path(
        BASE + "xa/<int:pk>/nhap/<int:import_pk>/tep/",
        views.households_import_file,
        name="households_import_file",
    ),
    path(BASE + "thon/<int:pk>/", views.households_village, name="households_village"),
    path(BASE + "thon/<int:pk>/them/", views.households_create, name="households_create"),
    path(BASE + "ho/<int:pk>/sua/", views.households_edit, name="households_edit"),
    path(BASE + "ho/<int:pk>/ngung/", views.households_deactivate, name="households_deactivate"),
]

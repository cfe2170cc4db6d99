"""URLs of the open data pages (names ``data_...``)."""

from django.urls import URLPattern, path

from danvan.portal.views import data

urlpatterns: list[URLPattern] = [
    path("du-lieu-mo/", data.data_catalogue, name="data_catalogue"),
    path("du-lieu-mo/catalog.json", data.data_catalog_json, name="data_catalog_json"),
    path("du-lieu-mo/<slug:slug>.<str:fmt>", data.data_download, name="data_download"),
]

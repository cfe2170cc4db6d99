"""URLs of the public portal (namespace ``portal``)."""

from danvan.portal.urls import data, site

app_name = "portal"

urlpatterns: list[object] = [
    *data.urlpatterns,
    *site.urlpatterns,
]

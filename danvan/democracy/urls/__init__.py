"""URLs of the democracy app: each area's patterns under the one ``democracy`` namespace."""

from danvan.democracy.urls import households

app_name = "democracy"

urlpatterns = [
    *households.urlpatterns,
]

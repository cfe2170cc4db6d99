"""URLs of the directives app: each area's patterns under the one ``directives`` namespace."""

from danvan.directives.urls import delegations, monitoring, register, reports, tasks

app_name = "directives"

urlpatterns = [
    *register.urlpatterns,
    *tasks.urlpatterns,
    *reports.urlpatterns,
    *monitoring.urlpatterns,
    *delegations.urlpatterns,
]

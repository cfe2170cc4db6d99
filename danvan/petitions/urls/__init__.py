"""URLs of the petitions app: each area's patterns under the one ``petitions`` namespace."""

from danvan.petitions.urls import duplicates, handling, intake, schedule, sealed, stats

app_name = "petitions"

urlpatterns = [
    *intake.urlpatterns,
    *handling.urlpatterns,
    *sealed.urlpatterns,
    *duplicates.urlpatterns,
    *schedule.urlpatterns,
    *stats.urlpatterns,
]

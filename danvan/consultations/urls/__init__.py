"""URLs of the consultations app: each area's patterns under the one ``consultations`` namespace."""

from danvan.consultations.urls import campaigns, drafts, opinion, participation

app_name = "consultations"

urlpatterns = [
    *drafts.urlpatterns,
    *participation.urlpatterns,
    *opinion.urlpatterns,
    *campaigns.urlpatterns,
]

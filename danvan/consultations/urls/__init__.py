"""URLs of the consultations app: each area's patterns under the one ``consultations`` namespace."""

from danvan.consultations.urls import campaigns, dashboard, drafts, opinion, participation, report

app_name = "consultations"

urlpatterns = [
    *drafts.urlpatterns,
    *participation.urlpatterns,
    *opinion.urlpatterns,
    *campaigns.urlpatterns,
    *dashboard.urlpatterns,
    *report.urlpatterns,
]

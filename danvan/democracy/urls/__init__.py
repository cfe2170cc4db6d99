"""URLs of the democracy app: each area's patterns under the one ``democracy`` namespace."""

from danvan.democracy.urls import agencies as agencies_urls
from danvan.democracy.urls import comments as comments_urls
from danvan.democracy.urls import dialogues as dialogues_urls
from danvan.democracy.urls import disclosures, households, hub
from danvan.democracy.urls import proposals as proposals_urls
from danvan.democracy.urls import supervision as supervision_urls
from danvan.democracy.urls import votes as votes_urls

app_name = "democracy"

urlpatterns = [
    *hub.urlpatterns,
    *disclosures.urlpatterns,
    *households.urlpatterns,
    *agencies_urls.urlpatterns,
    *supervision_urls.urlpatterns,
    *dialogues_urls.urlpatterns,
    *proposals_urls.urlpatterns,
    *comments_urls.urlpatterns,
    *votes_urls.urlpatterns,
]

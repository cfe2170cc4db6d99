"""URLs of the directives app: each area's patterns under the one ``directives`` namespace.

Every page of the app is for signed-in staff, so sign-in is required here, once, for every
route: someone whose session expired and who follows a link from an e-mail (a report
requested, an urging letter, a recommendation) is sent to the sign-in page and back,
rather than shown "not found" — and no new route can forget it. Who may see what is then
each view's own check, with the same 404 for missing and not allowed.
"""

from django.contrib.auth.decorators import login_required

from danvan.directives.urls import delegations, monitoring, register, reports, tasks

app_name = "directives"

urlpatterns = [
    *register.urlpatterns,
    *tasks.urlpatterns,
    *reports.urlpatterns,
    *monitoring.urlpatterns,
    *delegations.urlpatterns,
]

for _pattern in urlpatterns:
    _pattern.callback = login_required(_pattern.callback)

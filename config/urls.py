"""URL wiring: each app's URLs under its own namespace."""

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog

urlpatterns = [
    path("", include("danvan.core.urls")),
    path("tai-khoan/", include("danvan.units.urls")),
    path("thong-bao/", include("danvan.notifications.urls")),
    path("lich/", include("danvan.deadlines.urls")),
    path("nhat-ky/", include("danvan.audit.urls")),
    path("don-thu/", include("danvan.petitions.urls")),
    path("gop-y/", include("danvan.consultations.urls")),
    path("chi-dao/", include("danvan.directives.urls")),
    path("dan-chu/", include("danvan.democracy.urls")),
    path("dan-van-kheo/", include("danvan.emulation.urls")),
    path("cong-thong-tin/", include("danvan.portal.urls")),
    path("open311/v2/", include("danvan.petitions.api.urls")),
    path("api/v1/", include("danvan.portal.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("quan-tri/", admin.site.urls),
]

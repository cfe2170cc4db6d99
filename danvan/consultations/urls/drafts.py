"""URLs of the consultations drafts area (mounted at /gop-y/, namespace ``consultations``).

Public pages sit under ``du-thao/`` and the agency's under ``quan-ly/`` so that no
single-segment pattern here can swallow another area's paths.
"""

from django.urls import URLPattern, URLResolver, path

from danvan.consultations.views import drafts as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.drafts_public_list, name="drafts_public_list"),
    path("du-thao/<slug:slug>/", views.drafts_read, name="drafts_read"),
    path("du-thao/<slug:slug>/so-sanh/", views.drafts_compare, name="drafts_compare"),
    path("quan-ly/", views.drafts_manage_list, name="drafts_manage_list"),
    path("quan-ly/tao-moi/", views.drafts_create, name="drafts_create"),
    path("quan-ly/<slug:slug>/", views.drafts_manage_detail, name="drafts_manage_detail"),
    path("quan-ly/<slug:slug>/nhap-du-thao/", views.drafts_import, name="drafts_import"),
    path("quan-ly/<slug:slug>/mo/", views.drafts_open, name="drafts_open"),
    path("quan-ly/<slug:slug>/dong/", views.drafts_close, name="drafts_close"),
]

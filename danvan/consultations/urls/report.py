"""URLs of the consultations report area (mounted at /gop-y/, namespace ``consultations``).

The agency's pages sit under ``quan-ly/<slug>/bao-cao/``, the public report under
``du-thao/<slug>/bao-cao/`` next to the draft it answers.
"""

from django.urls import URLPattern, URLResolver, path

from danvan.consultations.views import report as views

MANAGE = "quan-ly/<slug:slug>/bao-cao/"
PUBLIC = "du-thao/<slug:slug>/bao-cao/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(MANAGE, views.report_manage, name="report_manage"),
    path(f"{MANAGE}lap/", views.report_prepare, name="report_prepare"),
    path(f"{MANAGE}doc-lai/", views.report_refresh, name="report_refresh"),
    path(f"{MANAGE}gioi-thieu/", views.report_introduction, name="report_introduction"),
    path(f"{MANAGE}nhom/them/", views.report_group_add, name="report_group_add"),
    path(f"{MANAGE}nhom/<int:pk>/", views.report_group_edit, name="report_group_edit"),
    path(f"{MANAGE}nhom/<int:pk>/gop/", views.report_group_merge, name="report_group_merge"),
    path(f"{MANAGE}nhom/<int:pk>/chuyen/", views.report_group_move, name="report_group_move"),
    path(f"{MANAGE}nhom/<int:pk>/xoa/", views.report_group_delete, name="report_group_delete"),
    path(f"{MANAGE}trinh/", views.report_submit, name="report_submit"),
    path(f"{MANAGE}duyet/", views.report_approve, name="report_approve"),
    path(f"{MANAGE}tra-lai/", views.report_return, name="report_return"),
    path(f"{MANAGE}cong-bo/", views.report_publish, name="report_publish"),
    path(f"{MANAGE}tai-ve/<str:fmt>/", views.report_download, name="report_download"),
    path(PUBLIC, views.report_public, name="report_public"),
    path(f"{PUBLIC}tai-ve/<str:fmt>/", views.report_public_download, name="report_public_download"),
]

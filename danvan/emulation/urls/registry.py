"""URLs of the registry (under /dan-van-kheo/): staff pages and the public pages (mo-hinh/)."""

from django.urls import path

from danvan.emulation.views import registry as views

urlpatterns = [
    path("", views.registry_list, name="registry_list"),
    path("dang-ky/", views.registry_create, name="registry_create"),
    path("<int:pk>/", views.registry_detail, name="registry_detail"),
    path("<int:pk>/sua/", views.registry_edit, name="registry_edit"),
    path("<int:pk>/tep/", views.registry_attachments, name="registry_attachments"),
    path(
        "<int:pk>/tep/<int:attachment>/anh-bia/",
        views.registry_cover,
        name="registry_cover",
    ),
    path("<int:pk>/nhan-rong/", views.registry_replicate, name="registry_replicate"),
    path("tep/<int:pk>/", views.registry_file, name="registry_file"),
    path("mo-hinh/", views.registry_public_list, name="registry_public_list"),
    path("mo-hinh/<int:pk>/", views.registry_public_detail, name="registry_public_detail"),
]

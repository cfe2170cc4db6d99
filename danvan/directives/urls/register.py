"""URLs of the register area (names prefixed "register_"), under /chi-dao/van-ban/."""

from django.urls import URLPattern, path

from danvan.directives.views import register as views

urlpatterns: list[URLPattern] = [
    path("van-ban/", views.register_list, name="register_list"),
    path("van-ban/csv/", views.register_export, name="register_export"),
    path("van-ban/them/", views.register_create, name="register_create"),
    path("van-ban/tai-len/", views.register_upload, name="register_upload"),
    path("van-ban/<int:pk>/", views.register_detail, name="register_detail"),
    path("van-ban/<int:pk>/tep/", views.register_download, name="register_download"),
    path("van-ban/<int:pk>/sua/", views.register_edit, name="register_edit"),
    path("van-ban/<int:pk>/xoa/", views.register_delete, name="register_delete"),
    path("van-ban/<int:pk>/lien-ket/", views.register_link, name="register_link"),
    path(
        "van-ban/<int:pk>/lien-ket/<int:link_pk>/xoa/",
        views.register_unlink,
        name="register_unlink",
    ),
    path("van-ban/<int:pk>/trich-dan/", views.register_references, name="register_references"),
    path(
        "van-ban/<int:pk>/trich-dan/doc-lai/",
        views.register_references_refresh,
        name="register_references_refresh",
    ),
    path(
        "van-ban/<int:pk>/trich-dan/tao-tat-ca/",
        views.register_references_stubs,
        name="register_references_stubs",
    ),
    path(
        "van-ban/<int:pk>/trich-dan/<int:reference_pk>/tao/",
        views.register_reference_stub,
        name="register_reference_stub",
    ),
    path(
        "van-ban/<int:pk>/trich-dan/<int:reference_pk>/lien-ket/",
        views.register_reference_link,
        name="register_reference_link",
    ),
    path(
        "van-ban/<int:pk>/trich-dan/<int:reference_pk>/bo-lien-ket/",
        views.register_reference_unlink,
        name="register_reference_unlink",
    ),
]

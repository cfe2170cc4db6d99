"""URLs of the disclosure register (names prefixed "disclosures_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import disclosures as views

BASE = "cong-khai/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.disclosures_index, name="disclosures_index"),
    path(BASE + "don-vi/<int:pk>/", views.disclosures_register, name="disclosures_register"),
    path(BASE + "don-vi/<int:pk>/csv/", views.disclosures_export, name="disclosures_export"),
    path(BASE + "don-vi/<int:pk>/them/", views.disclosures_create, name="disclosures_create"),
    path(
        BASE + "don-vi/<int:pk>/quy/<str:quarter>/",
        views.disclosures_quarter,
        name="disclosures_quarter",
    ),
    path(
        BASE + "don-vi/<int:pk>/quy/<str:quarter>/docx/",
        views.disclosures_quarter_docx,
        name="disclosures_quarter_docx",
    ),
    path(
        BASE + "don-vi/<int:pk>/quy/<str:quarter>/da-lap/",
        views.disclosures_quarter_prepared,
        name="disclosures_quarter_prepared",
    ),
    path(BASE + "muc/<int:pk>/", views.disclosures_detail, name="disclosures_detail"),
    path(BASE + "muc/<int:pk>/sua/", views.disclosures_edit, name="disclosures_edit"),
    path(
        BASE + "muc/<int:pk>/niem-yet/",
        views.disclosures_posting_add,
        name="disclosures_posting_add",
    ),
    path(
        BASE + "niem-yet/<int:pk>/ket-thuc/",
        views.disclosures_posting_end,
        name="disclosures_posting_end",
    ),
    path(BASE + "niem-yet/<int:pk>/minh-chung/", views.disclosures_proof, name="disclosures_proof"),
    path(BASE + "xa/", views.disclosures_public_index, name="disclosures_public_index"),
    path(BASE + "xa/<int:pk>/", views.disclosures_public, name="disclosures_public"),
]

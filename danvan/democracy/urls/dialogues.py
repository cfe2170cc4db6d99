"""URLs of dialogues (names prefixed "dialogues_"); the public page needs no login."""

from django.urls import URLPattern, path

from danvan.democracy.views import dialogues as views

BASE = "doi-thoai/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.dialogues_index, name="dialogues_index"),
    path(BASE + "don-vi/<int:pk>/", views.dialogues_unit, name="dialogues_unit"),
    path(BASE + "don-vi/<int:pk>/them/", views.dialogues_create, name="dialogues_create"),
    path(BASE + "<int:pk>/", views.dialogues_detail, name="dialogues_detail"),
    path(BASE + "<int:pk>/cau-hoi/", views.dialogues_question_add, name="dialogues_question_add"),
    path(
        BASE + "<int:pk>/cam-ket/", views.dialogues_commitment_add, name="dialogues_commitment_add"
    ),
    path(BASE + "cam-ket/<int:pk>/", views.dialogues_commitment, name="dialogues_commitment"),
    path(
        BASE + "cam-ket/<int:pk>/minh-chung/", views.dialogues_evidence, name="dialogues_evidence"
    ),
    path(BASE + "cong-khai/<int:pk>/", views.dialogues_public, name="dialogues_public"),
]

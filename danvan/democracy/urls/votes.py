"""URLs of the votes area (names prefixed "votes_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import votes as views

BASE = "quyet-dinh/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.votes_index, name="votes_index"),
    path(BASE + "xa/<int:pk>/tao/", views.votes_create, name="votes_create"),
    path(BASE + "<int:pk>/", views.votes_detail, name="votes_detail"),
    path(BASE + "<int:pk>/sua/", views.votes_edit, name="votes_edit"),
    path(BASE + "<int:pk>/hoi-y-kien/", views.votes_consent_start, name="votes_consent_start"),
    path(BASE + "<int:pk>/mo/", views.votes_open, name="votes_open"),
    path(BASE + "<int:pk>/phieu/", views.votes_ballot, name="votes_ballot"),
    path(BASE + "<int:pk>/du-hop/", views.votes_attendance, name="votes_attendance"),
    path(BASE + "<int:pk>/cuoc-hop/", views.votes_meeting, name="votes_meeting"),
    path(BASE + "<int:pk>/kiem-phieu/", views.votes_count, name="votes_count"),
    path(BASE + "<int:pk>/lay-phieu/", views.votes_follow, name="votes_follow"),
    path(BASE + "<int:pk>/gui-xa/", views.votes_submit, name="votes_submit"),
    path(BASE + "<int:pk>/cong-nhan/", views.votes_recognise, name="votes_recognise"),
    path(BASE + "<int:pk>/bien-ban.docx", views.votes_record_docx, name="votes_record_docx"),
    path(BASE + "cong-khai/xa/<int:pk>/", views.votes_public_list, name="votes_public_list"),
    path(BASE + "cong-khai/<int:pk>/", views.votes_public, name="votes_public"),
    path(BASE + "ho-cua-toi/", views.votes_mine, name="votes_mine"),
    path(BASE + "ho-cua-toi/<int:pk>/bieu-quyet/", views.votes_vote, name="votes_vote"),
    path(BASE + "ho-cua-toi/<int:pk>/dong-y/", views.votes_consent, name="votes_consent"),
]

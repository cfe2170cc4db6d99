"""URLs of residents' proposals (names prefixed "proposals_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import proposals as views

BASE = "kien-nghi/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.proposals_index, name="proposals_index"),
    path(BASE + "xa/<int:pk>/", views.proposals_commune, name="proposals_commune"),
    path(BASE + "thon/<int:pk>/them/", views.proposals_create, name="proposals_create"),
    path(BASE + "<int:pk>/", views.proposals_manage, name="proposals_manage"),
    path(BASE + "<int:pk>/ung-ho/", views.proposals_support_add, name="proposals_support_add"),
    path(BASE + "<int:pk>/mat-tran/", views.proposals_endorse, name="proposals_endorse"),
    path(BASE + "<int:pk>/dua-ra/", views.proposals_put, name="proposals_put"),
    path(BASE + "<int:pk>/tu-choi/", views.proposals_decline, name="proposals_decline"),
    path(BASE + "cong-khai/thon/<int:pk>/", views.proposals_village, name="proposals_village"),
    path(
        BASE + "cong-khai/thon/<int:pk>/de-xuat/",
        views.proposals_propose,
        name="proposals_propose",
    ),
    path(BASE + "cong-khai/<int:pk>/", views.proposals_public, name="proposals_public"),
    path(
        BASE + "cong-khai/<int:pk>/ung-ho/",
        views.proposals_support_online,
        name="proposals_support_online",
    ),
]

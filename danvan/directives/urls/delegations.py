"""URLs of the delegations area (names prefixed "delegations_")."""

from django.urls import URLPattern, path

from danvan.directives.views import delegations as views

BASE = "doan-cong-tac/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.delegations_list, name="delegations_list"),
    path(BASE + "moi/", views.delegations_create, name="delegations_create"),
    path(BASE + "<int:pk>/", views.delegations_detail, name="delegations_detail"),
    path(BASE + "<int:pk>/bat-dau/", views.delegations_start, name="delegations_start"),
    path(
        BASE + "<int:pk>/thanh-vien/", views.delegations_member_add, name="delegations_member_add"
    ),
    path(
        BASE + "<int:pk>/buoi-lam-viec/",
        views.delegations_session_add,
        name="delegations_session_add",
    ),
    path(
        BASE + "<int:pk>/buoi-lam-viec/<int:session_pk>/",
        views.delegations_session,
        name="delegations_session",
    ),
    path(
        BASE + "<int:pk>/buoi-lam-viec/<int:session_pk>/bien-ban/",
        views.delegations_session_minutes,
        name="delegations_session_minutes",
    ),
    path(
        BASE + "<int:pk>/phat-hien/", views.delegations_finding_add, name="delegations_finding_add"
    ),
    path(
        BASE + "<int:pk>/kien-nghi/",
        views.delegations_recommendation_add,
        name="delegations_recommendation_add",
    ),
    path(BASE + "<int:pk>/bao-cao/", views.delegations_report, name="delegations_report"),
    path(
        BASE + "<int:pk>/bao-cao/tai-ve/",
        views.delegations_report_download,
        name="delegations_report_download",
    ),
    path(
        BASE + "kien-nghi/", views.delegations_recommendations, name="delegations_recommendations"
    ),
    path(
        BASE + "kien-nghi/<int:pk>/",
        views.delegations_recommendation,
        name="delegations_recommendation",
    ),
    path(
        BASE + "kien-nghi/<int:pk>/tien-do/",
        views.delegations_recommendation_progress,
        name="delegations_recommendation_progress",
    ),
    path(
        BASE + "kien-nghi/<int:pk>/xac-nhan/",
        views.delegations_recommendation_review,
        name="delegations_recommendation_review",
    ),
]

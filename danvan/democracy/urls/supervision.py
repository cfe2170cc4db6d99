"""URLs of residents' supervision (names prefixed "supervision_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import supervision as views

BASE = "giam-sat/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.supervision_index, name="supervision_index"),
    path(BASE + "don-vi/<int:pk>/", views.supervision_unit, name="supervision_unit"),
    path(
        BASE + "don-vi/<int:pk>/them-ban/",
        views.supervision_board_create,
        name="supervision_board_create",
    ),
    path(BASE + "ban/<int:pk>/", views.supervision_board, name="supervision_board"),
    path(
        BASE + "ban/<int:pk>/thanh-vien/",
        views.supervision_member_add,
        name="supervision_member_add",
    ),
    path(
        BASE + "ban/<int:pk>/giai-the/",
        views.supervision_board_dissolve,
        name="supervision_board_dissolve",
    ),
    path(BASE + "ban/<int:pk>/ke-hoach/", views.supervision_plan_add, name="supervision_plan_add"),
    path(
        BASE + "thanh-vien/<int:pk>/thoi/",
        views.supervision_member_end,
        name="supervision_member_end",
    ),
    path(BASE + "ke-hoach/<int:pk>/", views.supervision_plan, name="supervision_plan"),
    path(
        BASE + "ke-hoach/<int:pk>/hoat-dong/",
        views.supervision_activity_add,
        name="supervision_activity_add",
    ),
    path(BASE + "hoat-dong/<int:pk>/", views.supervision_activity, name="supervision_activity"),
    path(BASE + "hoat-dong/<int:pk>/gui/", views.supervision_notice, name="supervision_notice"),
    path(
        BASE + "hoat-dong/<int:pk>/phat-hien/",
        views.supervision_finding_add,
        name="supervision_finding_add",
    ),
    path(
        BASE + "hoat-dong/<int:pk>/kien-nghi/",
        views.supervision_recommendation_add,
        name="supervision_recommendation_add",
    ),
    path(BASE + "kien-nghi/<int:pk>/tra-loi/", views.supervision_answer, name="supervision_answer"),
]

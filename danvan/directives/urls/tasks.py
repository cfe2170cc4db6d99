"""URLs of the tasks area (names prefixed "tasks_").

The managing unit's pages under /chi-dao/chi-dao/, the units' pages under /chi-dao/nhiem-vu/.
"""

from django.urls import URLPattern, path

from danvan.directives.views import tasks as views

urlpatterns: list[URLPattern] = [
    path("chi-dao/", views.directive_list, name="tasks_directive_list"),
    path("chi-dao/moi/", views.directive_create, name="tasks_directive_create"),
    path("chi-dao/<int:pk>/", views.directive_detail, name="tasks_directive_detail"),
    path("chi-dao/<int:pk>/trien-khai/", views.directive_activate, name="tasks_directive_activate"),
    path("chi-dao/<int:pk>/ket-thuc/", views.directive_close, name="tasks_directive_close"),
    path("chi-dao/<int:pk>/goi-y/", views.suggest, name="tasks_suggest"),
    path(
        "chi-dao/<int:pk>/don-vi/<int:unit_pk>/", views.directive_unit, name="tasks_directive_unit"
    ),
    path("chi-dao/<int:pk>/nhiem-vu/them/", views.task_create, name="tasks_task_create"),
    path("chi-dao/<int:pk>/nhiem-vu/<int:task_pk>/", views.task_detail, name="tasks_task_detail"),
    path("chi-dao/<int:pk>/nhiem-vu/<int:task_pk>/sua/", views.task_edit, name="tasks_task_edit"),
    path(
        "chi-dao/<int:pk>/nhiem-vu/<int:task_pk>/xoa/", views.task_delete, name="tasks_task_delete"
    ),
    path(
        "chi-dao/<int:pk>/nhiem-vu/<int:task_pk>/giao/", views.task_assign, name="tasks_task_assign"
    ),
    path(
        "chi-dao/<int:pk>/phan-cong/<int:assignment_pk>/vai-tro/",
        views.assignment_role,
        name="tasks_assignment_role",
    ),
    path(
        "chi-dao/<int:pk>/phan-cong/<int:assignment_pk>/xoa/",
        views.assignment_remove,
        name="tasks_assignment_remove",
    ),
    path("nhiem-vu/", views.unit_list, name="tasks_unit_list"),
    path("nhiem-vu/<int:pk>/", views.assignment_detail, name="tasks_assignment_detail"),
]

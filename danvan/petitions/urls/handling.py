"""URLs of the staff side of handling, and the public page of published answers."""

from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import handling as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("xu-ly/", views.inbox, name="handling_inbox"),
    path("xu-ly/<str:code>/", views.case_detail, name="handling_case"),
    path("xu-ly/<str:code>/<slug:action>/", views.case_action, name="handling_action"),
    path("cong-khai/", views.published_list, name="handling_published_list"),
    path("cong-khai/<int:pk>/", views.published_detail, name="handling_published_detail"),
]

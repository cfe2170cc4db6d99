"""Duplicate review (staff): suggestions of a case, merge, dismiss, undo a merge."""

from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import duplicates as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("trung-lap/<str:code>/", views.duplicates_review, name="duplicates_review"),
    path("trung-lap/<str:code>/quet/", views.duplicates_scan, name="duplicates_scan"),
    path(
        "trung-lap/<str:code>/goi-y/<int:pk>/gop/",
        views.duplicates_merge,
        name="duplicates_merge",
    ),
    path(
        "trung-lap/<str:code>/goi-y/<int:pk>/bo-qua/",
        views.duplicates_dismiss,
        name="duplicates_dismiss",
    ),
    path("trung-lap/<str:code>/tach/", views.duplicates_unmerge, name="duplicates_unmerge"),
]

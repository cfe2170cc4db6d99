"""URLs of comments before decisions (names prefixed "comments_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import comments as views

BASE = "y-kien/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.comments_index, name="comments_index"),
    path(BASE + "xa/<int:pk>/", views.comments_commune, name="comments_commune"),
    path(BASE + "cong-khai/xa/<int:pk>/", views.comments_public, name="comments_public"),
]

"""URLs of the consultations opinion area (mounted at /gop-y/, namespace ``consultations``)."""

from django.urls import URLPattern, URLResolver, path

from danvan.consultations.views import opinion as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("du-thao/<slug:slug>/ban-do-y-kien/", views.opinion_public, name="opinion_public"),
    path("quan-ly/<slug:slug>/ban-do-y-kien/", views.opinion_manage, name="opinion_manage"),
    path(
        "quan-ly/<slug:slug>/ban-do-y-kien/tinh-lai/",
        views.opinion_recompute,
        name="opinion_recompute",
    ),
]

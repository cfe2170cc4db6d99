"""URLs of the consultations campaigns area (mounted at /gop-y/, namespace ``consultations``)."""

from django.urls import URLPattern, URLResolver, path

from danvan.consultations.views import campaigns as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("quan-ly/<slug:slug>/chien-dich/", views.campaigns_manage, name="campaigns_manage"),
    path(
        "quan-ly/<slug:slug>/chien-dich/tinh-lai/",
        views.campaigns_recompute_view,
        name="campaigns_recompute",
    ),
    path(
        "quan-ly/<slug:slug>/chien-dich/dieu/<str:anchor>/",
        views.campaigns_article,
        name="campaigns_article",
    ),
    path(
        "quan-ly/<slug:slug>/chien-dich/nhom/<int:pk>/",
        views.campaigns_group,
        name="campaigns_group",
    ),
]

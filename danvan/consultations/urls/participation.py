"""URLs of the consultations participation area (names prefixed ``participation_``)."""

from django.urls import URLPattern, URLResolver, path

from danvan.consultations.views import participation as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("du-thao/<slug:slug>/bieu-quyet/", views.vote, name="participation_vote"),
    path("du-thao/<slug:slug>/phieu/", views.ballot, name="participation_ballot"),
    path("du-thao/<slug:slug>/gop-y/", views.comment, name="participation_comment"),
    path(
        "du-thao/<slug:slug>/gop-y/<str:anchor>/",
        views.comments,
        name="participation_comments",
    ),
    path("du-thao/<slug:slug>/y-kien-ngan/", views.statements, name="participation_statements"),
    path(
        "du-thao/<slug:slug>/y-kien-ngan/<int:pk>/",
        views.statement_vote_view,
        name="participation_statement_vote",
    ),
    path("du-thao/<slug:slug>/ket-qua/", views.tallies, name="participation_tallies"),
    path("du-thao/<slug:slug>/kiem-duyet/", views.moderation, name="participation_moderation"),
    path(
        "du-thao/<slug:slug>/kiem-duyet/y-kien-ngan/<int:pk>/",
        views.statement_moderation,
        name="participation_statement_moderate",
    ),
    path(
        "du-thao/<slug:slug>/kiem-duyet/gop-y/<int:pk>/",
        views.comment_moderation,
        name="participation_comment_moderate",
    ),
]

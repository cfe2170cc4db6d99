"""URLs of the agencies area under /dan-chu/co-quan/ (names prefixed "agencies_")."""

from django.urls import URLPattern, path

from danvan.democracy.views import agencies as views

BASE = "co-quan/"

urlpatterns: list[URLPattern] = [
    path(BASE, views.agencies_index, name="agencies_index"),
    path(BASE + "<int:pk>/", views.agencies_detail, name="agencies_detail"),
    path(BASE + "<int:pk>/so-lieu/", views.agencies_profile, name="agencies_profile"),
    path(
        BASE + "<int:pk>/hoi-nghi/them/",
        views.agencies_conference_create,
        name="agencies_conference_create",
    ),
    path(
        BASE + "<int:pk>/bieu-quyet/them/",
        views.agencies_matter_create,
        name="agencies_matter_create",
    ),
    path(
        BASE + "<int:pk>/lay-y-kien/",
        views.agencies_consultation_add,
        name="agencies_consultation_add",
    ),
    path(BASE + "hoi-nghi/<int:pk>/", views.agencies_conference, name="agencies_conference"),
    path(
        BASE + "hoi-nghi/<int:pk>/sua/",
        views.agencies_conference_edit,
        name="agencies_conference_edit",
    ),
    path(
        BASE + "hoi-nghi/<int:pk>/ket-qua/",
        views.agencies_conference_record,
        name="agencies_conference_record",
    ),
    path(
        BASE + "hoi-nghi/<int:pk>/kiem-tra/<int:period>/",
        views.agencies_check_create,
        name="agencies_check_create",
    ),
    path(
        BASE + "hoi-nghi/<int:pk>/bien-ban.docx",
        views.agencies_conference_docx,
        name="agencies_conference_docx",
    ),
    path(
        BASE + "bieu-quyet/<int:pk>/", views.agencies_matter_decide, name="agencies_matter_decide"
    ),
]

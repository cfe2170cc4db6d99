"""URLs of the year-end evaluation (under /dan-van-kheo/)."""

from django.urls import path

from danvan.emulation.views import evaluation as views

urlpatterns = [
    path("tieu-chi/", views.evaluation_criteria, name="evaluation_criteria"),
    path("tieu-chi/<int:pk>/", views.evaluation_criterion_edit, name="evaluation_criterion_edit"),
    path(
        "tieu-chi/<int:pk>/trang-thai/",
        views.evaluation_criterion_state,
        name="evaluation_criterion_state",
    ),
    path(
        "tieu-chi/<int:pk>/thu-tu/",
        views.evaluation_criterion_move,
        name="evaluation_criterion_move",
    ),
    path("danh-gia/", views.evaluation_index, name="evaluation_index"),
    path("danh-gia/<int:year>/", views.evaluation_year, name="evaluation_year"),
    path("<int:pk>/danh-gia/", views.evaluation_evaluate, name="evaluation_evaluate"),
    path("<int:pk>/cong-nhan/", views.evaluation_recognise, name="evaluation_recognise"),
    path("<int:pk>/loai-bo/", views.evaluation_remove, name="evaluation_remove"),
]

"""Intake URLs: the public form, receipt and tracking; the reception desk (staff)."""

from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import intake as views

urlpatterns: list[URLPattern | URLResolver] = [
    # Public: send a petition, get a receipt, follow it by tracking code.
    path("gui-don/", views.intake_start, name="intake_start"),
    path("gui-don/kien-nghi-khieu-nai/", views.intake_form, name="intake_form"),
    path("gui-don/to-cao/", views.intake_denunciation, name="intake_denunciation"),
    path("gui-don/co-quan/", views.intake_unit_options, name="intake_unit_options"),
    path("gui-don/bien-nhan/", views.intake_receipt, name="intake_receipt"),
    path("tra-cuu/", views.intake_tracking, name="intake_tracking"),
    path("tra-cuu/danh-gia/", views.intake_rate, name="intake_rate"),
    path("don-cua-toi/", views.intake_my_cases, name="intake_my_cases"),
    path("don-cua-toi/<str:code>/", views.intake_my_case, name="intake_my_case"),
    # Staff: attachments of a case they may see.
    path(
        "vu-viec/<str:code>/tep/<int:pk>/",
        views.intake_attachment_download,
        name="intake_attachment_download",
    ),
    # Reception desk of the active unit.
    path("tiep-cong-dan/so/", views.intake_book, name="intake_book"),
    path("tiep-cong-dan/so/them/", views.intake_book_add, name="intake_book_add"),
    path("tiep-cong-dan/so/<int:pk>/", views.intake_book_entry, name="intake_book_entry"),
    path("tiep-cong-dan/don-giay/", views.intake_post_add, name="intake_post_add"),
    path(
        "tiep-cong-dan/bien-nhan/<str:code>/",
        views.intake_desk_receipt,
        name="intake_desk_receipt",
    ),
    path("tiep-cong-dan/truc-tuyen/", views.intake_sessions, name="intake_sessions"),
    path("tiep-cong-dan/truc-tuyen/them/", views.intake_session_add, name="intake_session_add"),
    path(
        "tiep-cong-dan/truc-tuyen/<int:pk>/",
        views.intake_session_detail,
        name="intake_session_detail",
    ),
]

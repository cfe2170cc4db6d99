"""The heads' reception schedule: public pages per unit, and the management page (staff)."""

from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import schedule as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("lich-tiep-cong-dan/", views.schedule_index, name="schedule_index"),
    path("lich-tiep-cong-dan/<str:unit_code>/", views.schedule_public, name="schedule_public"),
    path(
        "lich-tiep-cong-dan/<str:unit_code>/quan-ly/",
        views.schedule_manage,
        name="schedule_manage",
    ),
    path(
        "lich-tiep-cong-dan/<str:unit_code>/quan-ly/ngay/<int:pk>/da-tiep/",
        views.schedule_day_held,
        name="schedule_day_held",
    ),
    path(
        "lich-tiep-cong-dan/<str:unit_code>/quan-ly/ngay/<int:pk>/huy/",
        views.schedule_day_cancel,
        name="schedule_day_cancel",
    ),
]

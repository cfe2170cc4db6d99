"""URLs of the statistics pages and their exports (staff of the unit or above only)."""

from django.urls import URLPattern, URLResolver, path

from danvan.petitions.views import stats as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("thong-ke/", views.stats_home, name="stats_home"),
    path("thong-ke/<str:code>/", views.stats_unit, name="stats_unit"),
    path("thong-ke/<str:code>/thong-ke.xlsx", views.stats_excel, name="stats_excel"),
    path("thong-ke/<str:code>/bao-cao.docx", views.stats_report, name="stats_report"),
    path("thong-ke/<str:code>/so-tiep-cong-dan.xlsx", views.stats_book, name="stats_book"),
]

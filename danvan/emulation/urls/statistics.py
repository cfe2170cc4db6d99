"""URLs of the public statistics (under /dan-van-kheo/)."""

from django.urls import path

from danvan.emulation.views import statistics as views

urlpatterns = [
    path("thong-ke/", views.statistics_index, name="statistics_index"),
    path("thong-ke/bieu-do/<slug:kind>.svg", views.statistics_chart, name="statistics_chart"),
    path("thong-ke/bang.csv", views.statistics_csv, name="statistics_csv"),
]

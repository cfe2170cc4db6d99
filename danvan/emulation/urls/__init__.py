"""URLs of the emulation app: each area's patterns under the one ``emulation`` namespace."""

from danvan.emulation.urls import books, evaluation, registry, statistics

app_name = "emulation"

urlpatterns: list[object] = [
    *statistics.urlpatterns,
    *registry.urlpatterns,
    *books.urlpatterns,
    *evaluation.urlpatterns,
]

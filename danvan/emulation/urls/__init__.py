"""URLs of the emulation app: each area's patterns under the one ``emulation`` namespace."""

app_name = "emulation"

urlpatterns: list[object] = []

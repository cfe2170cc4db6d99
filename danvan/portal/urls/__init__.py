"""URLs of the public portal (namespace ``portal``)."""

app_name = "portal"

urlpatterns: list[object] = []

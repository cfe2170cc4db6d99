"""URLs of the Open311 API (namespace ``open311``), mounted at ``/open311/v2/`` in config."""

from django.urls import URLPattern, URLResolver, path

from danvan.core.api_docs import docs_asset
from danvan.petitions.api.open311 import open311_api

# ``include()`` takes the namespace from here; ninja reverses its own views with it.
app_name = open311_api.urls_namespace

urlpatterns: list[URLPattern | URLResolver] = [
    path("docs/assets/<str:name>", docs_asset, name="docs_asset"),
    *open311_api.urls[0],
]

"""URLs of the public API (namespace ``public_api``), mounted at ``/api/v1/`` in config."""

from django.urls import URLPattern, URLResolver, path

from danvan.core.api_docs import docs_asset
from danvan.portal.api.public import public_api

# ``include()`` takes the namespace from here; ninja reverses its own views with it.
app_name = public_api.urls_namespace

urlpatterns: list[URLPattern | URLResolver] = [
    path("docs/assets/<str:name>", docs_asset, name="docs_asset"),
    *public_api.urls[0],
]

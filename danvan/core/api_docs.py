"""The APIs' documentation pages (Swagger UI) under the site's Content-Security-Policy: one
page and one asset view for every NinjaAPI of the project (Open311, the public API), each
API mounting ``docs_asset`` as ``<its namespace>:docs_asset``.

django-ninja serves Swagger UI either from a CDN with an inline script (blocked by our CSP,
and a third-party origin) or from its static files when ``ninja`` is an installed app. This
page uses ninja's own files without installing the app: a small view serves the three
files from the package, from our origin, and the page has no inline script or style (the
settings travel in a ``<script type="application/json">`` data block, which is not run).
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ninja
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

ASSETS_DIR = Path(ninja.__file__).parent / "static" / "ninja"
ASSETS = {
    "swagger-ui.css": "text/css",
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui-init.js": "text/javascript",
    "favicon.svg": "image/svg+xml",
}


class LocalSwagger(DocsBase):
    """Swagger UI from our own origin, with its settings in a JSON data block."""

    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
        }
        return render(
            request,
            "core/api_docs.html",
            {
                "api": api,
                "asset_view": f"{api.urls_namespace}:docs_asset",
                "openapi_view": f"{api.urls_namespace}:openapi-json",
                # "<" escaped so no value can close the data block early.
                "swagger_settings": json.dumps(settings).replace("<", "\\u003c"),
            },
        )


@require_GET
@cache_control(public=True, max_age=86400)
def docs_asset(request: HttpRequest, name: str) -> FileResponse:
    """One of the few Swagger UI files, by name (anything else is a 404)."""
    content_type = ASSETS.get(name)
    if content_type is None:
        raise Http404
    return FileResponse((ASSETS_DIR / name).open("rb"), content_type=content_type)

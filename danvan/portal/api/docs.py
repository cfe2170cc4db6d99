"""Swagger UI for the public API under the site's Content-Security-Policy: the petitions
API's approach (ninja's files served from our origin, settings in a JSON data block), with
this API's own asset URLs."""

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI


class PortalSwagger(DocsBase):
    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "layout": "BaseLayout",
            "deepLinking": True,
        }
        return render(
            request,
            "portal/data/api_docs.html",
            # "<" escaped so no value can close the data block early.
            {"api": api, "swagger_settings": json.dumps(settings).replace("<", "\\u003c")},
        )

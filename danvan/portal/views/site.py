"""The public site: the portal's home (find a commune, ward or agency) and one page per
public body that leads to every public page the apps already have for it.

No login and no JavaScript: the search is a plain GET form, and the pages are small enough
for a phone on a slow connection. What is public comes from :mod:`danvan.portal.records`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.portal.records import COMMUNE_KINDS, PROVINCE_KINDS
from danvan.portal.selectors import site as selectors

QUERY_MAX_LENGTH = 100


@require_GET
def site_home(request: HttpRequest) -> HttpResponse:
    """Search, provinces → communes, headline figures and the ways into open data."""
    text = request.GET.get("q", "").strip()[:QUERY_MAX_LENGTH]
    chosen = request.GET.get("tinh", "").strip()[:QUERY_MAX_LENGTH]
    context = {
        "query": text,
        "results": selectors.site_units_search(text=text) if text else None,
        "provinces": selectors.site_provinces(),
        "chosen": selectors.site_province_communes(code=chosen) if chosen else None,
        "figures": selectors.site_figures(),
    }
    return render(request, "portal/site/home.html", context)


@require_GET
def site_unit(request: HttpRequest, code: str) -> HttpResponse:
    """One commune or agency: its latest public items and links to all of them."""
    unit = selectors.site_unit_get(code=code)
    parent = unit.parent
    context = {
        "unit": unit,
        # The province filters of the models list and the statistics page.
        "province": parent if parent is not None and parent.kind in PROVINCE_KINDS else None,
        "is_commune": unit.kind in COMMUNE_KINDS,
        "sections": selectors.site_unit_sections(unit=unit),
    }
    return render(request, "portal/site/unit.html", context)

"""The ways into grassroots democracy: one page for staff (every area of the work, the law's
words for each) and one per commune for residents (everything it publishes, no login).

The areas keep their own pages; these two pages only lead to them, so a commune officer
who opens "Dân chủ ở cơ sở" from the dashboard and a resident who opens it from the home
page each find the whole of the Law's "dân biết, dân bàn, dân làm, dân kiểm tra, dân giám
sát, dân thụ hưởng" in one place.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.core.access import get_object_for_user_or_404
from danvan.democracy.selectors.households import COMMUNE_KINDS, villages_of
from danvan.units.folding import fold_for_search
from danvan.units.models import Unit

PUBLIC_PAGE_SIZE = 200


@require_GET
@login_required
def hub_index(request: HttpRequest) -> HttpResponse:
    """Staff: every area of grassroots democracy, each with what the law asks of it."""
    return render(request, "democracy/hub/index.html")


def _search(communes: list[Unit], text: str) -> list[Unit]:
    folded = fold_for_search(text)
    return [c for c in communes if folded in fold_for_search(c.name)]


@require_GET
def hub_public_index(request: HttpRequest) -> HttpResponse:
    """Residents: find one's commune or ward (by name, with or without diacritics)."""
    text = request.GET.get("q", "").strip()[:100]
    communes = list(
        Unit.objects.filter(kind__in=COMMUNE_KINDS, is_active=True)
        .select_related("parent")
        .order_by("name")
    )
    if text:
        communes = _search(communes, text)
    context = {
        "query": text,
        "communes": communes[:PUBLIC_PAGE_SIZE],
        "more": max(0, len(communes) - PUBLIC_PAGE_SIZE),
    }
    return render(request, "democracy/hub/public_index.html", context)


@require_GET
def hub_public_commune(request: HttpRequest, pk: int) -> HttpResponse:
    """Residents: what one commune publishes, and its villages' proposals."""
    commune = get_object_for_user_or_404(
        Unit.objects.filter(kind__in=COMMUNE_KINDS, is_active=True).select_related("parent"),
        allowed=lambda _unit: True,
        pk=pk,
    )
    context = {"commune": commune, "villages": list(villages_of(commune))}
    return render(request, "democracy/hub/public_commune.html", context)

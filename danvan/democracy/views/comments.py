"""Pages of comments before decisions under /dan-chu/y-kien/ (Law 10/2022/QH15 Arts 25–28).

The consultations app runs each consultation (draft, window, answers, synthesis report);
these pages list a commune's Art 25 matters with their windows and link to the
consultation's own pages, flagging a window under 20 days and a synthesis still
unpublished after the close.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from danvan.core.exceptions import ApplicationError
from danvan.democracy.forms.comments import CommuneMatterForm
from danvan.democracy.selectors import comments as selectors
from danvan.democracy.selectors import households as household_selectors
from danvan.democracy.services import comments as services
from danvan.units.models import User


@require_GET
def comments_index(request: HttpRequest) -> HttpResponse:
    communes = household_selectors.communes_managed(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("democracy:comments_commune", pk=communes[0].pk)
    return render(request, "democracy/comments/index.html", {"communes": communes})


@require_http_methods(["GET", "POST"])
def comments_commune(request: HttpRequest, pk: int) -> HttpResponse:
    commune = household_selectors.commune_for_manager_or_404(request.user, pk)
    candidates = selectors.consultations_to_link(commune)
    form = CommuneMatterForm(
        request.POST if request.method == "POST" else None, consultations=candidates
    )
    if request.method == "POST" and form.is_valid():
        assert isinstance(request.user, User)
        try:
            services.commune_matter_link(actor=request.user, **form.cleaned_data)
        except ApplicationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The consultation was listed."))
            return redirect("democracy:comments_commune", pk=commune.pk)
    context = {
        "commune": commune,
        "rows": selectors.matter_rows(commune),
        "form": form,
        "has_candidates": candidates.exists(),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "democracy/comments/commune.html", context, status=status)


@require_GET
def comments_public(request: HttpRequest, pk: int) -> HttpResponse:
    commune = household_selectors.commune_public_or_404(pk)
    rows = [row for row in selectors.matter_rows(commune) if row.status != "draft"]
    context = {"commune": commune, "rows": rows}
    return render(request, "democracy/comments/public.html", context)

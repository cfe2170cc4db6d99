"""Pages of the opinion map: the agency's page (with the recompute button) and the public one.

Both show the same aggregate picture (group sizes, the base-cluster bubbles, representative
and consensus statements), never who is in which group. Access through ``selectors.drafts``:
the same 404 for a consultation that does not exist and one the person may not manage/read.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.consultations.selectors.drafts import (
    consultation_for_manager_or_404,
    consultation_for_reader_or_404,
)
from danvan.consultations.selectors.opinion import opinion_map_latest, opinion_map_view
from danvan.consultations.services.opinion import opinion_map_recompute


@login_required
@require_GET
def opinion_manage(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    snapshot = opinion_map_latest(consultation=consultation)
    return render(
        request,
        "consultations/opinion/manage.html",
        {
            "consultation": consultation,
            "view": opinion_map_view(snapshot=snapshot) if snapshot else None,
        },
    )


@login_required
@require_POST
def opinion_recompute(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_manager_or_404(request.user, slug)
    opinion_map_recompute.enqueue(consultation_id=consultation.pk, actor_id=request.user.pk)
    messages.success(
        request,
        _("The opinion map is being recomputed; reload this page in a moment to see it."),
    )
    return redirect("consultations:opinion_manage", slug=consultation.slug)


@require_GET
def opinion_public(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = consultation_for_reader_or_404(request.user, slug)
    snapshot = opinion_map_latest(consultation=consultation)
    return render(
        request,
        "consultations/opinion/public.html",
        {
            "consultation": consultation,
            "view": opinion_map_view(snapshot=snapshot) if snapshot else None,
        },
    )

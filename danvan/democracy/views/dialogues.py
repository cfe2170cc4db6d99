"""Pages of dialogues under /dan-chu/doi-thoai/: staff pages (democracy.manage) and one
public page per commune (no login).

Thin views: the access check first (the same 404 for missing and not allowed), then one
service call; a refused entry re-renders the page with the Vietnamese message and what was
typed. The public page shows what residents are entitled to see: dialogues, questions,
answers and commitments with their status and deadlines; an asker's name only where the
person agreed (otherwise "a resident of <village>"); never an account or a phone number.
"""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.democracy.forms import dialogues as f
from danvan.democracy.models.dialogues import Commitment, Dialogue
from danvan.democracy.selectors import dialogues as selectors
from danvan.democracy.selectors import households as household_selectors
from danvan.democracy.selectors import supervision as supervision_selectors
from danvan.democracy.services import dialogues as services
from danvan.democracy.views.common import acting_user as _user
from danvan.democracy.views.common import attempt as _attempt
from danvan.democracy.views.common import posted as _posted
from danvan.democracy.views.common import submit
from danvan.units.models import Unit


@require_GET
def dialogues_index(request: HttpRequest) -> HttpResponse:
    communes = supervision_selectors.units_managed(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("democracy:dialogues_unit", pk=communes[0].pk)
    flagged = [(c, selectors.missing_yearly_dialogue(c)) for c in communes]
    return render(request, "democracy/dialogues/index.html", {"communes": flagged})


@require_GET
def dialogues_unit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_for_manager_or_404(request.user, pk)
    context = {
        "unit": unit,
        "dialogues": selectors.dialogues_of(unit),
        "missing_yearly": selectors.missing_yearly_dialogue(unit),
        "year": selectors.today().year,
        "overdue": selectors.overdue_commitments(unit),
    }
    return render(request, "democracy/dialogues/unit.html", context)


@require_http_methods(["GET", "POST"])
def dialogues_create(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_for_manager_or_404(request.user, pk)
    form = f.DialogueForm(_posted(request))
    dialogue = submit(
        request,
        form,
        services.dialogue_create,
        _("Dialogue recorded."),
        unit=unit,
        actor=_user(request),
    )
    if dialogue is not None:
        return redirect("democracy:dialogues_detail", pk=dialogue.pk)
    return render(request, "democracy/dialogues/form.html", {"unit": unit, "form": form})


def _detail_page(request: HttpRequest, dialogue: Dialogue, **forms_: forms.Form) -> HttpResponse:
    villages = household_selectors.villages_of(dialogue.unit)
    commitments = [(c, selectors.commitment_is_overdue(c)) for c in dialogue.commitments.all()]
    context = {
        "dialogue": dialogue,
        "questions": dialogue.questions.select_related("village"),
        "commitments": commitments,
        "question_form": forms_.get("question_form") or f.QuestionForm(villages=villages),
        "commitment_form": forms_.get("commitment_form") or f.CommitmentForm(dialogue=dialogue),
    }
    status = 400 if forms_ else 200
    return render(request, "democracy/dialogues/detail.html", context, status=status)


@require_GET
def dialogues_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail_page(request, selectors.dialogue_for_manager_or_404(request.user, pk))


@require_POST
def dialogues_question_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_for_manager_or_404(request.user, pk)
    form = f.QuestionForm(request.POST, villages=household_selectors.villages_of(dialogue.unit))
    if submit(
        request,
        form,
        services.question_add,
        _("Question recorded."),
        dialogue=dialogue,
        actor=_user(request),
    ):
        return redirect("democracy:dialogues_detail", pk=dialogue.pk)
    return _detail_page(request, dialogue, question_form=form)


@require_POST
def dialogues_commitment_add(request: HttpRequest, pk: int) -> HttpResponse:
    dialogue = selectors.dialogue_for_manager_or_404(request.user, pk)
    form = f.CommitmentForm(request.POST, dialogue=dialogue)
    if submit(
        request,
        form,
        services.commitment_add,
        _("Commitment recorded."),
        dialogue=dialogue,
        actor=_user(request),
    ):
        return redirect("democracy:dialogues_detail", pk=dialogue.pk)
    return _detail_page(request, dialogue, commitment_form=form)


@require_http_methods(["GET", "POST"])
def dialogues_commitment(request: HttpRequest, pk: int) -> HttpResponse:
    commitment = selectors.commitment_for_manager_or_404(request.user, pk)
    posted = request.method == "POST"
    form = f.ProgressForm(request.POST if posted else None, request.FILES if posted else None)
    if (
        posted
        and form.is_valid()
        and _attempt(
            form,
            services.commitment_progress,
            commitment=commitment,
            actor=_user(request),
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("Progress recorded."))
        return redirect("democracy:dialogues_commitment", pk=commitment.pk)
    context = {
        "commitment": commitment,
        "dialogue": commitment.dialogue,
        "overdue": selectors.commitment_is_overdue(commitment),
        "updates": commitment.updates.select_related("created_by"),
        "form": form,
    }
    status = 400 if posted else 200
    return render(request, "democracy/dialogues/commitment.html", context, status=status)


@require_GET
def dialogues_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """The evidence file, for staff only (it may show people or documents)."""
    commitment: Commitment = selectors.commitment_for_manager_or_404(request.user, pk)
    if not commitment.evidence_file:
        raise Http404
    name = (commitment.evidence_file.name or "").rsplit("/", 1)[-1]
    kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return FileResponse(
        commitment.evidence_file.open("rb"), as_attachment=True, filename=name, content_type=kind
    )


@require_GET
def dialogues_public(request: HttpRequest, pk: int) -> HttpResponse:
    """The commune's dialogues for residents: no login, no personal data."""
    commune = household_selectors.commune_public_or_404(pk)
    context = {
        "commune": commune,
        "dialogues": selectors.public_dialogues(commune),
        "today": selectors.today(),
    }
    return render(request, "democracy/dialogues/public.html", context)


@dataclass
class PanelRow:
    """One commune on the staff dashboard: what is late in supervision and dialogues."""

    commune: Unit
    missing_yearly: bool
    overdue_commitments: int
    overdue_answers: int
    boards_flagged: int

    @property
    def needs_attention(self) -> bool:
        return bool(
            self.missing_yearly
            or self.overdue_commitments
            or self.overdue_answers
            or self.boards_flagged
        )


def panel_context(request: HttpRequest) -> dict[str, Any]:
    """The dashboard panel: for each commune the person manages (10 at most), the yearly
    dialogue flag, overdue commitments, unanswered recommendations, boards to fix."""
    rows = [
        PanelRow(
            commune=commune,
            missing_yearly=selectors.missing_yearly_dialogue(commune),
            overdue_commitments=len(selectors.overdue_commitments(commune)),
            overdue_answers=len(supervision_selectors.overdue_recommendations(commune)),
            boards_flagged=sum(
                1 for state in supervision_selectors.board_states(commune) if state.flags
            ),
        )
        for commune in household_selectors.communes_managed(request.user)[:10]
    ]
    return {"rows": rows}


def register_panels() -> None:
    """Called from ``DemocracyConfig.ready``: the panel for the communes' staff."""
    from danvan.core.dashboard import register_panel
    from danvan.democracy.rules import MANAGER_ROLES

    register_panel(
        key="democracy_supervision_dialogues",
        template="democracy/dialogues/panel.html",
        context=panel_context,
        roles=MANAGER_ROLES,
        order=60,
    )

"""Pages of residents' supervision under /dan-chu/giam-sat/ (staff with democracy.manage).

Thin views: the access check first (the same 404 for missing and not allowed), then one
service call. Each page carries the small forms acting on it; a refused entry re-renders
the page with the service's Vietnamese message and what was typed.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.democracy.forms import supervision as f
from danvan.democracy.models.supervision import (
    SupervisionActivity,
    SupervisionBoard,
    SupervisionPlan,
)
from danvan.democracy.selectors import households as household_selectors
from danvan.democracy.selectors import supervision as selectors
from danvan.democracy.services import supervision as services
from danvan.democracy.views.common import acting_user as _user
from danvan.democracy.views.common import attempt as _attempt
from danvan.democracy.views.common import posted as _posted
from danvan.democracy.views.common import submit


@require_GET
def supervision_index(request: HttpRequest) -> HttpResponse:
    communes = selectors.units_managed(request.user)
    if not communes:
        raise Http404
    if len(communes) == 1:
        return redirect("democracy:supervision_unit", pk=communes[0].pk)
    return render(request, "democracy/supervision/index.html", {"communes": communes})


@require_GET
def supervision_unit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_for_manager_or_404(request.user, pk)
    context = {
        "unit": unit,
        "states": selectors.board_states(unit),
        "overdue": selectors.overdue_recommendations(unit),
    }
    return render(request, "democracy/supervision/unit.html", context)


@require_http_methods(["GET", "POST"])
def supervision_board_create(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_for_manager_or_404(request.user, pk)
    form = f.BoardForm(_posted(request))
    board = submit(
        request,
        form,
        services.board_create,
        _("Board registered."),
        unit=unit,
        actor=_user(request),
    )
    if board is not None:
        return redirect("democracy:supervision_board", pk=board.pk)
    return render(request, "democracy/supervision/board_form.html", {"unit": unit, "form": form})


def _board_page(
    request: HttpRequest, board: SupervisionBoard, **forms_: forms.Form
) -> HttpResponse:
    villages = household_selectors.villages_of(board.unit)
    context = {
        "board": board,
        "state": selectors.board_state(board),
        "current": set(selectors.current_members(board).values_list("pk", flat=True)),
        "members": selectors.members_of(board),
        "plans": board.plans.all(),
        "member_form": forms_.get("member_form") or f.MemberForm(villages=villages),
        "plan_form": forms_.get("plan_form") or f.PlanForm(),
        "dissolve_form": forms_.get("dissolve_form") or f.DissolveForm(),
        "end_form": f.MemberEndForm(),
    }
    status = 200 if not forms_ else 400
    return render(request, "democracy/supervision/board.html", context, status=status)


@require_GET
def supervision_board(request: HttpRequest, pk: int) -> HttpResponse:
    return _board_page(request, selectors.board_for_manager_or_404(request.user, pk))


@require_POST
def supervision_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_for_manager_or_404(request.user, pk)
    form = f.MemberForm(request.POST, villages=household_selectors.villages_of(board.unit))
    if submit(
        request, form, services.member_add, _("Member added."), board=board, actor=_user(request)
    ):
        return redirect("democracy:supervision_board", pk=board.pk)
    return _board_page(request, board, member_form=form)


@require_POST
def supervision_member_end(request: HttpRequest, pk: int) -> HttpResponse:
    member = selectors.member_for_manager_or_404(request.user, pk)
    form = f.MemberEndForm(request.POST)
    if not submit(
        request,
        form,
        services.member_end,
        _("The member's term on the board was ended."),
        member=member,
        actor=_user(request),
    ):
        messages.error(request, " ".join(str(m) for errors in form.errors.values() for m in errors))
    return redirect("democracy:supervision_board", pk=member.board_id)


@require_POST
def supervision_board_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_for_manager_or_404(request.user, pk)
    form = f.DissolveForm(request.POST)
    if submit(
        request,
        form,
        services.board_dissolve,
        _("The board was dissolved."),
        board=board,
        actor=_user(request),
    ):
        return redirect("democracy:supervision_board", pk=board.pk)
    return _board_page(request, board, dissolve_form=form)


@require_POST
def supervision_plan_add(request: HttpRequest, pk: int) -> HttpResponse:
    board = selectors.board_for_manager_or_404(request.user, pk)
    form = f.PlanForm(request.POST)
    if form.is_valid():
        plan = _attempt(
            form, services.plan_create, board=board, actor=_user(request), **form.cleaned_data
        )
        if plan is not None:
            return redirect("democracy:supervision_plan", pk=plan.pk)
    return _board_page(request, board, plan_form=form)


def _plan_page(
    request: HttpRequest, plan: SupervisionPlan, form: forms.Form | None = None
) -> HttpResponse:
    activities = [
        (activity, selectors.notice_is_late(activity)) for activity in selectors.activities_of(plan)
    ]
    context = {
        "plan": plan,
        "board": plan.board,
        "activities": activities,
        "form": form or f.ActivityForm(),
    }
    return render(request, "democracy/supervision/plan.html", context, status=400 if form else 200)


@require_GET
def supervision_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, selectors.plan_for_manager_or_404(request.user, pk))


@require_POST
def supervision_activity_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.plan_for_manager_or_404(request.user, pk)
    form = f.ActivityForm(request.POST)
    if form.is_valid():
        activity = _attempt(
            form, services.activity_create, plan=plan, actor=_user(request), **form.cleaned_data
        )
        if activity is not None:
            return redirect("democracy:supervision_activity", pk=activity.pk)
    return _plan_page(request, plan, form)


def _activity_page(
    request: HttpRequest, activity: SupervisionActivity, **forms_: forms.Form
) -> HttpResponse:
    recommendations = [
        (
            r,
            selectors.answer_is_overdue(r),
            forms_.get(f"answer_{r.pk}") or f.AnswerForm(auto_id=f"answer{r.pk}_%s"),
        )
        for r in activity.recommendations.all()
    ]
    context = {
        "activity": activity,
        "plan": activity.plan,
        "board": activity.plan.board,
        "notice_late": selectors.notice_is_late(activity),
        "findings": activity.findings.all(),
        "recommendations": recommendations,
        "notice_form": forms_.get("notice_form") or f.NoticeForm(),
        "finding_form": forms_.get("finding_form") or f.FindingForm(),
        "recommendation_form": forms_.get("recommendation_form") or f.RecommendationForm(),
    }
    status = 400 if forms_ else 200
    return render(request, "democracy/supervision/activity.html", context, status=status)


@require_GET
def supervision_activity(request: HttpRequest, pk: int) -> HttpResponse:
    return _activity_page(request, selectors.activity_for_manager_or_404(request.user, pk))


@require_POST
def supervision_notice(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_manager_or_404(request.user, pk)
    form = f.NoticeForm(request.POST)
    if submit(
        request,
        form,
        services.activity_notice_record,
        _("The day the plan was sent is recorded."),
        activity=activity,
        actor=_user(request),
    ):
        return redirect("democracy:supervision_activity", pk=activity.pk)
    return _activity_page(request, activity, notice_form=form)


@require_POST
def supervision_finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_manager_or_404(request.user, pk)
    form = f.FindingForm(request.POST)
    if submit(
        request,
        form,
        services.finding_add,
        _("Finding recorded."),
        activity=activity,
        actor=_user(request),
    ):
        return redirect("democracy:supervision_activity", pk=activity.pk)
    return _activity_page(request, activity, finding_form=form)


@require_POST
def supervision_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = selectors.activity_for_manager_or_404(request.user, pk)
    form = f.RecommendationForm(request.POST)
    if submit(
        request,
        form,
        services.recommendation_add,
        _("Recommendation recorded."),
        activity=activity,
        actor=_user(request),
    ):
        return redirect("democracy:supervision_activity", pk=activity.pk)
    return _activity_page(request, activity, recommendation_form=form)


@require_POST
def supervision_answer(request: HttpRequest, pk: int) -> HttpResponse:
    recommendation = selectors.recommendation_for_manager_or_404(request.user, pk)
    form = f.AnswerForm(request.POST, auto_id=f"answer{recommendation.pk}_%s")
    if submit(
        request,
        form,
        services.recommendation_answer,
        _("The commune's answer is recorded."),
        recommendation=recommendation,
        actor=_user(request),
    ):
        return redirect("democracy:supervision_activity", pk=recommendation.activity_id)
    return _activity_page(request, recommendation.activity, **{f"answer_{recommendation.pk}": form})

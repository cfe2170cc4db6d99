"""The directives panel of the staff home page (registered from ``DirectivesConfig.ready``).

One panel for both sides of the work, chosen by what the active role may do in its unit:
a managing unit (commission staff, head of a directing body) sees what waits for it —
reports submitted for review, late assignments and missing reports of the units it
follows — and the ways into the register, directives, rounds, monitoring and delegations;
a unit's staff see what their own unit owes: open assignments (and how many are late),
reports to write or to correct, recommendations to carry out. Every count is one query.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from danvan.core.dashboard import register_panel
from danvan.directives.models import Recommendation, TaskAssignment, UnitReport
from danvan.directives.rules import STAFF_PANEL_ROLES

OPEN_ASSIGNMENT = ~Q(status=TaskAssignment.Status.DONE) & Q(task__directive__status="active")
OPEN_RECOMMENDATION = ~Q(status=Recommendation.Status.DONE)


def _today() -> dt.date:
    return timezone.localdate()


def panel_context(request: HttpRequest) -> dict[str, Any]:
    active = getattr(request, "active_role", None)
    unit = getattr(active, "unit", None)
    user = request.user
    if unit is None:
        return {"unit": None}
    today = _today()
    manages = user.has_perm("directives.manage", unit)
    acts = user.has_perm("directives.act_for_unit", unit)
    context: dict[str, Any] = {"unit": unit, "manages": manages, "acts": acts}
    if manages:
        followed = Q(task__directive__unit=unit)
        context["awaiting_review"] = UnitReport.objects.filter(
            round__unit=unit, status=UnitReport.Status.SUBMITTED
        ).count()
        context["late_assignments"] = TaskAssignment.objects.filter(
            followed, OPEN_ASSIGNMENT, task__due_on__lt=today
        ).count()
        context["missing_reports"] = UnitReport.objects.filter(
            round__unit=unit,
            round__due_on__lt=today,
            status__in=[UnitReport.Status.DRAFT, UnitReport.Status.RETURNED],
        ).count()
    if acts:
        own = TaskAssignment.objects.filter(OPEN_ASSIGNMENT, unit=unit)
        context["open_assignments"] = own.count()
        context["own_late"] = own.filter(task__due_on__lt=today).count()
        context["reports_to_write"] = UnitReport.objects.filter(
            unit=unit,
            round__status="open",
            status__in=[UnitReport.Status.DRAFT, UnitReport.Status.RETURNED],
        ).count()
        context["recommendations_open"] = Recommendation.objects.filter(
            OPEN_RECOMMENDATION, unit=unit
        ).count()
    return context


def register() -> None:
    register_panel(
        key="directives",
        template="directives/home/panel.html",
        context=panel_context,
        roles=STAFF_PANEL_ROLES,
        order=50,
    )

"""The heads' reception schedule: public pages (Law on Citizen Reception Art 24) and the
management page where a head or the reception office plans and records the days.

Thin views: the management pages reach the unit through ``petitions.manage_reception_schedule``
(404 for anyone else, as for a unit that does not exist), then call one service.
"""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from danvan.core.dashboard import register_panel
from danvan.core.exceptions import ApplicationError
from danvan.petitions.forms.schedule import (
    ReceptionCancelForm,
    ReceptionDayForm,
    ReceptionHeldForm,
    ScheduleMonthForm,
)
from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.selectors.schedule import (
    DutyStatus,
    month_bounds,
    reception_days_public,
    reception_duty_for,
    reception_duty_statuses,
    units_with_public_schedule,
)
from danvan.petitions.services.schedule import (
    reception_day_cancel,
    reception_day_plan,
    reception_day_record_held,
)
from danvan.units.models import RoleAssignment, Unit, User

MANAGE = "petitions.manage_reception_schedule"
PANEL_ROLES = (RoleAssignment.Role.HEAD, RoleAssignment.Role.RECEPTION_OFFICER)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)  # guaranteed by @login_required
    return request.user


def _public_unit(unit_code: str) -> Unit:
    return get_object_or_404(Unit.objects.select_related("parent"), code=unit_code, is_active=True)


def _managed_unit(request: HttpRequest, unit_code: str) -> Unit:
    """The unit if the user may manage its schedule; the same 404 otherwise."""
    unit = Unit.objects.select_related("parent").filter(code=unit_code, is_active=True).first()
    if unit is None or not request.user.has_perm(MANAGE, unit):
        raise Http404
    return unit


# ------------------------------------------------------------------ public pages


@require_GET
def schedule_index(request: HttpRequest) -> HttpResponse:
    return render(request, "petitions/schedule/index.html", {"units": units_with_public_schedule()})


@require_GET
def schedule_public(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _public_unit(unit_code)
    today = timezone.localdate()
    context = {
        "unit": unit,
        "today": today,
        "days": reception_days_public(unit=unit, today=today),
        "duty": reception_duty_for(unit=unit, on=today),
    }
    return render(request, "petitions/schedule/public.html", context)


# ------------------------------------------------------------------ management


def _month(request: HttpRequest, today: dt.date) -> tuple[ScheduleMonthForm, int, int]:
    form = ScheduleMonthForm(request.GET or None)
    if form.is_valid():
        return form, form.cleaned_data["year"], form.cleaned_data["month"]
    return form, today.year, today.month


def _manage_page(
    request: HttpRequest,
    unit: Unit,
    *,
    plan_form: ReceptionDayForm | None = None,
    cancel_form: ReceptionCancelForm | None = None,
    cancel_pk: int | None = None,
    status: int = 200,
) -> HttpResponse:
    today = timezone.localdate()
    month_form, year, month = _month(request, today)
    first, last = month_bounds(year, month)
    days = ReceptionScheduleDay.objects.filter(
        unit=unit, date__gte=first, date__lte=last
    ).select_related("head", "delegate")
    context = {
        "unit": unit,
        "today": today,
        "year": year,
        "month": month,
        "month_form": month_form,
        "previous": first - dt.timedelta(days=1),
        "next": last + dt.timedelta(days=1),
        "statuses": reception_duty_statuses(unit=unit, year=year, month=month, today=today),
        "duty": reception_duty_for(unit=unit, on=first),
        "rows": [
            (
                day,
                ReceptionHeldForm(auto_id=f"id_held{day.pk}_%s"),
                cancel_form
                if cancel_form is not None and cancel_pk == day.pk
                else ReceptionCancelForm(auto_id=f"id_cancel{day.pk}_%s"),
            )
            for day in days
        ],
        "plan_form": plan_form or ReceptionDayForm(unit=unit),
    }
    return render(request, "petitions/schedule/manage.html", context, status=status)


def _manage_url(unit: Unit, day: dt.date) -> str:
    url = reverse("petitions:schedule_manage", kwargs={"unit_code": unit.code})
    return f"{url}?year={day.year}&month={day.month}"


@login_required
@require_http_methods(["GET", "POST"])
def schedule_manage(request: HttpRequest, unit_code: str) -> HttpResponse:
    unit = _managed_unit(request, unit_code)
    if request.method == "GET":
        return _manage_page(request, unit)
    form = ReceptionDayForm(request.POST, unit=unit)
    if not form.is_valid():
        return _manage_page(request, unit, plan_form=form, status=400)
    try:
        day = reception_day_plan(unit=unit, actor=_user(request), **form.cleaned_data)
    except ApplicationError as error:
        form.add_error(None, error.message)
        return _manage_page(request, unit, plan_form=form, status=400)
    messages.success(request, _("The reception day was added to the published schedule."))
    return redirect(_manage_url(unit, day.date))


def _day(unit: Unit, pk: int) -> ReceptionScheduleDay:
    return get_object_or_404(ReceptionScheduleDay, pk=pk, unit=unit)


@login_required
@require_POST
def schedule_day_held(request: HttpRequest, unit_code: str, pk: int) -> HttpResponse:
    unit = _managed_unit(request, unit_code)
    day = _day(unit, pk)
    form = ReceptionHeldForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The outcome is too long."))
        return redirect(_manage_url(unit, day.date))
    try:
        reception_day_record_held(
            day=day, actor=_user(request), outcome_note=form.cleaned_data["outcome_note"]
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reception day was recorded as held."))
    return redirect(_manage_url(unit, day.date))


@login_required
@require_POST
def schedule_day_cancel(request: HttpRequest, unit_code: str, pk: int) -> HttpResponse:
    unit = _managed_unit(request, unit_code)
    day = _day(unit, pk)
    form = ReceptionCancelForm(request.POST, auto_id=f"id_cancel{pk}_%s")
    if not form.is_valid():
        return _manage_page(request, unit, cancel_form=form, cancel_pk=pk, status=400)
    try:
        reception_day_cancel(day=day, actor=_user(request), reason=form.cleaned_data["reason"])
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The reception day was cancelled."))
    return redirect(_manage_url(unit, day.date))


# ------------------------------------------------------------------ dashboard panel


@dataclass(frozen=True)
class SchedulePanel:
    unit: Unit | None
    statuses: list[DutyStatus]

    @property
    def warnings(self) -> list[DutyStatus]:
        return [s for s in self.statuses if s.is_short or s.unrecorded]


def _next_month(today: dt.date) -> tuple[int, int]:
    return (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)


def schedule_panel_context(request: HttpRequest) -> dict[str, Any]:
    """This month's and next month's reception duty of the active unit, with warnings.

    A head who owes the duty sees their own lines; the reception office sees every head's.
    """
    active: RoleAssignment | None = getattr(request, "active_role", None)
    if active is None or active.role not in PANEL_ROLES:
        return {"schedule": SchedulePanel(unit=None, statuses=[])}
    today = timezone.localdate()
    statuses: list[DutyStatus] = []
    for year, month in ((today.year, today.month), _next_month(today)):
        statuses.extend(
            reception_duty_statuses(unit=active.unit, year=year, month=month, today=today)
        )
    if active.role == RoleAssignment.Role.HEAD and any(
        s.head.pk == request.user.pk for s in statuses
    ):
        statuses = [s for s in statuses if s.head.pk == request.user.pk]
    return {"schedule": SchedulePanel(unit=active.unit, statuses=statuses)}


def register_panels() -> None:
    register_panel(
        key="petitions_schedule",
        template="petitions/schedule/panel.html",
        context=schedule_panel_context,
        roles=PANEL_ROLES,
        order=30,
    )

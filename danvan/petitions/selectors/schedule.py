"""Reads for the heads' reception schedule: the duty table, shortfalls, the public list.

The duty table is data (:data:`RECEPTION_DUTIES`), dated so that a month is judged by the
rule in force then: a commune chairman owed 1 day a week until 30/6/2026 and owes 2 days a
month from 1/7/2026 (Law 136/2025/QH15), and may no longer delegate it.

A month's count for a head is what can still fulfil the duty: the days recorded as held,
plus the planned days still ahead. A planned day in the past that nobody recorded does
not count (it is listed, to be recorded as held or cancelled).
"""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.units.folding import fold_for_search
from danvan.units.models import RoleAssignment, Unit, User


class DutyHolder(StrEnum):
    COMMUNE_CHAIRMAN = "commune_chairman"
    PROVINCE_CHAIRMAN = "province_chairman"
    AGENCY_HEAD = "agency_head"
    PUBLIC_UNIT_HEAD = "public_unit_head"


class Period(StrEnum):
    WEEK = "week"
    MONTH = "month"


HOLDER_LABELS: dict[DutyHolder, Promise] = {
    DutyHolder.COMMUNE_CHAIRMAN: _("Chairman of the commune People's Committee"),
    DutyHolder.PROVINCE_CHAIRMAN: _("Chairman of the provincial People's Committee"),
    DutyHolder.AGENCY_HEAD: _("Head of a state administrative agency"),
    DutyHolder.PUBLIC_UNIT_HEAD: _("Head of a public service unit"),
}


@dataclass(frozen=True)
class ReceptionDuty:
    """How many regular reception days a head owes, and from when to when (inclusive)."""

    holder: DutyHolder
    days: int
    period: Period
    may_delegate: bool
    legal_basis: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None

    def in_force(self, on: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    @property
    def holder_label(self) -> Promise:
        return HOLDER_LABELS[self.holder]

    @property
    def description(self) -> str:
        if self.period == Period.WEEK:
            text = ngettext(
                "at least %(days)d day a week", "at least %(days)d days a week", self.days
            )
        else:
            text = ngettext(
                "at least %(days)d day a month", "at least %(days)d days a month", self.days
            )
        return text % {"days": self.days}


LAW_136_IN_FORCE = dt.date(2026, 7, 1)
RECEPTION_DUTIES: tuple[ReceptionDuty, ...] = (
    ReceptionDuty(
        DutyHolder.COMMUNE_CHAIRMAN,
        days=1,
        period=Period.WEEK,
        may_delegate=True,
        legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 15 khoản 2 điểm d",
        valid_to=LAW_136_IN_FORCE - dt.timedelta(days=1),
    ),
    ReceptionDuty(
        DutyHolder.COMMUNE_CHAIRMAN,
        days=2,
        period=Period.MONTH,
        # Law 136/2025: the commune chairman may not delegate regular reception to a deputy.
        may_delegate=False,
        legal_basis="Luật Tiếp công dân, Điều 15 (sửa đổi bởi Luật 136/2025/QH15)",
        valid_from=LAW_136_IN_FORCE,
    ),
    ReceptionDuty(
        DutyHolder.PROVINCE_CHAIRMAN,
        days=1,
        period=Period.MONTH,
        may_delegate=True,  # [M] practice; the text is silent on delegation
        legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 12 khoản 5",
    ),
    ReceptionDuty(
        DutyHolder.AGENCY_HEAD,
        days=1,
        period=Period.MONTH,
        may_delegate=True,  # [M] ministries delegated 66% of days in 2025 (DOMAIN.md §1.1)
        legal_basis="Luật Tiếp công dân 42/2013/QH13, Điều 18 khoản 2",
    ),
    ReceptionDuty(
        DutyHolder.PUBLIC_UNIT_HEAD,
        days=1,
        period=Period.MONTH,
        may_delegate=True,
        legal_basis="Nghị định 154/2026/NĐ-CP, Điều 10 khoản 2",
        valid_from=LAW_136_IN_FORCE,
    ),
)


def duty_holder_of(unit: Unit) -> DutyHolder | None:
    """Which head's duty applies to ``unit`` (None: no reception duty in the table)."""
    if unit.kind == Unit.Kind.PEOPLES_COMMITTEE:
        parent_kind = unit.parent.kind if unit.parent is not None else ""
        if parent_kind in Unit.COMMUNE_KINDS:
            return DutyHolder.COMMUNE_CHAIRMAN
        if parent_kind in Unit.PROVINCE_KINDS:
            return DutyHolder.PROVINCE_CHAIRMAN
        return None
    if unit.kind in (Unit.Kind.MINISTRY, Unit.Kind.DEPARTMENT):
        return DutyHolder.AGENCY_HEAD
    if unit.kind == Unit.Kind.PUBLIC_UNIT:
        return DutyHolder.PUBLIC_UNIT_HEAD
    return None


def reception_duty_for(*, unit: Unit, on: dt.date) -> ReceptionDuty | None:
    """The duty of ``unit``'s head in force on ``on``."""
    holder = duty_holder_of(unit)
    for duty in RECEPTION_DUTIES:
        if duty.holder == holder and duty.in_force(on):
            return duty
    return None


def is_deputy_title(title: str) -> bool:
    """Deputies' titles start with "Phó" (Phó Chủ tịch, Phó Giám đốc…)."""
    words = fold_for_search(title).split()
    return bool(words) and words[0] == "pho"


def unit_heads(*, unit: Unit) -> QuerySet[RoleAssignment]:
    """Everyone holding the head role in ``unit``, deputies included (chiefs first)."""
    return (
        RoleAssignment.objects.filter(unit=unit, role=RoleAssignment.Role.HEAD, is_active=True)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def reception_duty_holders(*, unit: Unit) -> list[RoleAssignment]:
    """The heads who personally owe the duty: head roles whose title is not a deputy's."""
    return [r for r in unit_heads(unit=unit) if not is_deputy_title(r.title)]


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, pycalendar.monthrange(year, month)[1])


def _mondays(year: int, month: int) -> list[dt.date]:
    first, last = month_bounds(year, month)
    start = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    return [start + dt.timedelta(weeks=i) for i in range((last - start).days // 7 + 1)]


@dataclass(frozen=True)
class DutyStatus:
    """One head's reception duty over one month, as of ``today``."""

    unit: Unit
    head: User
    title: str
    duty: ReceptionDuty
    year: int
    month: int
    required: int
    counted: int
    held: int
    planned_ahead: int
    unrecorded: list[ReceptionScheduleDay] = field(default_factory=list)
    not_counted_delegated: int = 0
    weeks_without_day: list[dt.date] = field(default_factory=list)

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.counted)

    @property
    def is_short(self) -> bool:
        return self.shortfall > 0

    @property
    def month_label(self) -> str:
        return f"{self.month:02d}/{self.year}" if self.month <= 2 else f"{self.month}/{self.year}"


def _counts(day: ReceptionScheduleDay, duty: ReceptionDuty, today: dt.date) -> bool:
    if day.kind != ReceptionScheduleDay.Kind.REGULAR:
        return False
    if day.delegate_id is not None and not duty.may_delegate:
        return False
    if day.status == ReceptionScheduleDay.Status.HELD:
        return True
    return day.status == ReceptionScheduleDay.Status.PLANNED and day.date >= today


def _duty_status(
    *,
    unit: Unit,
    holder: RoleAssignment,
    days: list[ReceptionScheduleDay],
    year: int,
    month: int,
    today: dt.date,
) -> DutyStatus | None:
    first, last = month_bounds(year, month)
    mondays = _mondays(year, month)
    # The rule in force on the 1st; a weekly one is then judged week by week (by Monday).
    duty = reception_duty_for(unit=unit, on=first)
    if duty is None:
        return None
    if duty.period == Period.WEEK:
        # Weeks are judged by their Monday: the last one may end in the next month.
        scope = (mondays[0], mondays[-1] + dt.timedelta(days=6))
    else:
        scope = (first, last)
    mine = [d for d in days if d.head_id == holder.user_id and scope[0] <= d.date <= scope[1]]
    counting = [d for d in mine if _counts(d, duty, today)]
    weeks_without: list[dt.date] = []
    if duty.period == Period.WEEK:
        required = len(mondays)
        for monday in mondays:
            week = {monday + dt.timedelta(days=i) for i in range(7)}
            if not any(d.date in week for d in counting):
                weeks_without.append(monday)
        counted = required - len(weeks_without)
    else:
        required = duty.days
        counted = len(counting)
    return DutyStatus(
        unit=unit,
        head=holder.user,
        title=holder.title,
        duty=duty,
        year=year,
        month=month,
        required=required,
        counted=counted,
        held=sum(1 for d in counting if d.status == ReceptionScheduleDay.Status.HELD),
        planned_ahead=sum(1 for d in counting if d.status == ReceptionScheduleDay.Status.PLANNED),
        unrecorded=[
            d for d in mine if d.status == ReceptionScheduleDay.Status.PLANNED and d.date < today
        ],
        not_counted_delegated=sum(
            1
            for d in mine
            if d.delegate_id is not None
            and not duty.may_delegate
            and d.kind == ReceptionScheduleDay.Kind.REGULAR
            and d.status != ReceptionScheduleDay.Status.CANCELLED
        ),
        weeks_without_day=weeks_without,
    )


def reception_days_of_month(*, unit: Unit, year: int, month: int) -> list[ReceptionScheduleDay]:
    """Every reception day of ``unit`` in the month and in the rest of its last week."""
    first, last = month_bounds(year, month)
    return list(
        ReceptionScheduleDay.objects.filter(
            unit=unit,
            date__gte=first,
            date__lte=last + dt.timedelta(days=6 - last.weekday()),
        ).select_related("head", "delegate", "unit")
    )


def reception_duty_statuses(
    *, unit: Unit, year: int, month: int, today: dt.date | None = None
) -> list[DutyStatus]:
    """Each duty holder's status for the month (empty when the unit has no duty)."""
    on = today or timezone.localdate()
    days = reception_days_of_month(unit=unit, year=year, month=month)
    statuses = []
    for holder in reception_duty_holders(unit=unit):
        status = _duty_status(unit=unit, holder=holder, days=days, year=year, month=month, today=on)
        if status is not None:
            statuses.append(status)
    return statuses


# Names of the days as written before a date in notices ("Thứ Hai, ngày 02 tháng 11 năm …").
WEEKDAYS = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


def clock(value: dt.time) -> str:
    """A time of day as written in notices: "7 giờ 30" in Vietnamese."""
    return gettext("%(hour)d:%(minute)02d") % {"hour": value.hour, "minute": value.minute}


@dataclass(frozen=True)
class PublicDay:
    """A reception day as published (Law Art 24): who, when, where."""

    day: ReceptionScheduleDay
    weekday: Promise
    head_name: str
    head_title: str
    delegate_name: str
    time_range: str


def _titles(unit: Unit) -> dict[int, str]:
    return {r.user_id: r.title for r in unit_heads(unit=unit)}


def reception_days_public(
    *, unit: Unit, today: dt.date | None = None, limit: int = 60
) -> list[PublicDay]:
    """The unit's coming reception days, cancelled ones included (people plan journeys)."""
    on = today or timezone.localdate()
    titles = _titles(unit)
    days = ReceptionScheduleDay.objects.filter(unit=unit, date__gte=on).select_related(
        "head", "delegate"
    )[:limit]
    return [
        PublicDay(
            day=day,
            weekday=WEEKDAYS[day.date.weekday()],
            head_name=day.head.get_full_name(),
            head_title=titles.get(day.head_id, ""),
            delegate_name=day.delegate.get_full_name() if day.delegate is not None else "",
            time_range=gettext("from %(start)s to %(end)s")
            % {"start": clock(day.start_time), "end": clock(day.end_time)},
        )
        for day in days
    ]


def units_with_public_schedule(*, today: dt.date | None = None) -> QuerySet[Unit]:
    """Units with at least one coming reception day (for the public index)."""
    on = today or timezone.localdate()
    return (
        Unit.objects.filter(is_active=True, reception_days__date__gte=on)
        .distinct()
        .order_by("path")
    )

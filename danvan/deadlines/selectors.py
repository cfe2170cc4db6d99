"""Reads: due dates, the calendar of a month, rules in force, upcoming days off.

Other apps compute their deadlines here (or with :func:`deadline_config` directly when they
compute many at once), so that every due date in the system uses the same calendar,
including the administrators' corrections.
"""

import calendar as pycalendar
import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from danvan.deadlines.config import DeadlineConfig, deadline_config
from danvan.deadlines.engine import DayInfo, DayKind, DeadlineStatus, Rule, RunningDeadline


def due_date_compute(*, code: str, start: dt.date, remote_area: bool = False) -> dt.date:
    """Due date under rule ``code`` for an anchor event on ``start``."""
    return deadline_config().due_date(code, start, remote_area=remote_area)


def rules_in_force(*, on: dt.date) -> tuple[Rule, ...]:
    return deadline_config().rule_book.in_force(on)


def days_off_upcoming(*, today: dt.date, limit: int = 5, horizon_days: int = 400) -> list[DayInfo]:
    """The next ``limit`` weekdays off and swapped working weekends, from ``today`` on."""
    calendar = deadline_config().calendar
    special = calendar.special_days(today, today + dt.timedelta(days=horizon_days))
    chosen = [d for d in special if d.kind in {DayKind.DAY_OFF, DayKind.WORKING_WEEKEND}]
    return chosen[:limit]


@dataclass(frozen=True)
class MonthView:
    year: int
    month: int
    weeks: list[list[DayInfo | None]]  # Monday first; None pads days of other months
    special: list[DayInfo]  # the named days of the month, in order
    previous: dt.date
    next: dt.date


def month_view(
    *, year: int, month: int, language: str, config: DeadlineConfig | None = None
) -> MonthView:
    """The month grid of the public calendar page."""
    calendar = (config or deadline_config()).calendar
    weeks: list[list[DayInfo | None]] = []
    for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [calendar.day_info(d, language=language) if d.month == month else None for d in week]
        )
    first = dt.date(year, month, 1)
    last = dt.date(year, month, pycalendar.monthrange(year, month)[1])
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = last + dt.timedelta(days=1)
    return MonthView(
        year=year,
        month=month,
        weeks=weeks,
        special=calendar.special_days(first, last, language=language),
        previous=previous,
        next=following,
    )


def special_days_of_year(*, year: int, language: str) -> list[DayInfo]:
    calendar = deadline_config().calendar
    return calendar.special_days(dt.date(year, 1, 1), dt.date(year, 12, 31), language=language)


@dataclass(frozen=True)
class DeadlineToday:
    """A running deadline seen on one day (by default today in Vietnam)."""

    status: DeadlineStatus
    due_date: dt.date | None
    remaining: int | None  # in the rule's unit; negative when overdue


def deadline_today(*, deadline: RunningDeadline, today: dt.date | None = None) -> DeadlineToday:
    """Status, due date and units left, for "today" in the site's time zone (UTC+7)."""
    on = today if today is not None else timezone.localdate()
    return DeadlineToday(
        status=deadline.status(on), due_date=deadline.due_date, remaining=deadline.remaining(on)
    )

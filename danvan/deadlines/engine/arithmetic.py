"""Period arithmetic per Civil Code 91/2015/QH13, Arts 147–148 (DOMAIN.md §8.4).

* Art 147: the first day (the day of the anchor event) is not counted; counting starts on
  the next day.
* Art 148(5): a calendar-day period whose last day is a weekend or holiday ends at the end
  of the next working day.
* "ngày làm việc" periods count only working days after the anchor day, so their last day
  is always a working day and needs no roll-forward.
"""

import datetime as dt

from danvan.deadlines.engine.calendar import WorkingCalendar
from danvan.deadlines.engine.rules import Rule, TimeUnit

_WORKING = TimeUnit.WORKING_DAY


def add_period(
    calendar: WorkingCalendar,
    start: dt.date,
    count: int,
    unit: TimeUnit,
    *,
    roll_forward: bool = True,
) -> dt.date:
    """Return the last day of a period of ``count`` units that starts after ``start``.

    Working-day periods count working days after ``start``. Calendar-day periods end
    ``count`` days after ``start``, moved to the next working day when that day is off
    (Art 148(5)) unless ``roll_forward`` is False.
    """
    return calendar.period_end(
        start, count, working_days=unit is _WORKING, roll_forward=roll_forward
    )


def units_between(calendar: WorkingCalendar, start: dt.date, end: dt.date, unit: TimeUnit) -> int:
    """Count the units in (start, end]; negative when ``end`` is before ``start``."""
    if unit is TimeUnit.WORKING_DAY:
        return calendar.working_days_between(start, end)
    return (end - start).days


def due_date(
    rule: Rule,
    start: dt.date,
    calendar: WorkingCalendar,
    *,
    remote_area: bool = False,
) -> dt.date:
    """Return the last day of ``rule``'s period counted from the anchor date ``start``.

    The act is on time if done by the end (24:00, Art 148(6)) of the returned day.
    """
    # Written out rather than via rule.count_for(): this is the benchmark's inner loop.
    count = rule.count
    if remote_area and rule.remote_area_count is not None:
        count = rule.remote_area_count
    return calendar.period_end(
        start, count, working_days=rule.unit is _WORKING, roll_forward=rule.roll_forward
    )

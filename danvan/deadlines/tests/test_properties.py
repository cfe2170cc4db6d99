"""Property tests of the deadline arithmetic (Hypothesis).

The oracle is the obvious day-by-day loop over the holidays package (plus the overrides
and the package's swapped working weekends), written independently of the engine's
precomputed tables.
"""

import datetime as dt

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from danvan.deadlines.engine import (
    KNOWN_OVERRIDES,
    RULE_BOOK,
    OverrideKind,
    ResumeMode,
    Rule,
    RunningDeadline,
    TimeUnit,
    WorkingCalendar,
    add_period,
    due_date,
)

CALENDAR = WorkingCalendar(overrides=KNOWN_OVERRIDES)
_PACKAGE = holidays.country_holidays("VN", years=range(2019, 2033))
_OVERRIDES = {o.date: o.kind for o in KNOWN_OVERRIDES}

dates = st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31))
counts = st.integers(min_value=1, max_value=120)
codes = st.sampled_from(sorted(RULE_BOOK.codes()))


def naive_is_working(day: dt.date) -> bool:
    if day in _OVERRIDES:
        return _OVERRIDES[day] is OverrideKind.WORKING_DAY
    if day in _PACKAGE.weekend_workdays:
        return True
    return day.weekday() < 5 and day not in _PACKAGE


def naive_add_working_days(start: dt.date, n: int) -> dt.date:
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if naive_is_working(day):
            n -= 1
    return day


def naive_add_period(start: dt.date, count: int, unit: TimeUnit) -> dt.date:
    if unit is TimeUnit.WORKING_DAY:
        return naive_add_working_days(start, count)
    end = start + dt.timedelta(days=count)
    while not naive_is_working(end):
        end += dt.timedelta(days=1)
    return end


def _latest(code: str) -> Rule:
    # The latest version for any date, so that every code is exercised on every date.
    return RULE_BOOK.versions(code)[-1]


@settings(max_examples=300)
@given(start=dates, n=counts, unit=st.sampled_from(list(TimeUnit)))
def test_engine_agrees_with_the_day_by_day_loop(start: dt.date, n: int, unit: TimeUnit) -> None:
    assert add_period(CALENDAR, start, n, unit) == naive_add_period(start, n, unit)


@given(code=codes, start=dates, remote=st.booleans())
def test_due_date_is_always_a_working_day_after_the_start(
    code: str, start: dt.date, remote: bool
) -> None:
    due = due_date(_latest(code), start, CALENDAR, remote_area=remote)
    assert CALENDAR.is_working_day(due)
    assert due > start


@given(code=codes, a=dates, b=dates)
def test_due_date_is_monotonic_in_the_start_date(code: str, a: dt.date, b: dt.date) -> None:
    first, second = sorted((a, b))
    rule = _latest(code)
    assert due_date(rule, first, CALENDAR) <= due_date(rule, second, CALENDAR)


@given(start=dates, n=st.integers(0, 200), m=st.integers(0, 200))
def test_adding_n_then_m_working_days_is_adding_n_plus_m(start: dt.date, n: int, m: int) -> None:
    assert CALENDAR.add_working_days(
        CALENDAR.add_working_days(start, n), m
    ) == CALENDAR.add_working_days(start, n + m)


@given(start=dates, n=counts)
def test_counting_back_the_working_days_added(start: dt.date, n: int) -> None:
    end = CALENDAR.add_working_days(start, n)
    assert CALENDAR.working_days_between(start, end) == n
    # from a working day, going back n working days returns to it
    working_start = CALENDAR.next_working_day(start)
    assert CALENDAR.add_working_days(CALENDAR.add_working_days(working_start, n), -n) == (
        working_start
    )


@given(start=dates, n=counts)
def test_calendar_day_period_rolls_only_over_days_off(start: dt.date, n: int) -> None:
    # given the plain end of the period (start + n) and the due date
    plain_end = start + dt.timedelta(days=n)
    due = add_period(CALENDAR, start, n, TimeUnit.CALENDAR_DAY)
    # then the due date is never earlier, and every day skipped was a day off (Art 148(5))
    assert due >= plain_end
    skipped = (due - plain_end).days
    assert all(
        not CALENDAR.is_working_day(plain_end + dt.timedelta(days=i)) for i in range(skipped)
    )
    assert skipped <= 11  # the longest break (Tết plus weekends) is shorter than this


@given(start=dates, n=counts)
def test_working_day_period_never_shorter_than_calendar_days(start: dt.date, n: int) -> None:
    assert add_period(CALENDAR, start, n, TimeUnit.WORKING_DAY) >= start + dt.timedelta(days=n)


@given(
    code=st.sampled_from(
        [
            c
            for c in sorted(RULE_BOOK.codes())
            if RULE_BOOK.versions(c)[-1].resume_mode is ResumeMode.CONTINUE
        ]
    ),
    start=dates,
    offset=st.integers(0, 40),
)
def test_pause_and_resume_on_the_same_day_changes_nothing_for_continue_rules(
    code: str, start: dt.date, offset: int
) -> None:
    # given a running deadline and a day within its limit
    deadline = RunningDeadline(_latest(code), CALENDAR).start(start)
    due = deadline.due_date
    assert due is not None
    day = min(start + dt.timedelta(days=offset), due)
    # when suspended and resumed the same day
    resumed = deadline.pause(day).resume(day)
    # then the due date is unchanged
    assert resumed.due_date == due


@given(start=dates, pause_after=st.integers(0, 30), paused_for=st.integers(0, 60))
def test_restart_rules_count_the_full_limit_from_the_resume_decision(
    start: dt.date, pause_after: int, paused_for: int
) -> None:
    rule = RULE_BOOK.versions("complaint_first")[-1]
    paused_on = start + dt.timedelta(days=pause_after)
    resumed_on = paused_on + dt.timedelta(days=paused_for)
    deadline = RunningDeadline(rule, CALENDAR).start(start).pause(paused_on).resume(resumed_on)
    assert deadline.due_date == due_date(rule, resumed_on, CALENDAR)


@given(start=dates, pause_after=st.integers(0, 29), paused_for=st.integers(0, 60))
def test_continue_rules_keep_the_total_number_of_days(
    start: dt.date, pause_after: int, paused_for: int
) -> None:
    # given a 30-day denunciation limit suspended before it expires
    rule = RULE_BOOK.versions("denunciation_resolve")[-1]
    paused_on = start + dt.timedelta(days=pause_after)
    resumed_on = paused_on + dt.timedelta(days=paused_for)
    # when resumed
    deadline = RunningDeadline(rule, CALENDAR).start(start).pause(paused_on).resume(resumed_on)
    # then the days used before plus the days after the resumption make 30
    used = (paused_on - start).days
    assert deadline.due_date == add_period(CALENDAR, resumed_on, 30 - used, TimeUnit.CALENDAR_DAY)

"""RunningDeadline: start, pause, resume, extensions, and the errors when a step is wrong."""

import dataclasses
import datetime as dt

import pytest

from danvan.deadlines.engine import (
    RULE_BOOK,
    ClockState,
    DeadlineEvent,
    DeadlineStatus,
    EventKind,
    ExtensionNotAllowedError,
    InvalidEventError,
    ResumeMode,
    RunningDeadline,
    WorkingCalendar,
)

D = dt.date
BASIS = "Quyết định gia hạn số 12/QĐ-UBND"


def _denunciation(calendar: WorkingCalendar, start: dt.date) -> RunningDeadline:
    return RunningDeadline(RULE_BOOK.get("denunciation_resolve", on=start), calendar).start(start)


def test_not_started(calendar: WorkingCalendar) -> None:
    deadline = RunningDeadline(RULE_BOOK.get("complaint_first", on=D(2026, 3, 2)), calendar)
    assert deadline.state is ClockState.NOT_STARTED
    assert deadline.due_date is None
    assert deadline.remaining(D(2026, 3, 2)) is None
    assert deadline.status(D(2026, 3, 2)) is DeadlineStatus.NOT_STARTED


def test_remote_area_variant_applies_from_the_start(calendar: WorkingCalendar) -> None:
    rule = RULE_BOOK.get("complaint_first", on=D(2026, 8, 3))
    deadline = RunningDeadline(rule, calendar, remote_area=True).start(D(2026, 8, 3))
    # 45 days after Mon 3/8/2026 = Thu 17/9
    assert deadline.due_date == D(2026, 9, 17)


def test_complaint_limit_restarts_from_the_resume_decision(calendar: WorkingCalendar) -> None:
    # given a first complaint accepted Mon 2/3/2026 (30 days → Wed 1/4)
    rule = RULE_BOOK.get("complaint_first", on=D(2026, 3, 2))
    deadline = RunningDeadline(rule, calendar).start(D(2026, 3, 2))
    assert deadline.due_date == D(2026, 4, 1)
    # when suspended on Fri 20/3 (Mẫu 14a) and resumed on Mon 6/4 (Mẫu 14b)
    paused = deadline.pause(D(2026, 3, 20), legal_basis="Quyết định 14a")
    assert paused.state is ClockState.PAUSED
    assert paused.due_date is None
    assert paused.status(D(2026, 4, 2)) is DeadlineStatus.PAUSED
    resumed = paused.resume(D(2026, 4, 6), legal_basis="Quyết định 14b")
    # then the whole 30 days count again from 6/4 (ND 124 Art 28b): 6/4 + 30 = Wed 6/5
    assert resumed.due_date == D(2026, 5, 6)


def test_denunciation_suspension_time_is_not_counted(calendar: WorkingCalendar) -> None:
    # given a denunciation accepted Mon 2/3/2026 (30 days → Wed 1/4)
    deadline = _denunciation(calendar, D(2026, 3, 2))
    assert deadline.due_date == D(2026, 4, 1)
    # when suspended on Fri 20/3 (18 days used: 3/3 … 20/3) and resumed Mon 6/4
    resumed = deadline.pause(D(2026, 3, 20)).resume(D(2026, 4, 6))
    # then 12 days remain: 6/4 + 12 = Sat 18/4 → Art 148(5) → Mon 20/4
    assert resumed.due_date == D(2026, 4, 20)


def test_pause_after_expiry_does_not_revive_a_continue_limit(calendar: WorkingCalendar) -> None:
    deadline = _denunciation(calendar, D(2026, 3, 2))
    resumed = deadline.pause(D(2026, 4, 10)).resume(D(2026, 5, 4))
    assert resumed.due_date == D(2026, 4, 1)
    assert resumed.is_overdue(D(2026, 5, 4))


def test_pause_on_the_rolled_last_day_leaves_only_that_day(calendar: WorkingCalendar) -> None:
    # given 30 days after Thu 15/1/2026 = Sat 14/2, rolled to Mon 23/2 (after Tết)
    deadline = _denunciation(calendar, D(2026, 1, 15))
    assert deadline.due_date == D(2026, 2, 23)
    # when suspended on that Monday and resumed on Wed 4/3
    resumed = deadline.pause(D(2026, 2, 23)).resume(D(2026, 3, 4))
    # then nothing is left but the resume day itself
    assert resumed.due_date == D(2026, 3, 4)


def test_extensions_of_a_complex_denunciation(calendar: WorkingCalendar) -> None:
    # given a denunciation accepted Mon 2/3/2026 (→ Wed 1/4)
    deadline = _denunciation(calendar, D(2026, 3, 2))
    # when extended once as complex (≤ 30 days) on 25/3
    extended = deadline.extend(D(2026, 3, 25), code="complex", legal_basis=BASIS)
    # then 60 days from 2/3 = Fri 1/5 (holiday) → Sat, Sun → Mon 4/5
    assert extended.due_date == D(2026, 5, 4)
    assert extended.extensions_granted == (("complex", 30),)
    # and a second "complex" extension is refused (Art 30: once)
    with pytest.raises(ExtensionNotAllowedError, match="at most 1 time"):
        extended.extend(D(2026, 4, 20), code="complex", legal_basis=BASIS)


def test_especially_complex_allows_two_extensions_and_no_third(calendar: WorkingCalendar) -> None:
    deadline = _denunciation(calendar, D(2026, 3, 2))
    first = deadline.extend(D(2026, 3, 25), code="especially_complex", legal_basis=BASIS)
    second = first.extend(D(2026, 4, 27), code="especially_complex", legal_basis=BASIS, count=20)
    # 30 + 30 + 20 = 80 days from 2/3/2026: 2/3 + 80 = Thu 21/5
    assert second.due_date == D(2026, 5, 21)
    with pytest.raises(ExtensionNotAllowedError, match="at most 2 time"):
        second.extend(D(2026, 5, 1), code="especially_complex", legal_basis=BASIS)
    # mixing kinds cannot exceed two extensions (90 days) in all
    mixed = deadline.extend(D(2026, 3, 25), code="complex", legal_basis=BASIS).extend(
        D(2026, 4, 20), code="especially_complex", legal_basis=BASIS
    )
    with pytest.raises(ExtensionNotAllowedError, match="at most 2 extension"):
        mixed.extend(D(2026, 5, 20), code="especially_complex", legal_basis=BASIS)


@pytest.mark.parametrize(
    ("code", "count", "basis", "message"),
    [
        ("urgent", None, BASIS, "allows no extension 'urgent'"),
        ("complex", 31, BASIS, "1 to 30"),
        ("complex", 0, BASIS, "1 to 30"),
        ("complex", None, "  ", "legal basis"),
    ],
)
def test_invalid_extensions_are_refused(
    calendar: WorkingCalendar, code: str, count: int | None, basis: str, message: str
) -> None:
    deadline = _denunciation(calendar, D(2026, 3, 2))
    with pytest.raises(ExtensionNotAllowedError, match=message):
        deadline.extend(D(2026, 3, 10), code=code, legal_basis=basis, count=count)


def test_rules_without_extensions_refuse_any(calendar: WorkingCalendar) -> None:
    rule = RULE_BOOK.get("complaint_first", on=D(2026, 3, 2))
    deadline = RunningDeadline(rule, calendar).start(D(2026, 3, 2))
    with pytest.raises(ExtensionNotAllowedError):
        deadline.extend(D(2026, 3, 10), code="complex", legal_basis=BASIS)


def test_an_expired_limit_cannot_be_extended(calendar: WorkingCalendar) -> None:
    deadline = _denunciation(calendar, D(2026, 3, 2))
    # the last day (1/4) still allows it; the next day does not
    assert deadline.extend(D(2026, 4, 1), code="complex", legal_basis=BASIS).due_date
    with pytest.raises(ExtensionNotAllowedError, match="expired on 2026-04-01"):
        deadline.extend(D(2026, 4, 2), code="complex", legal_basis=BASIS)


def test_a_paused_limit_cannot_be_extended(calendar: WorkingCalendar) -> None:
    paused = _denunciation(calendar, D(2026, 3, 2)).pause(D(2026, 3, 5))
    with pytest.raises(InvalidEventError, match="paused"):
        paused.extend(D(2026, 3, 6), code="complex", legal_basis=BASIS)


def test_extension_then_restart_keeps_the_extension(calendar: WorkingCalendar) -> None:
    # Extensions granted in writing stay granted when a RESTART limit counts again.
    rule = RULE_BOOK.get("denunciation_resolve", on=D(2026, 3, 2))
    restart_rule = dataclasses.replace(rule, resume_mode=ResumeMode.RESTART)
    deadline = (
        RunningDeadline(restart_rule, calendar)
        .start(D(2026, 3, 2))
        .extend(D(2026, 3, 20), code="complex", legal_basis=BASIS, count=10)
        .pause(D(2026, 3, 25))
        .resume(D(2026, 6, 1))
    )
    # 30 + 10 = 40 days from Mon 1/6/2026 = Sat 11/7 → Mon 13/7
    assert deadline.due_date == D(2026, 7, 13)


@pytest.mark.parametrize(
    ("steps", "error", "message"),
    [
        ([("start", 2), ("start", 3)], InvalidEventError, "already started"),
        ([("pause", 2)], InvalidEventError, "not started"),
        ([("start", 2), ("resume", 3)], InvalidEventError, "Only a paused"),
        ([("start", 2), ("pause", 3), ("pause", 4)], InvalidEventError, "already paused"),
        ([("start", 10), ("pause", 9)], InvalidEventError, "before the previous event"),
        ([("start", 2), ("pause", 5), ("resume", 4)], InvalidEventError, "before the previous"),
    ],
)
def test_events_out_of_order_or_state_are_refused(
    calendar: WorkingCalendar, steps: list[tuple[str, int]], error: type[Exception], message: str
) -> None:
    rule = RULE_BOOK.get("complaint_first", on=D(2026, 3, 2))
    deadline = RunningDeadline(rule, calendar)
    *good, (kind, day) = steps
    for good_kind, good_day in good:
        deadline = deadline.apply(DeadlineEvent(EventKind(good_kind), D(2026, 3, good_day)))
    with pytest.raises(error, match=message):
        deadline.apply(DeadlineEvent(EventKind(kind), D(2026, 3, day)))
    # the refused event left the deadline unchanged
    assert len(deadline.events) == len(good)


def test_replay_from_stored_events_gives_the_same_deadline(calendar: WorkingCalendar) -> None:
    rule = RULE_BOOK.get("denunciation_resolve", on=D(2026, 3, 2))
    live = (
        RunningDeadline(rule, calendar)
        .start(D(2026, 3, 2))
        .extend(D(2026, 3, 20), code="complex", legal_basis=BASIS)
        .pause(D(2026, 3, 25))
        .resume(D(2026, 4, 8))
    )
    replayed = RunningDeadline(rule, calendar, events=live.events)
    assert replayed.due_date == live.due_date
    assert replayed.extensions_granted == live.extensions_granted


def test_remaining_and_status_around_a_working_day_limit(calendar: WorkingCalendar) -> None:
    # given 7 working days after Thu 12/2/2026 → Mon 2/3 (Tết in between)
    rule = RULE_BOOK.get("denunciation_accept", on=D(2026, 2, 12))
    deadline = RunningDeadline(rule, calendar).start(D(2026, 2, 12))
    # then during Tết 6 working days are left (23–27/2 and 2/3)
    assert deadline.remaining(D(2026, 2, 18)) == 6
    assert deadline.status(D(2026, 2, 18)) is DeadlineStatus.ON_TIME
    # on the last day nothing is left, but the act is still on time
    assert deadline.remaining(D(2026, 3, 2)) == 0
    assert deadline.status(D(2026, 3, 2)) is DeadlineStatus.DUE_TODAY
    assert deadline.is_overdue(D(2026, 3, 2)) is False
    # the day after, it is overdue
    assert deadline.remaining(D(2026, 3, 3)) == -1
    assert deadline.is_overdue(D(2026, 3, 3)) is True


def test_overdue_over_a_weekend_is_never_zero(calendar: WorkingCalendar) -> None:
    # given 5 working days after Fri 20/3/2026 → Fri 27/3
    rule = RULE_BOOK.get("denunciation_transfer", on=D(2026, 3, 20))
    deadline = RunningDeadline(rule, calendar).start(D(2026, 3, 20))
    assert deadline.due_date == D(2026, 3, 27)
    # on the Saturday after, no working day has passed, yet it is overdue
    assert deadline.remaining(D(2026, 3, 28)) == -1
    assert deadline.status(D(2026, 3, 28)) is DeadlineStatus.OVERDUE
    # on Tuesday 31/3, two working days late
    assert deadline.remaining(D(2026, 3, 31)) == -2

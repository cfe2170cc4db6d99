"""A running deadline: a rule plus the events of one case (start, pause, resume, extend).

The object is immutable: each event returns a new :class:`RunningDeadline`, so a case's
history can be replayed from its stored events and compared, and nothing is half-applied
when an event is refused.

Semantics (DOMAIN.md §2.1, §3.2, §8.4):

* **start** on the anchor date: the rule's limit (remote-area variant if asked) counts
  from the next day.
* **pause** (suspension decision) stops the clock. Under ``ResumeMode.CONTINUE`` the units
  in (anchor, pause day] are used up; the pause day counts because the case was handled
  that day. If the limit had already expired, it stays expired.
* **resume**: under ``RESTART`` (complaints, ND 124 Art 28b as amended by ND 155/2026) the
  full limit, plus any extensions already granted, counts again from the day after the
  resume decision; under ``CONTINUE`` only what was left does.
* **extend**: only an extension the rule lists, no longer than its ``count``, no more
  often than its ``max_times`` (and the rule's ``max_extensions`` in all), with the
  document deciding it, while the clock runs and before the limit expires (an extension
  is decided within the time limit). The period is then counted as one whole from the
  anchor, so Art 148(5) rolls only its final end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum

from danvan.deadlines.engine.arithmetic import add_period, units_between
from danvan.deadlines.engine.calendar import WorkingCalendar
from danvan.deadlines.engine.errors import ExtensionNotAllowedError, InvalidEventError
from danvan.deadlines.engine.rules import ResumeMode, Rule


class EventKind(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    EXTEND = "extend"


class ClockState(StrEnum):
    NOT_STARTED = "not_started"
    RUNNING = "running"
    PAUSED = "paused"


class DeadlineStatus(StrEnum):
    """Where a case stands on a given day."""

    NOT_STARTED = "not_started"
    PAUSED = "paused"
    ON_TIME = "on_time"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"


@dataclass(frozen=True, slots=True)
class DeadlineEvent:
    """One step of a case's clock, with the document that decided it."""

    kind: EventKind
    on: dt.date
    legal_basis: str = ""  # e.g. "Quyết định 12/QĐ-UBND ngày 05/3/2026"
    extension_code: str = ""  # EXTEND only
    count: int | None = None  # EXTEND only; None = the longest the rule allows


@dataclass(frozen=True, slots=True)
class _Clock:
    state: ClockState = ClockState.NOT_STARTED
    anchor: dt.date | None = None  # the clock counts from the day after this date
    budget: int = 0  # units to count after ``anchor`` (may be 0)
    expired_due: dt.date | None = None  # set when paused after expiry (CONTINUE)
    paused_on: dt.date | None = None
    extended: int = 0  # units added by extensions
    extensions: tuple[tuple[str, int], ...] = ()  # (code, count) in order


class RunningDeadline:
    """The deadline of one case under one rule, after the events applied so far."""

    __slots__ = ("_clock", "calendar", "events", "remote_area", "rule")

    def __init__(
        self,
        rule: Rule,
        calendar: WorkingCalendar,
        *,
        remote_area: bool = False,
        events: Iterable[DeadlineEvent] = (),
    ) -> None:
        self.rule = rule
        self.calendar = calendar
        self.remote_area = remote_area
        self.events: tuple[DeadlineEvent, ...] = ()
        self._clock = _Clock()
        for event in events:
            self._clock = self._next(event)
            self.events += (event,)

    # ------------------------------------------------------------------ events

    def apply(self, event: DeadlineEvent) -> RunningDeadline:
        """Return the deadline after ``event``; raise if the event is not allowed now."""
        clone = RunningDeadline(self.rule, self.calendar, remote_area=self.remote_area)
        clone._clock = self._next(event)
        clone.events = (*self.events, event)
        return clone

    def start(self, on: dt.date) -> RunningDeadline:
        return self.apply(DeadlineEvent(EventKind.START, on))

    def pause(self, on: dt.date, *, legal_basis: str = "") -> RunningDeadline:
        return self.apply(DeadlineEvent(EventKind.PAUSE, on, legal_basis))

    def resume(self, on: dt.date, *, legal_basis: str = "") -> RunningDeadline:
        return self.apply(DeadlineEvent(EventKind.RESUME, on, legal_basis))

    def extend(
        self, on: dt.date, *, code: str, legal_basis: str, count: int | None = None
    ) -> RunningDeadline:
        return self.apply(DeadlineEvent(EventKind.EXTEND, on, legal_basis, code, count))

    def _next(self, event: DeadlineEvent) -> _Clock:
        clock = self._clock
        if self.events and event.on < self.events[-1].on:
            raise InvalidEventError(
                f"{event.kind} on {event.on.isoformat()} is before the previous event "
                f"({self.events[-1].on.isoformat()})."
            )
        if event.kind is EventKind.START:
            if clock.state is not ClockState.NOT_STARTED:
                raise InvalidEventError("The deadline has already started.")
            return replace(
                clock,
                state=ClockState.RUNNING,
                anchor=event.on,
                budget=self.rule.count_for(remote_area=self.remote_area),
            )
        if clock.state is ClockState.NOT_STARTED:
            raise InvalidEventError(f"Cannot {event.kind} a deadline that has not started.")
        if event.kind is EventKind.PAUSE:
            return self._pause(clock, event)
        if event.kind is EventKind.RESUME:
            return self._resume(clock, event)
        return self._extend(clock, event)

    def _pause(self, clock: _Clock, event: DeadlineEvent) -> _Clock:
        if clock.state is not ClockState.RUNNING:
            raise InvalidEventError("The deadline is already paused.")
        assert clock.anchor is not None
        due = self._due(clock)
        if self.rule.resume_mode is ResumeMode.RESTART:
            return replace(clock, state=ClockState.PAUSED, paused_on=event.on)
        if clock.expired_due is not None or event.on > due:
            # Expired before the suspension: resuming cannot revive the limit.
            return replace(clock, state=ClockState.PAUSED, paused_on=event.on, expired_due=due)
        used = units_between(self.calendar, clock.anchor, event.on, self.rule.unit)
        return replace(
            clock,
            state=ClockState.PAUSED,
            paused_on=event.on,
            budget=max(clock.budget - used, 0),
        )

    def _resume(self, clock: _Clock, event: DeadlineEvent) -> _Clock:
        if clock.state is not ClockState.PAUSED:
            raise InvalidEventError("Only a paused deadline can resume.")
        if self.rule.resume_mode is ResumeMode.RESTART:
            budget = self.rule.count_for(remote_area=self.remote_area) + clock.extended
            return replace(
                clock,
                state=ClockState.RUNNING,
                anchor=event.on,
                budget=budget,
                paused_on=None,
                expired_due=None,
            )
        return replace(clock, state=ClockState.RUNNING, anchor=event.on, paused_on=None)

    def _extend(self, clock: _Clock, event: DeadlineEvent) -> _Clock:
        rule = self.rule
        extension = rule.extension(event.extension_code)
        if extension is None:
            raise ExtensionNotAllowedError(
                f"Rule {rule.code} allows no extension {event.extension_code!r}."
            )
        if not event.legal_basis.strip():
            raise ExtensionNotAllowedError(
                "An extension needs the document that decides it (legal basis)."
            )
        if clock.state is not ClockState.RUNNING:
            raise InvalidEventError("A paused deadline cannot be extended.")
        count = extension.count if event.count is None else event.count
        if not 0 < count <= extension.count:
            raise ExtensionNotAllowedError(
                f"Extension {extension.code} of rule {rule.code} is 1 to {extension.count} "
                f"{extension.unit.replace('_', ' ')}s, not {count}."
            )
        used_kind = sum(1 for code, _ in clock.extensions if code == extension.code)
        if used_kind >= extension.max_times:
            raise ExtensionNotAllowedError(
                f"Extension {extension.code} of rule {rule.code} may be granted at most "
                f"{extension.max_times} time(s)."
            )
        if rule.max_extensions is not None and len(clock.extensions) >= rule.max_extensions:
            raise ExtensionNotAllowedError(
                f"Rule {rule.code} allows at most {rule.max_extensions} extension(s) in all."
            )
        due = self._due(clock)
        if event.on > due:
            raise ExtensionNotAllowedError(
                f"The time limit expired on {due.isoformat()}; it can no longer be extended."
            )
        return replace(
            clock,
            budget=clock.budget + count,
            extended=clock.extended + count,
            extensions=(*clock.extensions, (extension.code, count)),
        )

    # ------------------------------------------------------------------ reading

    def _due(self, clock: _Clock) -> dt.date:
        if clock.expired_due is not None:
            return clock.expired_due
        assert clock.anchor is not None
        return add_period(
            self.calendar,
            clock.anchor,
            clock.budget,
            self.rule.unit,
            roll_forward=self.rule.roll_forward,
        )

    @property
    def state(self) -> ClockState:
        return self._clock.state

    @property
    def extensions_granted(self) -> tuple[tuple[str, int], ...]:
        return self._clock.extensions

    @property
    def due_date(self) -> dt.date | None:
        """The last day of the limit; None before the start and while paused."""
        if self._clock.state is not ClockState.RUNNING:
            return None
        return self._due(self._clock)

    def remaining(self, on: dt.date) -> int | None:
        """Units of the rule's kind left after ``on``; None when the clock is not running.

        0 on the last day. After it the value is negative: minus the units in
        (due, on], but never 0, so that a working-day limit seen on the weekend after its
        Friday due date reads -1 ("overdue"), not 0 ("last day").
        """
        due = self.due_date
        if due is None:
            return None
        if on <= due:
            return units_between(self.calendar, on, due, self.rule.unit)
        return -max(units_between(self.calendar, due, on, self.rule.unit), 1)

    def status(self, on: dt.date) -> DeadlineStatus:
        """The case's standing on ``on`` (the limit ends at 24:00 of the due date)."""
        state = self._clock.state
        if state is ClockState.NOT_STARTED:
            return DeadlineStatus.NOT_STARTED
        if state is ClockState.PAUSED:
            return DeadlineStatus.PAUSED
        due = self._due(self._clock)
        if on < due:
            return DeadlineStatus.ON_TIME
        if on == due:
            return DeadlineStatus.DUE_TODAY
        return DeadlineStatus.OVERDUE

    def is_overdue(self, on: dt.date) -> bool:
        return self.status(on) is DeadlineStatus.OVERDUE

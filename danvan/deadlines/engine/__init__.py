"""The legal calendar and deadline engine, in pure Python (no Django).

Keeping the engine free of Django means the benchmark, the command line and any other
program can use it directly, that its tests need no database, and that the legal
arithmetic cannot be coupled to a request, a model or a setting by accident. The Django
app (``danvan.deadlines``) only feeds it data: the override rows and the [U] settings.
A test asserts this package never imports Django.
"""

from danvan.deadlines.engine.arithmetic import add_period, due_date, units_between
from danvan.deadlines.engine.calendar import (
    DayInfo,
    DayKind,
    DayOverride,
    DaySource,
    OverrideKind,
    WorkingCalendar,
)
from danvan.deadlines.engine.catalogue import KNOWN_OVERRIDES, RULE_BOOK, RULES
from danvan.deadlines.engine.errors import (
    CalendarRangeError,
    DeadlineError,
    ExtensionNotAllowedError,
    InvalidEventError,
    RuleNotInForceError,
    UnknownRuleError,
)
from danvan.deadlines.engine.rules import (
    Anchor,
    CountOverride,
    Extension,
    ResumeMode,
    Rule,
    RuleBook,
    Status,
    TimeUnit,
)
from danvan.deadlines.engine.running import (
    ClockState,
    DeadlineEvent,
    DeadlineStatus,
    EventKind,
    RunningDeadline,
)

__all__ = [
    "KNOWN_OVERRIDES",
    "RULES",
    "RULE_BOOK",
    "Anchor",
    "CalendarRangeError",
    "ClockState",
    "CountOverride",
    "DayInfo",
    "DayKind",
    "DayOverride",
    "DaySource",
    "DeadlineError",
    "DeadlineEvent",
    "DeadlineStatus",
    "EventKind",
    "Extension",
    "ExtensionNotAllowedError",
    "InvalidEventError",
    "OverrideKind",
    "ResumeMode",
    "Rule",
    "RuleBook",
    "RuleNotInForceError",
    "RunningDeadline",
    "Status",
    "TimeUnit",
    "UnknownRuleError",
    "WorkingCalendar",
    "add_period",
    "due_date",
    "units_between",
]

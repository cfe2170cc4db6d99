"""Errors raised by the deadline engine.

Messages are plain English for logs and the command line; the Django layer turns them into
translated messages where a user sees them. Every error is a :class:`DeadlineError`, so a
caller can catch the family without knowing each case.
"""


class DeadlineError(Exception):
    """A deadline could not be computed or an event could not be applied."""


class UnknownRuleError(DeadlineError, LookupError):
    """No rule has this code."""


class RuleNotInForceError(DeadlineError, LookupError):
    """The rule exists, but no version of it was in force on the requested date."""


class InvalidEventError(DeadlineError, ValueError):
    """An event does not fit the deadline's current state (order, pause, resume)."""


class ExtensionNotAllowedError(DeadlineError, ValueError):
    """The rule does not allow this extension, or its limits are used up."""


class CalendarRangeError(DeadlineError, ValueError):
    """A date lies outside the years the calendar can compute."""

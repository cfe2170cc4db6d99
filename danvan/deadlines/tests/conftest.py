"""Shared fixtures: calendars built once (the engine is immutable, so sharing is safe)."""

from collections.abc import Iterator

import pytest

from danvan.deadlines.config import deadline_config_forget
from danvan.deadlines.engine import KNOWN_OVERRIDES, WorkingCalendar


@pytest.fixture(scope="session")
def calendar() -> WorkingCalendar:
    """The calendar the seeded database gives: package + 2026 overrides, 24/11 off."""
    return WorkingCalendar(overrides=KNOWN_OVERRIDES)


@pytest.fixture(scope="session")
def calendar_culture_day_worked() -> WorkingCalendar:
    """The same, with an administrator deciding that 24/11 is a working day."""
    return WorkingCalendar(overrides=KNOWN_OVERRIDES, culture_day_off=False)


@pytest.fixture(scope="session")
def package_calendar() -> WorkingCalendar:
    """The holidays package alone, without the 2026 overrides."""
    return WorkingCalendar()


@pytest.fixture(autouse=True)
def _fresh_deadline_config() -> Iterator[None]:
    """Each test starts without a cached configuration.

    Test transactions roll back without running on-commit callbacks, so a configuration
    cached during one test could describe rows that no longer exist in the next.
    """
    deadline_config_forget()
    yield
    deadline_config_forget()

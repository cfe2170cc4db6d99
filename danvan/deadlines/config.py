"""The deadline configuration in force: the engine fed with the administrators' rows.

Building a :class:`WorkingCalendar` costs a few milliseconds and a few queries, and deadline
code calls it all the time, so each process keeps the last one built. It is tagged with a
*version*: a fingerprint of the three override tables (row counts and last change times)
kept in Django's cache.

* A change to any of the tables deletes the version (signals, immediately and again after
  the commit), so the next read computes the new fingerprint and rebuilds.
* The version expires after ``VERSION_TTL`` seconds even without a change. With a shared
  cache (Redis in production) invalidation reaches every process at once; with a
  per-process cache, or in the rare race of a reader caching the old fingerprint between
  the write and its commit, other processes are stale for at most that long. A rebuild
  happens only when the fingerprint really changed.
"""

import datetime as dt
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import Count, Max

from danvan.deadlines.engine import (
    RULE_BOOK,
    CountOverride,
    DayOverride,
    OverrideKind,
    Rule,
    RuleBook,
    RunningDeadline,
    WorkingCalendar,
    due_date,
)
from danvan.deadlines.models import CalendarSetting, HolidayOverride, RuleOverride

VERSION_KEY = "deadlines:config-version"
VERSION_TTL = 60  # seconds


@dataclass(frozen=True)
class DeadlineConfig:
    """The calendar and the rule book in force, built from code defaults and the database."""

    calendar: WorkingCalendar
    rule_book: RuleBook
    culture_day_off: bool

    def rule(self, code: str, *, on: dt.date) -> Rule:
        """The rule ``code`` for a case whose anchor event is on ``on``."""
        return self.rule_book.get(code, on=on)

    def due_date(self, code: str, start: dt.date, *, remote_area: bool = False) -> dt.date:
        return due_date(self.rule(code, on=start), start, self.calendar, remote_area=remote_area)

    def running(self, code: str, *, on: dt.date, remote_area: bool = False) -> RunningDeadline:
        """A deadline under ``code`` started on ``on``; apply later events to the result."""
        deadline = RunningDeadline(self.rule(code, on=on), self.calendar, remote_area=remote_area)
        return deadline.start(on)


_lock = threading.Lock()
_local: dict[str, object] = {}


def _fingerprint() -> str:
    parts = []
    for model in (HolidayOverride, CalendarSetting, RuleOverride):
        row = model.objects.aggregate(n=Count("pk"), last=Max("updated_at"))
        last = row["last"].isoformat() if row["last"] else "-"
        parts.append(f"{row['n']}@{last}")
    return "|".join(parts)


def _build() -> DeadlineConfig:
    overrides = [
        DayOverride(
            date=row.date,
            kind=OverrideKind(row.kind),
            name=row.name,
            legal_basis=row.legal_basis,
        )
        for row in HolidayOverride.objects.all()
    ]
    setting = CalendarSetting.objects.filter(key=CalendarSetting.Key.CULTURE_DAY_OFF).first()
    culture_day_off = (
        setting.enabled
        if setting is not None
        else CalendarSetting.DEFAULTS[CalendarSetting.Key.CULTURE_DAY_OFF]
    )
    counts = [
        CountOverride(
            code=row.rule_code,
            count=row.count,
            remote_area_count=row.remote_area_count,
            effective_from=row.effective_from,
            effective_to=row.effective_to,
            legal_basis=row.legal_basis,
            note=row.note,
        )
        for row in RuleOverride.objects.all()
    ]
    return DeadlineConfig(
        calendar=WorkingCalendar(overrides=overrides, culture_day_off=culture_day_off),
        rule_book=RULE_BOOK.with_overrides(counts),
        culture_day_off=culture_day_off,
    )


class CalendarNotSetUpError(Exception):
    """The override tables do not exist yet: the database has not been migrated."""


def deadline_config() -> DeadlineConfig:
    """Return the configuration in force, rebuilding it only after a change."""
    version = cache.get(VERSION_KEY)
    if version is None:
        try:
            version = _fingerprint()
        except DatabaseError as error:
            # Without the override tables the 2026 swaps and the administrators' corrections
            # are missing, so computing anyway would give wrong legal dates.
            raise CalendarNotSetUpError(
                "The legal calendar tables are missing: run 'python manage.py migrate' first."
            ) from error
        cache.set(VERSION_KEY, version, VERSION_TTL)
    config = _local.get("config")
    if _local.get("version") == version and isinstance(config, DeadlineConfig):
        return config
    with _lock:
        config = _build()
        _local["version"] = version
        _local["config"] = config
    return config


def deadline_config_forget() -> None:
    """Drop the cached version and this process's configuration."""
    cache.delete(VERSION_KEY)
    _local.clear()


def deadline_config_invalidate() -> None:
    """Forget the configuration now and once more when the transaction commits.

    The second time matters: a read between the write and the commit may have cached a
    version built from uncommitted rows. (After a rollback nothing runs; the version then
    expires within ``VERSION_TTL``.)
    """
    deadline_config_forget()
    transaction.on_commit(deadline_config_forget)

"""Deadline rules as data (DOMAIN.md §8.4: {count, unit, anchor, extensions, remote variant}).

A rule is a frozen dataclass with its legal basis and the status tag DOMAIN.md gives it
([V] verified … [U] uncertain). A code may have several versions with disjoint
effective periods (complaint acceptance: 10 days under Art 27 until 30/6/2026, 7 working
days under ND 155/2026 from 1/7/2026); :class:`RuleBook` picks the version in force on the
anchor date. Administrators change counts through overrides (the Django side), never by
editing this data in place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from danvan.deadlines.engine.errors import RuleNotInForceError, UnknownRuleError


class TimeUnit(StrEnum):
    """ "ngày" (calendar days) or "ngày làm việc" (working days)."""

    CALENDAR_DAY = "calendar_day"
    WORKING_DAY = "working_day"


class Status(StrEnum):
    """DOMAIN.md §0.1 status tags."""

    VERIFIED = "V"
    REPOSITORY = "R"
    SECONDARY = "S"
    BACKGROUND = "M"  # not backed by a source yet: must be verified
    UNCERTAIN = "U"


class Anchor(StrEnum):
    """The event whose date starts the period (that day itself is not counted)."""

    RECEIVED = "received"  # petition, complaint or denunciation received
    ACCEPTED = "accepted"  # thụ lý
    DECISION_ISSUED = "decision_issued"
    DECISION_RECEIVED = "decision_received"  # the addressee received or learnt of it
    CONCLUDED = "concluded"  # conclusion on a denunciation
    NOTIFIED = "notified"
    POSTED = "posted"  # published / posted for comment or disclosure


class ResumeMode(StrEnum):
    """What happens to the limit when a suspended case resumes."""

    RESTART = "restart"  # the full limit counts again from the resume decision
    CONTINUE = "continue"  # the time used before the suspension stays used


@dataclass(frozen=True, slots=True)
class Extension:
    """One kind of extension a rule allows: up to ``count`` units, at most ``max_times``."""

    code: str
    count: int
    unit: TimeUnit
    max_times: int
    legal_basis: str
    description_vi: str = ""
    description_en: str = ""

    def __post_init__(self) -> None:
        if self.count <= 0 or self.max_times <= 0:
            raise ValueError(f"Extension {self.code}: count and max_times must be positive.")


@dataclass(frozen=True, slots=True)
class Rule:
    """One legal time limit."""

    code: str
    count: int
    unit: TimeUnit
    anchor: Anchor
    legal_basis: str
    status: Status
    description_vi: str
    description_en: str
    remote_area_count: int | None = None
    extensions: tuple[Extension, ...] = ()
    # Extensions of all kinds together; None = only each kind's own max_times.
    max_extensions: int | None = None
    resume_mode: ResumeMode = ResumeMode.CONTINUE
    resume_basis: str = ""
    # Civil Code Art 148(5): a calendar-day period ending on a day off ends on the next
    # working day. A specific law may say otherwise (Art 145(1)); then set False.
    roll_forward: bool = True
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    note: str = ""  # why the status is what it is, what to verify
    # Set when an administrator's override replaced the code's default values.
    overridden_from: Rule | None = None

    def __post_init__(self) -> None:
        if self.count <= 0:
            raise ValueError(f"Rule {self.code}: count must be positive.")
        if self.remote_area_count is not None and self.remote_area_count < self.count:
            raise ValueError(f"Rule {self.code}: the remote-area limit is shorter.")
        if (
            self.effective_from is not None
            and self.effective_to is not None
            and self.effective_to < self.effective_from
        ):
            raise ValueError(f"Rule {self.code}: effective_to is before effective_from.")
        codes = [e.code for e in self.extensions]
        if len(set(codes)) != len(codes):
            raise ValueError(f"Rule {self.code}: duplicate extension codes.")
        for extension in self.extensions:
            if extension.unit is not self.unit:
                # Mixed units would make "the total period" ambiguous; no law needs it yet.
                raise ValueError(f"Rule {self.code}: extension {extension.code} changes unit.")

    @property
    def needs_verification(self) -> bool:
        """True for [M] and [U] rules: an administrator should confirm the value."""
        return self.status in {Status.BACKGROUND, Status.UNCERTAIN}

    def count_for(self, *, remote_area: bool = False) -> int:
        """The limit for a case; the remote-area variant where the law gives one."""
        if remote_area and self.remote_area_count is not None:
            return self.remote_area_count
        return self.count

    def extension(self, code: str) -> Extension | None:
        for extension in self.extensions:
            if extension.code == code:
                return extension
        return None

    def is_in_force(self, on: dt.date) -> bool:
        if self.effective_from is not None and on < self.effective_from:
            return False
        return self.effective_to is None or on <= self.effective_to

    def with_counts(
        self, *, count: int, remote_area_count: int | None, legal_basis: str, note: str = ""
    ) -> Rule:
        """Return this rule with an administrator's counts and the basis for them."""
        return dataclasses.replace(
            self,
            count=count,
            remote_area_count=remote_area_count,
            legal_basis=legal_basis,
            note=note,
            overridden_from=self,
        )


@dataclass(frozen=True, slots=True)
class CountOverride:
    """An administrator's new counts for a rule, for anchor dates in a period."""

    code: str
    count: int
    remote_area_count: int | None
    effective_from: dt.date
    effective_to: dt.date | None
    legal_basis: str
    note: str = ""

    def covers(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)


class RuleBook:
    """All versions of all rules, looked up by code and date.

    ``overrides`` change the counts of the version found for a date when one covers that
    date (the latest-starting one wins; the Django side refuses overlaps anyway).
    """

    def __init__(self, rules: Iterable[Rule], overrides: Iterable[CountOverride] = ()) -> None:
        by_code: dict[str, list[Rule]] = {}
        for rule in rules:
            by_code.setdefault(rule.code, []).append(rule)
        self._by_code: dict[str, tuple[Rule, ...]] = {}
        for code, versions in by_code.items():
            versions.sort(key=lambda r: r.effective_from or dt.date.min)
            for earlier, later in itertools.pairwise(versions):
                if earlier.effective_to is None or (
                    later.effective_from is not None
                    and earlier.effective_to >= later.effective_from
                ):
                    raise ValueError(f"Rule {code}: versions overlap.")
            self._by_code[code] = tuple(versions)
        self._overrides: dict[str, list[CountOverride]] = {}
        for override in sorted(overrides, key=lambda o: o.effective_from, reverse=True):
            if override.code not in self._by_code:
                raise UnknownRuleError(f"Override of unknown rule {override.code!r}.")
            self._overrides.setdefault(override.code, []).append(override)

    def with_overrides(self, overrides: Iterable[CountOverride]) -> RuleBook:
        """Return a book with the same rules and these overrides."""
        return RuleBook(self.all(), overrides)

    def overrides(self) -> tuple[CountOverride, ...]:
        return tuple(o for group in self._overrides.values() for o in group)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.all())

    def codes(self) -> tuple[str, ...]:
        return tuple(self._by_code)

    def versions(self, code: str) -> tuple[Rule, ...]:
        try:
            return self._by_code[code]
        except KeyError:
            raise UnknownRuleError(f"Unknown deadline rule {code!r}.") from None

    def all(self) -> tuple[Rule, ...]:
        return tuple(rule for versions in self._by_code.values() for rule in versions)

    def get(self, code: str, *, on: dt.date) -> Rule:
        """Return the version of ``code`` in force on ``on``, with any override applied.

        ``on`` is the anchor date of the case: the law in force when the event happened
        governs its time limit.
        """
        for rule in self.versions(code):
            if rule.is_in_force(on):
                return self._apply_override(rule, on)
        raise RuleNotInForceError(f"Rule {code!r} was not in force on {on.isoformat()}.")

    def _apply_override(self, rule: Rule, on: dt.date) -> Rule:
        for override in self._overrides.get(rule.code, ()):
            if override.covers(on):
                return rule.with_counts(
                    count=override.count,
                    remote_area_count=override.remote_area_count,
                    legal_basis=override.legal_basis,
                    note=override.note,
                )
        return rule

    def in_force(self, on: dt.date) -> tuple[Rule, ...]:
        """Return the rules in force on ``on``, one per code, in catalogue order."""
        result = []
        for code in self._by_code:
            try:
                result.append(self.get(code, on=on))
            except RuleNotInForceError:
                continue
        return tuple(result)

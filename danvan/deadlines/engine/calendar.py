"""The working-day calendar of Vietnamese public bodies (DOMAIN.md §8).

A working day is Monday to Friday, minus the days off, plus the Saturdays or Sundays that a
government swap turns into working days. The days off come from the ``holidays`` package
(statutory holidays of Labour Code Art 112, compensatory days of Art 111(3), the lunar dates
computed at UTC+7, and the swaps it knows), corrected by a list of overrides that an
administrator enters from each year's Prime Minister / Ministry of Home Affairs
announcement. Overrides always win over the package: the package cannot know future
decisions and misses some (it lacks the 2/1/2026 ↔ 10/1/2026 swap).

Deadline arithmetic must be fast (a national overdue sweep computes millions of due dates),
so the calendar is precomputed into two plain lists over a range of years:

* ``working``: every working day (as ``date`` objects, ready to return), ascending;
* ``cum``: prefix counts, ``cum[i]`` = number of working days before ordinal ``base + i``.

"The n-th working day after d" is then ``working[cum[d - base + 1] + n - 1]``: O(1), no loop
and no bisect. The range grows on demand (under a lock, by swapping in a new immutable
table), so callers never see a half-built state.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

import holidays as holidays_lib

from danvan.deadlines.engine.errors import CalendarRangeError

# The holidays package covers Vietnam from 1901 to 2100.
MIN_YEAR = 1901
MAX_YEAR = 2100
DEFAULT_YEARS = (2015, 2035)

# The package's Vietnamese name of the proposed 12th holiday (and of its compensatory day).
CULTURE_DAY_MARKER = "Văn hóa Việt Nam"

BASIS_STATUTORY = "Bộ luật Lao động 45/2019/QH14, Điều 112"
BASIS_COMPENSATORY = "Bộ luật Lao động 45/2019/QH14, Điều 111 khoản 3 (nghỉ bù)"
BASIS_PACKAGE_SWAP = (
    "Hoán đổi ngày làm việc theo thông báo của Chính phủ/Bộ Nội vụ "
    "(dữ liệu gói holidays; cần đối chiếu văn bản)"
)
BASIS_CULTURE_DAY = (
    "NQ 80-NQ/TW (01/2026); NQ 30/NQ-CP (02/2026); chưa sửa Điều 112 Bộ luật Lao động [U]"
)


class OverrideKind(StrEnum):
    """What an administrator's override makes of a date."""

    DAY_OFF = "day_off"
    WORKING_DAY = "working_day"


class DayKind(StrEnum):
    """How a date counts, seen from the calendar page."""

    WORKING_DAY = "working_day"  # an ordinary or restored working weekday
    WEEKEND = "weekend"  # Saturday or Sunday off (a holiday falling on it keeps its name)
    DAY_OFF = "day_off"  # a weekday off: holiday, compensatory day, swapped day, override
    WORKING_WEEKEND = "working_weekend"  # a Saturday or Sunday worked because of a swap


class DaySource(StrEnum):
    """Where the calendar's knowledge of a date comes from."""

    WEEKDAY = "weekday"  # nothing special: Mon–Fri work, Sat–Sun rest
    PACKAGE = "package"  # the holidays package
    OVERRIDE = "override"  # an administrator's override


@dataclass(frozen=True, slots=True)
class DayOverride:
    """A day off or an extra working day, with the document that decided it."""

    date: dt.date
    kind: OverrideKind
    name: str
    legal_basis: str


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Everything the calendar knows about one date."""

    date: dt.date
    is_working: bool
    kind: DayKind
    name: str
    legal_basis: str
    source: DaySource
    uncertain: bool  # the status of this day is [U] in DOMAIN.md (24/11)


@dataclass(frozen=True, slots=True)
class _YearData:
    """The package's view of one year: days off (with names) and swapped working weekends."""

    off: dict[int, str]  # ordinal -> Vietnamese name
    working_weekends: frozenset[int]


@dataclass(frozen=True, slots=True)
class _Table:
    first_year: int
    last_year: int
    base: int  # ordinal of 1 January of first_year
    stop: int  # ordinal of 1 January of last_year + 1
    working: list[dt.date]
    cum: list[int]  # len = stop - base + 1
    span: int  # stop - base


def _is_weekend(ordinal: int) -> bool:
    # date.fromordinal(1) is a Monday, so (ordinal - 1) % 7 is the weekday (Monday = 0).
    return (ordinal - 1) % 7 >= 5


class WorkingCalendar:
    """Working days of Vietnamese public bodies, with O(1) working-day arithmetic.

    ``culture_day_off`` decides whether 24 November ("Ngày Văn hóa Việt Nam", [U] in
    DOMAIN.md §8.1) and its compensatory day are days off. The default follows the
    ``holidays`` package (day off from 2026); an administrator confirms or changes it.
    """

    def __init__(
        self,
        *,
        overrides: Iterable[DayOverride] = (),
        culture_day_off: bool = True,
        years: tuple[int, int] = DEFAULT_YEARS,
    ) -> None:
        self.culture_day_off = culture_day_off
        self._overrides: dict[int, DayOverride] = {}
        for override in overrides:
            ordinal = override.date.toordinal()
            if ordinal in self._overrides:
                raise ValueError(f"Two overrides for {override.date.isoformat()}.")
            self._overrides[ordinal] = override
        self._years: dict[int, _YearData] = {}
        self._names_en: dict[int, dict[dt.date, str]] = {}
        self._lock = threading.Lock()
        first, last = years
        self._table = self._build(max(first, MIN_YEAR), min(last, MAX_YEAR))

    # ------------------------------------------------------------------ building

    @property
    def overrides(self) -> tuple[DayOverride, ...]:
        return tuple(self._overrides[k] for k in sorted(self._overrides))

    @property
    def years(self) -> tuple[int, int]:
        """The years precomputed so far (the range grows on demand)."""
        table = self._table
        return table.first_year, table.last_year

    def _load_years(self, first: int, last: int) -> None:
        missing = [y for y in range(first, last + 1) if y not in self._years]
        package = holidays_lib.country_holidays("VN", years=missing)
        per_year: dict[int, dict[int, str]] = {y: {} for y in missing}
        for day, name in package.items():
            if day.year not in per_year:
                continue
            if not self.culture_day_off and CULTURE_DAY_MARKER in name:
                continue
            per_year[day.year][day.toordinal()] = name
        # The package lists some swapped Saturdays only with a neighbouring year (a late-
        # December Saturday worked for a January day off): keep every one whose year is
        # known, including years loaded earlier.
        swaps: dict[int, set[int]] = {}
        for day in package.weekend_workdays:
            swaps.setdefault(day.year, set()).add(day.toordinal())
        for year in missing:
            self._years[year] = _YearData(
                off=per_year[year], working_weekends=frozenset(swaps.get(year, ()))
            )
        for year, ordinals in swaps.items():
            known = self._years.get(year)
            if (
                known is not None
                and year not in per_year
                and not ordinals <= known.working_weekends
            ):
                self._years[year] = _YearData(
                    off=known.off, working_weekends=known.working_weekends | ordinals
                )

    def _is_working_uncached(self, ordinal: int, year: int) -> bool:
        override = self._overrides.get(ordinal)
        if override is not None:
            return override.kind is OverrideKind.WORKING_DAY
        data = self._years[year]
        if ordinal in data.working_weekends:
            return True
        return not _is_weekend(ordinal) and ordinal not in data.off

    def _build(self, first: int, last: int) -> _Table:
        if first > last:
            raise ValueError("The first year must not be after the last year.")
        self._load_years(first, last)
        base = dt.date(first, 1, 1).toordinal()
        stop = dt.date(last + 1, 1, 1).toordinal()
        working: list[dt.date] = []
        cum = [0] * (stop - base + 1)
        count = 0
        year = first
        next_year_start = dt.date(first + 1, 1, 1).toordinal()
        for i, ordinal in enumerate(range(base, stop)):
            if ordinal >= next_year_start:
                year += 1
                next_year_start = dt.date(year + 1, 1, 1).toordinal()
            cum[i] = count
            if self._is_working_uncached(ordinal, year):
                working.append(dt.date.fromordinal(ordinal))
                count += 1
        cum[stop - base] = count
        return _Table(first, last, base, stop, working, cum, stop - base)

    def _extend(self, first: int, last: int) -> _Table:
        """Return a table covering at least [first, last], building it if needed."""
        if first < MIN_YEAR or last > MAX_YEAR:
            raise CalendarRangeError(
                f"The calendar covers {MIN_YEAR}–{MAX_YEAR}; {first}–{last} was asked for."
            )
        with self._lock:
            table = self._table
            if table.first_year <= first and last <= table.last_year:
                return table
            table = self._build(min(first, table.first_year), max(last, table.last_year))
            self._table = table
            return table

    def _table_for(self, ordinal: int) -> _Table:
        table = self._table
        if table.base <= ordinal < table.stop:
            return table
        year = dt.date.fromordinal(ordinal).year
        return self._extend(year, year)

    # ------------------------------------------------------------------ queries

    def is_working_day(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        table = self._table_for(ordinal)
        i = ordinal - table.base
        return table.cum[i + 1] != table.cum[i]

    def add_working_days(self, start: dt.date, n: int) -> dt.date:
        """Return the ``n``-th working day after ``start`` (before it when ``n`` < 0).

        ``start`` itself is never counted (Civil Code Art 147: the day of the event is not
        counted), whether or not it is a working day. ``n == 0`` returns ``start``.
        """
        if n == 0:
            return start
        ordinal = start.toordinal()
        table = self._table_for(ordinal)
        while True:
            if n > 0:
                k = table.cum[ordinal - table.base + 1] + n - 1
                if k < len(table.working):
                    return table.working[k]
                # About 245 working days a year; ask for enough years at once.
                more = (k - len(table.working)) // 240 + 1
                table = self._extend(table.first_year, table.last_year + more)
            else:
                k = table.cum[ordinal - table.base] + n
                if k >= 0:
                    return table.working[k]
                more = -k // 240 + 1
                table = self._extend(table.first_year - more, table.last_year)

    def period_end(
        self, start: dt.date, count: int, *, working_days: bool, roll_forward: bool = True
    ) -> dt.date:
        """Last day of ``count`` days (or working days) after ``start``: the hot path.

        One call, plain list indexing on ordinals; it falls back to the general methods
        when the answer lies outside the precomputed years.
        """
        table = self._table
        i = start.toordinal() - table.base
        if count > 0 and i >= 0:
            if working_days:
                if i < table.span:
                    k = table.cum[i + 1] + count - 1
                    if k < len(table.working):
                        return table.working[k]
            elif i + count < table.span:
                if roll_forward:
                    k = table.cum[i + count]
                    if k < len(table.working):
                        return table.working[k]
                else:
                    return start + dt.timedelta(days=count)
        if working_days:
            return self.add_working_days(start, count)
        end = start + dt.timedelta(days=count)
        return self.next_working_day(end) if roll_forward else end

    def next_working_day(self, day: dt.date) -> dt.date:
        """Return ``day`` if it is a working day, else the first working day after it."""
        ordinal = day.toordinal()
        table = self._table_for(ordinal)
        while True:
            k = table.cum[ordinal - table.base]
            if k < len(table.working):
                return table.working[k]
            table = self._extend(table.first_year, table.last_year + 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Count the working days in (start, end]; negative (of (end, start]) if end < start."""
        if end < start:
            return -self.working_days_between(end, start)
        a = start.toordinal()
        b = end.toordinal()
        table = self._table_for(a)
        if not b < table.stop:
            table = self._extend(table.first_year, dt.date.fromordinal(b).year)
        return table.cum[b - table.base + 1] - table.cum[a - table.base + 1]

    def day_info(self, day: dt.date, *, language: str = "vi") -> DayInfo:
        """Describe ``day``: working or not, and why, with its name and legal basis."""
        ordinal = day.toordinal()
        is_working = self.is_working_day(day)  # also loads the year
        weekend = _is_weekend(ordinal)
        if is_working:
            kind = DayKind.WORKING_WEEKEND if weekend else DayKind.WORKING_DAY
        else:
            kind = DayKind.WEEKEND if weekend else DayKind.DAY_OFF
        override = self._overrides.get(ordinal)
        if override is not None:
            return DayInfo(
                day, is_working, kind, override.name, override.legal_basis,
                DaySource.OVERRIDE, uncertain=False,
            )  # fmt: skip
        data = self._years[day.year]
        name = data.off.get(ordinal)
        if name is not None:
            uncertain = CULTURE_DAY_MARKER in name
            if uncertain:
                basis = BASIS_CULTURE_DAY
            elif "(nghỉ bù" in name:
                basis = BASIS_COMPENSATORY
            elif "(thay cho" in name:
                basis = BASIS_PACKAGE_SWAP
            else:
                basis = BASIS_STATUTORY
            shown = self._name_en(day) if language.startswith("en") else name
            return DayInfo(
                day, is_working, kind, shown or name, basis, DaySource.PACKAGE, uncertain
            )
        if ordinal in data.working_weekends:
            name = "Ngày làm việc bù (hoán đổi)"
            if language.startswith("en"):
                name = "Working day (swap)"
            return DayInfo(
                day, is_working, kind, name, BASIS_PACKAGE_SWAP, DaySource.PACKAGE,
                uncertain=False,
            )  # fmt: skip
        return DayInfo(day, is_working, kind, "", "", DaySource.WEEKDAY, uncertain=False)

    def _name_en(self, day: dt.date) -> str:
        names = self._names_en.get(day.year)
        if names is None:
            package = holidays_lib.country_holidays("VN", years=day.year, language="en_US")
            names = {d: n for d, n in package.items() if d.year == day.year}
            self._names_en[day.year] = names
        return names.get(day, "")

    def special_days(self, start: dt.date, end: dt.date, *, language: str = "vi") -> list[DayInfo]:
        """Return the named days in [start, end]: holidays, swaps and overrides, in order.

        Ordinary weekdays and plain weekends are left out; a holiday falling on a weekend
        is included (it explains the compensatory day that follows).
        """
        result = []
        day = start
        one = dt.timedelta(days=1)
        while day <= end:
            info = self.day_info(day, language=language)
            if info.source is not DaySource.WEEKDAY:
                result.append(info)
            day += one
        return result

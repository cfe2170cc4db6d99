"""Statistics of petition cases per unit (and the units below it), kind, field and period.

Definitions (one cohort: the cases *received* in the period, ``received_on``, by the
handling units in the subtree; Vietnam's fiscal year is the calendar year):

* **received**: cases received in the period;
* **accepted**: of those, cases accepted for handling (an ``ACCEPTED`` event, thụ lý);
* **resolved**: of those, cases whose answer or decision was sent (an ``ANSWER_SENT`` event);
* **resolved on time**: resolved with an answer sent on or before the case's due date;
* **overdue open**: still open today with the due date passed;
* **satisfaction**: the citizens' ratings (``CaseRating``) of those cases.

Everything comes from one grouped query over the cohort (unit × kind × field × month);
every table (by kind, field, unit, month) is a roll-up of those cells in Python. The cost
is one pass over the cases of the subtree in the period (the ``(unit, received_on)``
index), whatever the number of tables. The per-case facts are the dates of the first
acceptance and of the first answer, read as scalar subqueries on the ``(case, kind)`` index
of the history: one probe per case. (``EXISTS`` would let PostgreSQL hash every acceptance
and answer ever recorded instead, a full pass over the history for each figure; and an
answer sent by the due date exists exactly when the first answer was sent by then.)
"""

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connections, transaction
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rules.predicates import Predicate

from danvan.petitions.models import Case, CaseEvent, Field
from danvan.petitions.models.intake import CaseRating
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
from danvan.units.predicates import has_role_in_unit_or_ancestor, is_active_person

# Everyone who works in a unit may read its figures; citizens may not.
STATS_ROLES: tuple[str, ...] = tuple(
    role for role in RoleAssignment.Role.values if role != RoleAssignment.Role.CITIZEN
)


def _staff_of_unit_or_above() -> Predicate:
    predicate = has_role_in_unit_or_ancestor(STATS_ROLES[0])
    for role in STATS_ROLES[1:]:
        predicate = predicate | has_role_in_unit_or_ancestor(role)
    return is_active_person & predicate


_may_read_stats = _staff_of_unit_or_above()


class PeriodKind:
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    CHOICES = (
        (MONTH, _("Month")),
        (QUARTER, _("Quarter")),
        (YEAR, _("Year")),
    )


ROMAN = ("I", "II", "III", "IV")


@dataclass(frozen=True)
class Period:
    """A reporting period: a month, a quarter or a (calendar = fiscal) year."""

    kind: str
    year: int
    number: int = 1

    @property
    def start(self) -> dt.date:
        if self.kind == PeriodKind.MONTH:
            return dt.date(self.year, self.number, 1)
        if self.kind == PeriodKind.QUARTER:
            return dt.date(self.year, 3 * self.number - 2, 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        if self.kind == PeriodKind.MONTH:
            last_month = self.number
        elif self.kind == PeriodKind.QUARTER:
            last_month = 3 * self.number
        else:
            last_month = 12
        return _month_end(self.year, last_month)

    @property
    def label_vi(self) -> str:
        """The period as Vietnamese reports write it (documents are always in Vietnamese)."""
        if self.kind == PeriodKind.MONTH:
            return f"tháng {self.number:02d} năm {self.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"quý {ROMAN[self.number - 1]} năm {self.year}"
        return f"năm {self.year}"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return str(_("Month %(month)d/%(year)d")) % {"month": self.number, "year": self.year}
        if self.kind == PeriodKind.QUARTER:
            return str(_("Quarter %(quarter)s/%(year)d")) % {
                "quarter": ROMAN[self.number - 1],
                "year": self.year,
            }
        return str(_("Year %(year)d")) % {"year": self.year}

    @property
    def slug(self) -> str:
        if self.kind == PeriodKind.YEAR:
            return str(self.year)
        prefix = "thang" if self.kind == PeriodKind.MONTH else "quy"
        return f"{prefix}-{self.number:02d}-{self.year}"

    @classmethod
    def containing(cls, day: dt.date, kind: str = PeriodKind.MONTH) -> "Period":
        if kind == PeriodKind.MONTH:
            return cls(kind, day.year, day.month)
        if kind == PeriodKind.QUARTER:
            return cls(kind, day.year, (day.month - 1) // 3 + 1)
        return cls(PeriodKind.YEAR, day.year)


def _month_end(year: int, month: int) -> dt.date:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return following - dt.timedelta(days=1)


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month from ``start``'s to ``end``'s."""
    months = []
    current = start.replace(day=1)
    while current <= end:
        months.append(current)
        current = _month_end(current.year, current.month) + dt.timedelta(days=1)
    return months


@dataclass
class StatsRow:
    """The figures of one group (a kind, a field, a unit, a month, or everything)."""

    key: str
    label: str
    received: int = 0
    accepted: int = 0
    resolved: int = 0
    resolved_on_time: int = 0
    overdue_open: int = 0
    satisfied: int = 0
    partly_satisfied: int = 0
    not_satisfied: int = 0

    COUNTS = (
        "received",
        "accepted",
        "resolved",
        "resolved_on_time",
        "overdue_open",
        "satisfied",
        "partly_satisfied",
        "not_satisfied",
    )

    def add(self, cell: dict[str, Any]) -> None:
        self.add_counts(tuple(int(cell[name]) for name in self.COUNTS))

    def add_counts(self, counts: Sequence[int]) -> None:
        """Add counts given in the order of ``COUNTS``."""
        values = self.__dict__
        for name, count in zip(self.COUNTS, counts, strict=True):
            values[name] += count

    @property
    def rated(self) -> int:
        return self.satisfied + self.partly_satisfied + self.not_satisfied

    @property
    def resolved_late(self) -> int:
        return self.resolved - self.resolved_on_time

    @property
    def on_time_rate(self) -> float | None:
        """Share of the resolved cases resolved on time, in percent (None if none)."""
        return _percent(self.resolved_on_time, self.resolved)

    @property
    def resolution_rate(self) -> float | None:
        return _percent(self.resolved, self.accepted)

    @property
    def satisfaction_rate(self) -> float | None:
        """Share of the ratings that say "satisfied", in percent (None if no rating)."""
        return _percent(self.satisfied, self.rated)


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class UnitStats:
    """Every table of the statistics page and of the exports, for one unit and period."""

    unit: Unit
    start: dt.date
    end: dt.date
    today: dt.date
    total: StatsRow
    by_kind: list[StatsRow] = field(default_factory=list)
    by_field: list[StatsRow] = field(default_factory=list)
    by_unit: list[StatsRow] = field(default_factory=list)
    by_month: list[StatsRow] = field(default_factory=list)


def unit_get_for_stats(*, user: Any, code: str) -> Unit:
    """The active unit with ``code`` if ``user`` works in it or above it; else ``Http404``."""
    unit = Unit.objects.filter(code=code, is_active=True).first()
    if unit is None or not _may_read_stats.test(user, unit):
        raise Http404
    return unit


def user_may_read_stats(*, user: Any, unit: Unit) -> bool:
    return bool(_may_read_stats.test(user, unit))


def _subtree(unit: Unit) -> Q:
    """Cases handled in ``unit`` or below, as a list of unit ids.

    Resolving the subtree first (a few hundred units for a province) lets PostgreSQL use
    the ``unit`` indexes of the case table instead of joining every case of the period to
    its unit to test the path. The root of the tree holds every case: no filter at all.
    """
    if unit.parent_id is None:
        return Q()
    ids = Unit.objects.filter(
        Q(pk=unit.pk) | Q(path__startswith=unit.path + PATH_SEPARATOR)
    ).values_list("pk", flat=True)
    return Q(unit_id__in=list(ids))


def _first(kind: CaseEvent.Kind) -> Subquery:
    """The day of the case's first event of ``kind`` (NULL if none)."""
    return Subquery(
        CaseEvent.objects.filter(case_id=OuterRef("pk"), kind=kind)
        .order_by("occurred_on")
        .values("occurred_on")[:1]
    )


def stats_cells(
    *, unit: Unit, start: dt.date, end: dt.date, today: dt.date | None = None
) -> list[dict[str, Any]]:
    """The figures per (handling unit, kind, field, month) of the cohort; see the module."""
    today = today or timezone.localdate()
    outcome = "rating__outcome"
    rows = (
        Case.objects.filter(_subtree(unit), received_on__gte=start, received_on__lte=end)
        .annotate(
            month=TruncMonth("received_on"),
            accepted_on=_first(CaseEvent.Kind.ACCEPTED),
            answered_on=_first(CaseEvent.Kind.ANSWER_SENT),
        )
        .values("unit_id", "kind", "field_id", "month")
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=Q(accepted_on__isnull=False)),
            resolved=Count("pk", filter=Q(answered_on__isnull=False)),
            resolved_on_time=Count("pk", filter=Q(answered_on__lte=F("due_on"))),
            overdue_open=Count("pk", filter=Q(status__in=Case.OPEN_STATUSES, due_on__lt=today)),
            satisfied=Count("pk", filter=Q(**{outcome: CaseRating.Outcome.SATISFIED})),
            partly_satisfied=Count("pk", filter=Q(**{outcome: CaseRating.Outcome.PARTLY})),
            not_satisfied=Count("pk", filter=Q(**{outcome: CaseRating.Outcome.NOT_SATISFIED})),
        )
        .order_by()
    )
    with transaction.atomic(using=rows.db):
        if connections[rows.db].vendor == "postgresql":
            # The estimate of this aggregate crosses PostgreSQL's JIT thresholds, and
            # compiling it takes far longer (seconds) than running it (milliseconds).
            with connections[rows.db].cursor() as cursor:
                cursor.execute("SET LOCAL jit = off")
        cells: list[dict[str, Any]] = [dict(row) for row in rows]
    for cell in cells:
        cell["counts"] = tuple(int(cell[name]) for name in StatsRow.COUNTS)
    return cells


def _roll_up(
    cells: Iterable[dict[str, Any]],
    key: Callable[[dict[str, Any]], str],
    rows: dict[str, StatsRow],
) -> list[StatsRow]:
    # Sum plain tuples first (a province-year has thousands of cells), then fill the rows.
    sums: dict[str, list[int]] = {}
    for cell in cells:
        name = key(cell)
        counts = cell["counts"]
        total = sums.get(name)
        sums[name] = (
            list(counts) if total is None else [a + b for a, b in zip(total, counts, strict=True)]
        )
    for name, counts in sums.items():
        rows[name].add_counts(counts)
    return list(rows.values())


def _month_key(value: Any) -> str:
    # TruncMonth gives a date on SQLite and PostgreSQL alike; a datetime is tolerated.
    day = value.date() if isinstance(value, dt.datetime) else value
    return f"{day:%Y-%m}"


def unit_stats(
    *, unit: Unit, start: dt.date, end: dt.date, today: dt.date | None = None
) -> UnitStats:
    """All the tables for ``unit`` and the units below it between ``start`` and ``end``."""
    today = today or timezone.localdate()
    cells = stats_cells(unit=unit, start=start, end=end, today=today)
    total = StatsRow(key="all", label=str(_("Total")))
    _roll_up(cells, lambda _cell: "all", {"all": total})

    kinds = {value: StatsRow(key=value, label=str(label)) for value, label in Case.Kind.choices}
    by_kind = [row for row in _roll_up(cells, lambda c: str(c["kind"]), kinds) if row.received]

    field_ids = {cell["field_id"] for cell in cells}
    # Sorted in Python on the folded name: database collations disagree on "Ủ" and "Đ".
    named = Field.objects.filter(pk__in=field_ids - {None}).values_list("pk", "name")
    fields = {
        str(pk): StatsRow(key=str(pk), label=name)
        for pk, name in sorted(named, key=lambda item: (fold_for_search(item[1]), item[0]))
    }
    fields["none"] = StatsRow(key="none", label=str(_("No field yet")))
    by_field = [
        row
        for row in _roll_up(
            cells, lambda c: str(c["field_id"]) if c["field_id"] else "none", fields
        )
        if row.received
    ]

    # Each case counts for the child of ``unit`` whose subtree holds its handling unit.
    children = sorted(
        unit.children.filter(is_active=True), key=lambda child: (child.search_name, child.code)
    )
    units = {str(unit.pk): StatsRow(key=unit.code, label=unit.name)}
    units.update({str(child.pk): StatsRow(key=child.code, label=child.name) for child in children})
    unit_ids = {cell["unit_id"] for cell in cells}
    owner: dict[int, str] = {}
    prefixes = [(child.path + PATH_SEPARATOR, str(child.pk)) for child in children]
    for pk, path in Unit.objects.filter(pk__in=unit_ids).values_list("pk", "path"):
        owner[pk] = next(
            (child for prefix, child in prefixes if path.startswith(prefix)),
            str(pk) if str(pk) in units else str(unit.pk),
        )
    by_unit = [row for row in _roll_up(cells, lambda c: owner[c["unit_id"]], units) if row.received]

    months = {
        f"{month:%Y-%m}": StatsRow(key=f"{month:%Y-%m}", label=f"{month:%m/%Y}")
        for month in months_between(start, end)
    }
    by_month = _roll_up(cells, lambda c: _month_key(c["month"]), months)
    return UnitStats(
        unit=unit,
        start=start,
        end=end,
        today=today,
        total=total,
        by_kind=by_kind,
        by_field=by_field,
        by_unit=by_unit,
        by_month=by_month,
    )


@dataclass(frozen=True)
class ReportSigner:
    name: str
    title: str


def report_signer(*, unit: Unit) -> ReportSigner | None:
    """The head of ``unit`` who signs its reports (the longest-serving active one)."""
    assignment = (
        RoleAssignment.objects.filter(
            unit=unit, role=RoleAssignment.Role.HEAD, is_active=True, user__is_active=True
        )
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if assignment is None:
        return None
    return ReportSigner(name=assignment.user.get_full_name(), title=assignment.title)

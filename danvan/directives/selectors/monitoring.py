"""Reads of the monitoring area: who sees which figures, the figures, the late items, letters.

Scope. A person sees the items (task assignments, unit reports) of the directives and
reporting rounds whose managing unit lies in a place they direct (``rules.manager_remits``:
``directives.manage``), plus the items of the units where they work themselves
(``directives.act_for_unit``): a commune's officer sees their own unit's figures and
nothing of the neighbouring commune. Draft directives have not been sent to anybody yet and
are left out.

Figures. At national scale a commission follows 3,321 communes, so every figure is one
grouped query (``COUNT(*) FILTER (…)`` per category, grouped by unit or by directive),
never one query per unit. The categories are disjoint so that they add up to the total:

- tasks: done on time, done late (done after the task's due date), in progress (not done,
  not yet due or without a due date), overdue (not done, due date passed);
- reports: accepted, submitted (awaiting review), not yet due (not sent, due date ahead),
  overdue (not sent — or returned and not sent again — after the due date).

"Late" compares dates in Vietnam: an item is overdue the day after its due date (the unit
may act until the end of the due day, Civil Code Art 148(6)).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from danvan.directives.models import (
    Directive,
    TaskAssignment,
    UnitReport,
    UrgingLetter,
)
from danvan.directives.rules import manager_remits
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
from danvan.units.predicates import held_roles

Role = RoleAssignment.Role
# The roles that act for their own unit (rules.is_unit_staff).
STAFF_ROLES = frozenset({Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.RECEPTION_OFFICER})
TASK_KEYS = ("tasks_done", "tasks_done_late", "tasks_in_progress", "tasks_overdue")
REPORT_KEYS = ("reports_accepted", "reports_submitted", "reports_pending", "reports_overdue")
FIGURE_KEYS = TASK_KEYS + REPORT_KEYS
NOT_SENT = (UnitReport.Status.DRAFT, UnitReport.Status.RETURNED)
OPEN_TASK = (TaskAssignment.Status.ASSIGNED, TaskAssignment.Status.IN_PROGRESS)
HIDDEN_DIRECTIVE_STATUSES = (Directive.Status.DRAFT,)


# --------------------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """What a person may follow: the places they direct and the units they work in."""

    remits: tuple[str, ...]
    own_unit_ids: frozenset[int]

    @property
    def is_empty(self) -> bool:
        return not self.remits and not self.own_unit_ids

    def directs(self, unit: Unit) -> bool:
        return any(
            unit.path == remit or unit.path.startswith(remit + PATH_SEPARATOR)
            for remit in self.remits
        )

    def covers_unit(self, unit: Unit) -> bool:
        """The unit's page may be shown: the person directs it or works in it."""
        return unit.pk in self.own_unit_ids or self.directs(unit)


def scope_for(user: Any) -> Scope:
    """The monitoring scope of ``user`` (empty for citizens and inactive accounts)."""
    own = frozenset(h.unit_id for h in held_roles(user) if h.role in STAFF_ROLES)
    return Scope(remits=manager_remits(user) if held_roles(user) else (), own_unit_ids=own)


def under(path_field: str, paths: Iterable[str]) -> Q:
    """Rows whose ``path_field`` is one of ``paths`` or lies below one of them."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{path_field: path}) | Q(
            **{f"{path_field}__startswith": path + PATH_SEPARATOR}
        )
    return condition


def assignments_visible(scope: Scope) -> QuerySet[TaskAssignment]:
    return (
        TaskAssignment.objects.exclude(task__directive__status__in=HIDDEN_DIRECTIVE_STATUSES)
        .filter(
            under("task__directive__unit__path", scope.remits) | Q(unit_id__in=scope.own_unit_ids)
        )
        .order_by()
    )


def reports_visible(scope: Scope) -> QuerySet[UnitReport]:
    return (
        UnitReport.objects.exclude(round__directive__status__in=HIDDEN_DIRECTIVE_STATUSES)
        .filter(under("round__unit__path", scope.remits) | Q(unit_id__in=scope.own_unit_ids))
        .order_by()
    )


def directives_visible(scope: Scope) -> QuerySet[Directive]:
    """Directives the person follows: those they manage and those that gave their unit work."""
    with_own_work = Q(tasks__assignments__unit_id__in=scope.own_unit_ids) | Q(
        rounds__reports__unit_id__in=scope.own_unit_ids
    )
    ids = (
        Directive.objects.exclude(status__in=HIDDEN_DIRECTIVE_STATUSES)
        .filter(under("unit__path", scope.remits) | with_own_work)
        .values("pk")
    )
    return Directive.objects.filter(pk__in=ids).select_related("document", "unit")


def directive_managed_or_none(user: Any, pk: int) -> Directive | None:
    """The directive if ``user`` may manage it (send urging letters), else None."""
    directive = Directive.objects.select_related("document", "unit").filter(pk=pk).first()
    if directive is None or not user.has_perm("directives.manage", directive):
        return None
    return directive


# --------------------------------------------------------------------------- filters


@dataclass(frozen=True)
class Filters:
    """The dashboard's filters: one directive, one unit (and what lies below it), due dates."""

    directive: Directive | None = None
    unit: Unit | None = None
    due_from: dt.date | None = None
    due_to: dt.date | None = None

    def tasks(self, queryset: QuerySet[TaskAssignment]) -> QuerySet[TaskAssignment]:
        if self.directive is not None:
            queryset = queryset.filter(task__directive=self.directive)
        if self.unit is not None:
            queryset = queryset.filter(under("unit__path", [self.unit.path]))
        if self.due_from is not None:
            queryset = queryset.filter(task__due_on__gte=self.due_from)
        if self.due_to is not None:
            queryset = queryset.filter(task__due_on__lte=self.due_to)
        return queryset

    def reports(self, queryset: QuerySet[UnitReport]) -> QuerySet[UnitReport]:
        if self.directive is not None:
            queryset = queryset.filter(
                Q(round__directive=self.directive) | Q(round__task__directive=self.directive)
            )
        if self.unit is not None:
            queryset = queryset.filter(under("unit__path", [self.unit.path]))
        if self.due_from is not None:
            queryset = queryset.filter(round__due_on__gte=self.due_from)
        if self.due_to is not None:
            queryset = queryset.filter(round__due_on__lte=self.due_to)
        return queryset


# --------------------------------------------------------------------------- figures


@dataclass
class Row:
    """The figures of one unit or one directive."""

    key: int | None
    label: str
    code: str = ""
    tasks_done: int = 0
    tasks_done_late: int = 0
    tasks_in_progress: int = 0
    tasks_overdue: int = 0
    reports_accepted: int = 0
    reports_submitted: int = 0
    reports_pending: int = 0
    reports_overdue: int = 0

    @property
    def tasks_total(self) -> int:
        return sum(getattr(self, key) for key in TASK_KEYS)

    @property
    def reports_total(self) -> int:
        return sum(getattr(self, key) for key in REPORT_KEYS)

    @property
    def late(self) -> int:
        """What an urging letter is about: overdue tasks and overdue reports."""
        return self.tasks_overdue + self.reports_overdue

    def values(self) -> list[int]:
        return [getattr(self, key) for key in FIGURE_KEYS]

    def add(self, other: Row) -> None:
        for key in FIGURE_KEYS:
            setattr(self, key, getattr(self, key) + getattr(other, key))


@dataclass
class Figures:
    """The dashboard: totals, one row per unit and one per directive."""

    today: dt.date
    total: Row
    units: list[Row] = field(default_factory=list)
    directives: list[Row] = field(default_factory=list)


def _task_conditions(today: dt.date) -> dict[str, Q]:
    """The four disjoint task categories, written without negation (NULL-safe)."""
    done = Q(status=TaskAssignment.Status.DONE)
    open_ = Q(status__in=OPEN_TASK)
    no_due = Q(task__due_on__isnull=True)
    done_late = done & Q(
        task__due_on__isnull=False, done_on__isnull=False, done_on__gt=F("task__due_on")
    )
    done_in_time = done & (no_due | Q(done_on__isnull=True) | Q(done_on__lte=F("task__due_on")))
    return {
        "tasks_done": done_in_time,
        "tasks_done_late": done_late,
        "tasks_in_progress": open_ & (no_due | Q(task__due_on__gte=today)),
        "tasks_overdue": open_ & Q(task__due_on__lt=today),
    }


def _task_counts(today: dt.date) -> dict[str, Count]:
    return {
        key: Count("pk", filter=condition) for key, condition in _task_conditions(today).items()
    }


def _report_counts(today: dt.date) -> dict[str, Count]:
    not_sent = Q(status__in=NOT_SENT)
    return {
        "reports_accepted": Count("pk", filter=Q(status=UnitReport.Status.ACCEPTED)),
        "reports_submitted": Count("pk", filter=Q(status=UnitReport.Status.SUBMITTED)),
        "reports_pending": Count("pk", filter=not_sent & Q(round__due_on__gte=today)),
        "reports_overdue": Count("pk", filter=not_sent & Q(round__due_on__lt=today)),
    }


def _merge(
    rows: dict[int | None, Row],
    grouped: Iterable[Mapping[str, Any]],
    key: str,
    keys: Iterable[str],
) -> None:
    for values in grouped:
        row = rows.get(values[key])
        if row is None:
            row = rows[values[key]] = Row(
                key=values[key], label=values.get("label") or "", code=values.get("code") or ""
            )
        for name in keys:
            setattr(row, name, values[name])


def figures_by_unit(*, scope: Scope, filters: Filters, today: dt.date) -> tuple[Row, list[Row]]:
    """Totals and one row per unit (two grouped queries), the latest units first."""
    rows: dict[int | None, Row] = {}
    tasks = (
        filters.tasks(assignments_visible(scope))
        .values("unit_id")
        .annotate(label=F("unit__name"), code=F("unit__code"), **_task_counts(today))
    )
    reports = (
        filters.reports(reports_visible(scope))
        .values("unit_id")
        .annotate(label=F("unit__name"), code=F("unit__code"), **_report_counts(today))
    )
    _merge(rows, tasks, "unit_id", TASK_KEYS)
    _merge(rows, reports, "unit_id", REPORT_KEYS)
    total = Row(key=None, label="")
    for row in rows.values():
        total.add(row)
    ordered = sorted(rows.values(), key=lambda r: (-r.late, -r.tasks_done_late, r.label, r.code))
    return total, ordered


def figures_by_directive(*, scope: Scope, filters: Filters, today: dt.date) -> list[Row]:
    """One row per directive (reports of rounds outside any directive under ``None``)."""
    rows: dict[int | None, Row] = {}
    tasks = (
        filters.tasks(assignments_visible(scope))
        .values(directive=F("task__directive_id"))
        .annotate(label=F("task__directive__title"), **_task_counts(today))
    )
    reports = (
        filters.reports(reports_visible(scope))
        .annotate(
            directive=Coalesce("round__directive_id", "round__task__directive_id"),
        )
        .values("directive")
        .annotate(**_report_counts(today))
    )
    _merge(rows, tasks, "directive", TASK_KEYS)
    _merge(rows, reports, "directive", REPORT_KEYS)
    missing_titles = [key for key, row in rows.items() if key is not None and not row.label]
    titles = dict(Directive.objects.filter(pk__in=missing_titles).values_list("pk", "title"))
    for key, title in titles.items():
        rows[key].label = title
    return sorted(rows.values(), key=lambda r: (r.key is None, -r.late, r.label))


def dashboard_figures(*, scope: Scope, filters: Filters, today: dt.date) -> Figures:
    total, units = figures_by_unit(scope=scope, filters=filters, today=today)
    directives = (
        figures_by_directive(scope=scope, filters=filters, today=today)
        if filters.directive is None
        else []
    )
    return Figures(today=today, total=total, units=units, directives=directives)


def unit_choices(*, scope: Scope, filters: Filters) -> list[tuple[int, str]]:
    """Units that have items in scope (for the unit filter), by name."""
    ids = set(
        filters.tasks(assignments_visible(scope)).values_list("unit_id", flat=True).distinct()
    ) | set(filters.reports(reports_visible(scope)).values_list("unit_id", flat=True).distinct())
    return list(Unit.objects.filter(pk__in=ids).order_by("name", "code").values_list("pk", "name"))


# --------------------------------------------------------------------------- late items


@dataclass(frozen=True)
class LateItem:
    """One overdue task or report of a unit (what an urging letter lists)."""

    kind: str  # "task" or "report"
    pk: int
    unit_id: int
    unit_name: str
    directive_id: int | None
    label: str
    due_on: dt.date
    done_on: dt.date | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "id": self.pk,
            "label": self.label,
            "due_on": self.due_on.isoformat(),
        }


def late_items(
    *, scope: Scope, filters: Filters, today: dt.date, include_done_late: bool = False
) -> list[LateItem]:
    """Overdue task assignments and overdue reports in scope (two queries), by unit, date.

    With ``include_done_late`` the tasks done after their due date are listed too (the
    unit page shows them; an urging letter does not: they are done).
    """
    conditions = _task_conditions(today)
    condition = conditions["tasks_overdue"]
    if include_done_late:
        condition |= conditions["tasks_done_late"]
    tasks = (
        filters.tasks(assignments_visible(scope))
        .filter(condition)
        .values_list(
            "pk",
            "unit_id",
            "unit__name",
            "task__directive_id",
            "task__position",
            "task__title",
            "task__due_on",
            "done_on",
            "status",
        )
    )
    items = [
        LateItem(
            kind="task" if status != TaskAssignment.Status.DONE else "task_done_late",
            pk=pk,
            unit_id=unit_id,
            unit_name=unit_name,
            directive_id=directive_id,
            label=f"{position}. {title}",
            due_on=due_on or today,  # never None: the filter compares it
            done_on=done_on,
        )
        for pk, unit_id, unit_name, directive_id, position, title, due_on, done_on, status in tasks
    ]
    reports = (
        filters.reports(reports_visible(scope))
        .filter(status__in=NOT_SENT, round__due_on__lt=today)
        .annotate(directive=Coalesce("round__directive_id", "round__task__directive_id"))
        .values_list("pk", "unit_id", "unit__name", "directive", "round__title", "round__due_on")
    )
    items += [
        LateItem(
            kind="report",
            pk=pk,
            unit_id=unit_id,
            unit_name=unit_name,
            directive_id=directive_id,
            label=title,
            due_on=due_on,
        )
        for pk, unit_id, unit_name, directive_id, title, due_on in reports
    ]
    items.sort(key=lambda item: (item.unit_name, item.unit_id, item.due_on, item.kind, item.pk))
    return items


@dataclass
class UnitLateItems:
    unit_id: int
    unit_name: str
    items: list[LateItem]


def late_items_by_unit(items: Iterable[LateItem]) -> list[UnitLateItems]:
    grouped: dict[int, UnitLateItems] = {}
    for item in items:
        entry = grouped.setdefault(item.unit_id, UnitLateItems(item.unit_id, item.unit_name, []))
        entry.items.append(item)
    return list(grouped.values())


def directive_late_units(*, directive: Directive, today: dt.date) -> list[UnitLateItems]:
    """Every unit that is late on ``directive``, with its overdue items (for urging)."""
    scope = Scope(remits=(directive.unit.path,), own_unit_ids=frozenset())
    items = late_items(scope=scope, filters=Filters(directive=directive), today=today)
    return late_items_by_unit(items)


# --------------------------------------------------------------------------- letters


def letters_visible(scope: Scope) -> QuerySet[UrgingLetter]:
    """Letters the person may open: sent by a unit they direct, or addressed to their unit."""
    ids = UrgingLetter.objects.filter(
        under("directive__unit__path", scope.remits) | Q(recipients__in=scope.own_unit_ids)
    ).values("pk")
    return UrgingLetter.objects.filter(pk__in=ids).select_related("directive", "unit")


@dataclass(frozen=True)
class LetterView:
    """A letter as one person may see it: the whole of it, or their own units' part."""

    letter: UrgingLetter
    manager: bool
    units: list[dict[str, Any]]
    may_download: bool


def _readable(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The snapshot with its dates as dates (JSON keeps them as ISO text)."""
    return [
        {
            **entry,
            "items": [
                {**item, "due_on": dt.date.fromisoformat(item["due_on"])} for item in entry["items"]
            ],
        }
        for entry in entries
    ]


def letter_for_user_or_none(user: Any, pk: int) -> LetterView | None:
    """The letter and the part ``user`` may see, or None (same answer: missing, forbidden)."""
    scope = scope_for(user)
    letter = letters_visible(scope).filter(pk=pk).first()
    if letter is None:
        return None
    manager = scope.directs(letter.directive.unit)
    if manager:
        return LetterView(letter, True, _readable(letter.items), True)
    units = _readable(
        [entry for entry in letter.items if entry.get("unit_id") in scope.own_unit_ids]
    )
    recipient_ids = set(letter.recipients.values_list("pk", flat=True))
    # A letter to several units lists each one's items: a unit gets the file only when the
    # letter is addressed to its own units alone.
    return LetterView(letter, False, units, recipient_ids <= scope.own_unit_ids)


def letters_of_directive(directive: Directive) -> QuerySet[UrgingLetter]:
    return directive.urging_letters.select_related("unit").prefetch_related("recipients")


def staff_of_units(unit_ids: Iterable[int]) -> dict[int, list[Any]]:
    """The active staff of each unit (who is told about a letter or a recommendation)."""
    people: dict[int, list[Any]] = defaultdict(list)
    assignments = RoleAssignment.objects.filter(
        unit_id__in=list(unit_ids),
        is_active=True,
        role__in=STAFF_ROLES,
        user__is_active=True,
    ).select_related("user")
    for assignment in assignments:
        people[assignment.unit_id].append(assignment.user)
    return people

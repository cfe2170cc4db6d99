"""Reads of the tasks area: directives, their tasks and assignments, progress, deadlines.

Other areas (reports, monitoring, delegations) use the first four functions and keep their
names: :func:`assignments_for_unit`, :func:`assignments_of_directive`,
:func:`assignment_is_late`, :func:`directives_managed_by`.

Access: a directive and everything in it is for the people who direct its managing unit
(``directives.manage``); an assignment is also for the staff of the unit it was given to
(``directives.act_for_unit``), once the directive is carried out — a unit never sees a
draft, nor another unit's assignment. The ``*_or_404`` functions answer the same 404 for
what does not exist and what the person may not see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.db.models import Case, Count, F, Q, QuerySet, When
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.core.access import get_object_for_user_or_404
from danvan.deadlines.config import deadline_config
from danvan.deadlines.engine import DayInfo
from danvan.directives.models import Directive, Document, Task, TaskAssignment
from danvan.directives.rules import DIRECTING_KINDS, MANAGER_ROLES, manager_remits
from danvan.directives.services.tasks_parsing import (
    GROUP_COMMUNE_COMMITTEES,
    GROUP_COMMUNE_FRONTS,
    GROUP_COMMUNE_PARTY,
    GROUP_DEPARTMENTS,
    GROUP_MASS_ORGANISATIONS,
    CatalogueEntry,
    UnitCatalogue,
)
from danvan.units.folding import fold_for_search
from danvan.units.models import PATH_SEPARATOR, RoleAssignment, Unit
from danvan.units.predicates import held_roles

Role = RoleAssignment.Role
MANAGE = "directives.manage"
ACT_FOR_UNIT = "directives.act_for_unit"
# The roles that act for a unit (rules.is_unit_staff): they receive its tasks' notices.
UNIT_STAFF_ROLES = frozenset(
    {Role.HEAD, Role.HANDLER, Role.COMMISSION_STAFF, Role.RECEPTION_OFFICER}
)
RESPONSIBLE_FIRST = Case(When(role=TaskAssignment.Role.RESPONSIBLE, then=0), default=1)
VISIBLE_TO_UNITS = (Directive.Status.ACTIVE, Directive.Status.CLOSED)
# Names of the mass organisations (member bodies of the Front since Law 97/2025).
MASS_ORGANISATION_PREFIXES = (
    "hoi nong dan",
    "hoi lien hiep phu nu",
    "doan thanh nien",
    "tinh doan",
    "thanh doan",
    "hoi cuu chien binh",
    "lien doan lao dong",
    "cong doan",
)


# --------------------------------------------------------------------------- for other areas


def directives_managed_by(user: Any) -> QuerySet[Directive]:
    """Directives whose managing unit the person directs (``directives.manage``)."""
    remits = manager_remits(user)
    if not remits:
        return Directive.objects.none()
    condition = Q()
    for remit in remits:
        condition |= Q(unit__path=remit) | Q(unit__path__startswith=remit + PATH_SEPARATOR)
    return (
        Directive.objects.filter(condition)
        .select_related("document", "unit")
        .order_by("-created_at", "-pk")
    )


def assignments_for_unit(unit: Unit) -> QuerySet[TaskAssignment]:
    """The unit's own assignments, in directives being carried out or closed (never drafts)."""
    return assignments_for_units([unit.pk])


def assignments_for_units(unit_ids: Iterable[int]) -> QuerySet[TaskAssignment]:
    """:func:`assignments_for_unit` for the several units one person acts for."""
    return (
        TaskAssignment.objects.filter(
            unit_id__in=list(unit_ids), task__directive__status__in=VISIBLE_TO_UNITS
        )
        .select_related("task", "task__directive", "task__directive__document", "unit")
        .order_by(
            F("task__due_on").asc(nulls_last=True), "task__directive_id", "task__position", "pk"
        )
    )


def only_directive_of(assignments: QuerySet[TaskAssignment]) -> Directive | None:
    """The directive of every assignment listed, when they all come from the same one.

    The unit's list then names it once above the table instead of repeating it on every row
    (on a phone the repeated column squeezes the tasks themselves).
    """
    ids = list(assignments.order_by().values_list("task__directive_id", flat=True).distinct()[:2])
    if len(ids) != 1:
        return None
    return Directive.objects.select_related("document").get(pk=ids[0])


def assignments_of_directive(directive: Directive) -> QuerySet[TaskAssignment]:
    """Every assignment of every task of ``directive`` (for its managers only)."""
    return (
        TaskAssignment.objects.filter(task__directive=directive)
        .select_related("task", "unit")
        .order_by("task__position", RESPONSIBLE_FIRST, "unit__name", "pk")
    )


def assignment_is_late(assignment: TaskAssignment, today: dt.date) -> bool:
    """Late: not done and the due date has passed, or done after the due date."""
    due_on = assignment.task.due_on
    if due_on is None:
        return False
    if assignment.status == TaskAssignment.Status.DONE:
        return assignment.done_on is not None and assignment.done_on > due_on
    return due_on < today


# --------------------------------------------------------------------------- access


def may_manage(user: Any, directive: Directive) -> bool:
    return bool(user.has_perm(MANAGE, directive))


def directive_for_manager_or_404(user: Any, pk: object) -> Directive:
    return get_object_for_user_or_404(
        Directive.objects.select_related("document", "unit"),
        allowed=lambda directive: may_manage(user, directive),
        pk=pk,
    )


def task_for_manager_or_404(user: Any, directive_pk: object, task_pk: object) -> Task:
    return get_object_for_user_or_404(
        Task.objects.select_related("directive", "directive__unit", "directive__document"),
        allowed=lambda task: may_manage(user, task.directive),
        pk=task_pk,
        directive_id=directive_pk,
    )


def assignment_for_viewer_or_404(user: Any, pk: object) -> TaskAssignment:
    """An assignment for its own unit's staff (not in a draft) or the directive's managers."""

    def allowed(assignment: TaskAssignment) -> bool:
        directive = assignment.task.directive
        if may_manage(user, directive):
            return True
        return directive.status in VISIBLE_TO_UNITS and bool(
            user.has_perm(ACT_FOR_UNIT, assignment.unit)
        )

    return get_object_for_user_or_404(
        TaskAssignment.objects.select_related(
            "task", "task__directive", "task__directive__unit", "task__directive__document", "unit"
        ),
        allowed=allowed,
        pk=pk,
    )


def units_acted_for(user: Any) -> QuerySet[Unit]:
    """The units the person is staff of (``directives.act_for_unit``), by name."""
    ids = {held.unit_id for held in held_roles(user) if held.role in UNIT_STAFF_ROLES}
    return Unit.objects.filter(pk__in=ids).order_by("name")


def manageable_active_unit(request: Any) -> Unit | None:
    """The unit chosen in the switcher, if the person acts there as a manager of directives.

    The role chosen must itself be a managing role (commission staff, head): a commission
    officer who switched to their handler role in a commune does not follow documents up
    in that commune's name.
    """
    role: RoleAssignment | None = getattr(request, "active_role", None)
    if role is None or role.role not in MANAGER_ROLES:
        return None
    return role.unit if request.user.has_perm(MANAGE, role.unit) else None


def document_for_directive(pk: str) -> Document | None:
    return Document.objects.filter(pk=int(pk)).first() if pk.isdigit() else None


def documents_search(*, query: str, limit: int = 20) -> list[Document]:
    """Registered documents matching ``query`` in symbol, title or text, with or without marks."""
    folded = fold_for_search(query)
    if not folded:
        return []
    key = query.upper().replace("Đ", "D").replace("Ð", "D").replace(" ", "")
    return list(
        Document.objects.filter(
            Q(symbol_key__icontains=key) | Q(search_text__icontains=folded)
        ).order_by("-issued_on", "-pk")[:limit]
    )


# --------------------------------------------------------------------------- the remit


def unit_remit(unit: Unit) -> str:
    """The tree path a managing unit directs (the same rule as ``rules.manager_remits``).

    A Party committee, commission or People's Committee directs every unit of the place it
    serves (a provincial commission: the whole province); any other body its own subtree.
    """
    if unit.kind not in DIRECTING_KINDS:
        return unit.path
    parts = unit.path.split(PATH_SEPARATOR)
    kinds = dict(Unit.objects.filter(code__in=parts).values_list("code", "kind"))
    for depth in range(len(parts) - 1, 0, -1):
        if kinds.get(parts[depth - 1]) in Unit.PLACE_KINDS:
            return PATH_SEPARATOR.join(parts[:depth])
    return unit.path


def _in_remit(remit: str) -> Q:
    return Q(path=remit) | Q(path__startswith=remit + PATH_SEPARATOR)


def assignable_units(directive: Directive) -> QuerySet[Unit]:
    """Bodies (not places) inside the managing unit's remit: who may be given a task."""
    return (
        Unit.objects.filter(_in_remit(unit_remit(directive.unit)), is_active=True)
        .exclude(kind__in=Unit.PLACE_KINDS)
        .order_by("path")
    )


def assignable_units_search(directive: Directive, *, query: str, limit: int = 50) -> list[Unit]:
    folded = fold_for_search(query)
    if not folded:
        return []
    return list(assignable_units(directive).filter(search_name__contains=folded)[:limit])


_COMMUNE_BODY_OF_GROUP = {
    GROUP_COMMUNE_COMMITTEES: Unit.Kind.PEOPLES_COMMITTEE,
    GROUP_COMMUNE_PARTY: Unit.Kind.PARTY_COMMITTEE,
    GROUP_COMMUNE_FRONTS: Unit.Kind.FATHERLAND_FRONT,
}
BULK_GROUPS = (
    GROUP_COMMUNE_COMMITTEES,
    GROUP_COMMUNE_PARTY,
    GROUP_COMMUNE_FRONTS,
    GROUP_DEPARTMENTS,
    GROUP_MASS_ORGANISATIONS,
)


def group_label(key: str) -> str:
    labels = {
        GROUP_COMMUNE_COMMITTEES: _("People's Committees of every commune and ward"),
        GROUP_COMMUNE_PARTY: _("Party committees of every commune and ward"),
        GROUP_COMMUNE_FRONTS: _("Fatherland Front committees of every commune and ward"),
        GROUP_DEPARTMENTS: _("Every department and agency of the province"),
        GROUP_MASS_ORGANISATIONS: _("Socio-political organisations"),
    }
    return labels[key]


def group_unit_ids(directive: Directive, key: str) -> list[int]:
    """The units a collective name stands for, inside the directive's remit (few queries).

    Commune bodies: one query (the body of that kind under each commune-level place, 3,321
    at national scale). Departments and mass organisations: those whose nearest place is
    the remit's own place (the province), not a commune's.
    """
    remit = unit_remit(directive.unit)
    body_kind = _COMMUNE_BODY_OF_GROUP.get(key)
    base = Unit.objects.filter(path__startswith=remit + PATH_SEPARATOR, is_active=True)
    if body_kind is not None:
        return list(
            base.filter(kind=body_kind, parent__kind__in=Unit.COMMUNE_KINDS)
            .order_by("path")
            .values_list("pk", flat=True)
        )
    if key == GROUP_DEPARTMENTS:
        rows = base.filter(kind=Unit.Kind.DEPARTMENT)
    elif key == GROUP_MASS_ORGANISATIONS:
        rows = base.exclude(kind__in=Unit.PLACE_KINDS).filter(
            _startswith_any("search_name", MASS_ORGANISATION_PREFIXES)
        )
    else:
        return []
    candidates = list(rows.order_by("path").values_list("pk", "path"))
    places = _places_under(remit)
    return [pk for pk, path in candidates if _nearest_place(path, places) == remit]


def _startswith_any(field: str, prefixes: Sequence[str]) -> Q:
    condition = Q()
    for prefix in prefixes:
        condition |= Q(**{f"{field}__startswith": prefix})
    return condition


def _places_under(remit: str) -> dict[str, str]:
    """Codes → paths of the place units (not villages) at or under ``remit``."""
    kinds = Unit.PROVINCE_KINDS | Unit.COMMUNE_KINDS | {Unit.Kind.COUNTRY}
    return dict(Unit.objects.filter(_in_remit(remit), kind__in=kinds).values_list("code", "path"))


def _nearest_place(path: str, places: dict[str, str]) -> str | None:
    parts = path.split(PATH_SEPARATOR)
    for code in reversed(parts[:-1]):
        if code in places:
            return places[code]
    return None


def unit_catalogue(directive: Directive) -> UnitCatalogue:
    """The units the task suggestions may propose, with the collective groups resolved."""
    remit = unit_remit(directive.unit)
    place_rows = {
        code: (name, kind, path)
        for code, name, kind, path in Unit.objects.filter(_in_remit(remit))
        .filter(kind__in=Unit.PLACE_KINDS - {Unit.Kind.VILLAGE})
        .values_list("code", "name", "kind", "path")
    }
    entries: list[CatalogueEntry] = []
    for pk, name, kind, path in assignable_units(directive).values_list(
        "pk", "name", "kind", "path"
    ):
        place_name = place_kind = ""
        at_root = False
        for code in reversed(path.split(PATH_SEPARATOR)[:-1]):
            if code in place_rows:
                place_name, place_kind, place_path = place_rows[code]
                at_root = place_path == remit
                break
        entries.append(CatalogueEntry(pk, name, kind, place_name, place_kind, at_root))
    groups = {key: tuple(group_unit_ids(directive, key)) for key in BULK_GROUPS}
    return UnitCatalogue(entries, groups=groups)


# --------------------------------------------------------------------------- deadlines


def warning_working_days() -> int:
    return int(settings.DANVAN.get("DEADLINE_WARNING_WORKING_DAYS", 2))


def working_days_count(*, start: dt.date, count: int) -> dt.date:
    """The last of ``count`` working days after ``start`` (the start day is not counted)."""
    return deadline_config().calendar.period_end(start, count, working_days=True)


@dataclass(frozen=True)
class DueDateCount:
    """How a due date was counted: N working days after a date, skipping these days off."""

    counted_from: dt.date
    working_days: int
    due_on: dt.date
    weekend_days: int
    days_off: list[DayInfo]  # weekdays off (holidays, compensatory days) in the period


def due_date_count(task: Task) -> DueDateCount | None:
    if task.working_days is None or task.counted_from is None or task.due_on is None:
        return None
    calendar = deadline_config().calendar
    first = task.counted_from + dt.timedelta(days=1)
    days_off = [
        info
        for info in calendar.special_days(
            first, task.due_on, language=translation.get_language() or "vi"
        )
        if not info.is_working and info.date.weekday() < 5
    ]
    total = (task.due_on - task.counted_from).days
    weekend = total - task.working_days - len(days_off)
    return DueDateCount(
        counted_from=task.counted_from,
        working_days=task.working_days,
        due_on=task.due_on,
        weekend_days=max(weekend, 0),
        days_off=days_off,
    )


@dataclass(frozen=True)
class DeadlineState:
    """Where an assignment stands against its due date, said the way offices say it."""

    kind: str  # none | ok | soon | today | overdue | done | done_late
    label: str

    @property
    def is_late(self) -> bool:
        return self.kind in {"overdue", "done_late"}


def deadline_state(
    *,
    due_on: dt.date | None,
    today: dt.date,
    status: str = TaskAssignment.Status.ASSIGNED,
    done_on: dt.date | None = None,
) -> DeadlineState:
    """ "còn 5 ngày (4 ngày làm việc)", "hết hạn hôm nay", "quá hạn 3 ngày"…"""
    if status == TaskAssignment.Status.DONE:
        if due_on is not None and done_on is not None and done_on > due_on:
            days = (done_on - due_on).days
            label = ngettext("done %(days)d day late", "done %(days)d days late", days) % {
                "days": days
            }
            return DeadlineState("done_late", label)
        return DeadlineState("done", _("done on time") if due_on else _("done"))
    if due_on is None:
        return DeadlineState("none", _("no fixed due date"))
    if due_on < today:
        days = (today - due_on).days
        label = ngettext("%(days)d day overdue", "%(days)d days overdue", days) % {"days": days}
        return DeadlineState("overdue", label)
    if due_on == today:
        return DeadlineState("soon", _("due today"))
    days = (due_on - today).days
    working = deadline_config().calendar.working_days_between(today, due_on)
    label = ngettext(
        "%(days)d day left (%(working)d working days)",
        "%(days)d days left (%(working)d working days)",
        days,
    ) % {"days": days, "working": working}
    return DeadlineState("soon" if working <= warning_working_days() else "ok", label)


def assignment_deadline_state(assignment: TaskAssignment, today: dt.date) -> DeadlineState:
    """:func:`deadline_state` of an assignment; a periodic or standing task says so."""
    task = assignment.task
    if task.due_on is None and assignment.status != TaskAssignment.Status.DONE:
        if task.cycle:
            return DeadlineState("none", str(task.get_cycle_display()))
        return DeadlineState("none", _("ongoing"))
    return deadline_state(
        due_on=assignment.task.due_on,
        today=today,
        status=assignment.status,
        done_on=assignment.done_on,
    )


# --------------------------------------------------------------------------- progress


@dataclass(frozen=True)
class Progress:
    """Counts of a task's (or a unit's) assignments by where they stand."""

    total: int = 0
    responsible: int = 0
    assigned: int = 0
    in_progress: int = 0
    done: int = 0
    overdue: int = 0  # not done, due date passed
    done_late: int = 0

    @property
    def late(self) -> int:
        return self.overdue + self.done_late

    @property
    def percent_done(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _progress_aggregates(today: dt.date) -> dict[str, Any]:
    status = TaskAssignment.Status
    return {
        "total": Count("pk"),
        "responsible": Count("pk", filter=Q(role=TaskAssignment.Role.RESPONSIBLE)),
        "assigned": Count("pk", filter=Q(status=status.ASSIGNED)),
        "in_progress": Count("pk", filter=Q(status=status.IN_PROGRESS)),
        "done": Count("pk", filter=Q(status=status.DONE)),
        "overdue": Count("pk", filter=~Q(status=status.DONE) & Q(task__due_on__lt=today)),
        "done_late": Count("pk", filter=Q(status=status.DONE, done_on__gt=F("task__due_on"))),
    }


_PROGRESS_FIELDS = (
    "total",
    "responsible",
    "assigned",
    "in_progress",
    "done",
    "overdue",
    "done_late",
)


def progress_by_task(directive: Directive, *, today: dt.date) -> dict[int, Progress]:
    """Per task of ``directive``: its assignments counted by status (one query)."""
    rows = (
        TaskAssignment.objects.filter(task__directive=directive)
        .values("task_id")
        .annotate(**_progress_aggregates(today))
        .order_by()
    )
    return {
        row["task_id"]: Progress(**{f: row[f] for f in _PROGRESS_FIELDS})
        for row in cast(Iterable[dict[str, Any]], rows)
    }


def progress_of_directive(directive: Directive, *, today: dt.date) -> Progress:
    row = TaskAssignment.objects.filter(task__directive=directive).aggregate(
        **_progress_aggregates(today)
    )
    return Progress(**{f: row[f] or 0 for f in _PROGRESS_FIELDS})


@dataclass(frozen=True)
class UnitProgress:
    unit_id: int
    unit_name: str
    progress: Progress


def progress_by_unit(directive: Directive, *, today: dt.date) -> list[UnitProgress]:
    """Per unit given tasks of ``directive``: counts, the units with late tasks first."""
    rows = (
        TaskAssignment.objects.filter(task__directive=directive)
        .values("unit_id", "unit__name")
        .annotate(**_progress_aggregates(today))
        .order_by()
    )
    result = [
        UnitProgress(
            row["unit_id"], row["unit__name"], Progress(**{f: row[f] for f in _PROGRESS_FIELDS})
        )
        for row in cast(Iterable[dict[str, Any]], rows)
    ]
    result.sort(key=lambda item: (-item.progress.late, -item.progress.total, item.unit_name))
    return result


STATES = ("open", "soon", "overdue", "late", "done")


def assignment_filter(
    queryset: QuerySet[TaskAssignment], *, state: str, today: dt.date
) -> QuerySet[TaskAssignment]:
    """Narrow a list of assignments to one state (the filters of the list pages).

    ``soon``: not done, due within the warning period (DEADLINE_WARNING_WORKING_DAYS
    working days, today included) — the tasks the reminders speak of.
    """
    status = TaskAssignment.Status
    if state == "open":
        return queryset.exclude(status=status.DONE)
    if state == "soon":
        horizon = deadline_config().calendar.add_working_days(today, warning_working_days())
        return queryset.exclude(status=status.DONE).filter(
            task__due_on__gte=today, task__due_on__lte=horizon
        )
    if state == "done":
        return queryset.filter(status=status.DONE)
    if state == "overdue":
        return queryset.exclude(status=status.DONE).filter(task__due_on__lt=today)
    if state == "late":
        return queryset.filter(
            (~Q(status=status.DONE) & Q(task__due_on__lt=today))
            | Q(status=status.DONE, done_on__gt=F("task__due_on"))
        )
    return queryset


def tasks_without_responsible(directive: Directive) -> list[Task]:
    return list(
        directive.tasks.annotate(
            leads=Count("assignments", filter=Q(assignments__role=TaskAssignment.Role.RESPONSIBLE))
        )
        .filter(leads=0)
        .order_by("position")
    )


def next_position(directive: Directive) -> int:
    last = directive.tasks.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 1


def staff_of_units(unit_ids: Iterable[int]) -> dict[int, list[Any]]:
    """Unit id → the active staff accounts that act for it (one query)."""
    result: dict[int, list[Any]] = {}
    rows = RoleAssignment.objects.filter(
        unit_id__in=list(unit_ids),
        is_active=True,
        role__in=UNIT_STAFF_ROLES,
        user__is_active=True,
    ).select_related("user")
    seen: set[tuple[int, int]] = set()
    for row in rows:
        if (row.unit_id, row.user_id) not in seen:
            seen.add((row.unit_id, row.user_id))
            result.setdefault(row.unit_id, []).append(row.user)
    return result

"""Writes of the tasks area: a directive followed up, split into tasks, given to units.

Life of a directive: *draft* (the managing unit adds tasks — one by one or from the
suggestions read in the document's text — and assigns them) → *active* (the units see
their assignments, are notified, and record their progress) → *closed* (read only).

Every function here is keyword-only, runs in its own transaction, validates with
``full_clean`` and writes one audit entry. Forms that create something carry a one-time
token (:class:`TaskFormSubmission`): the token is stored in the same transaction as the
change, so a form sent twice (a double click, a retry after a time-out) changes nothing
the second time and the view says so (:class:`AlreadySubmittedError`). Task positions are
unique per directive, which stops duplicates even without a token.

Notifications (in the app, and e-mailed after commit by the notifications app) tell each
unit only about its own assignments: the body lists that unit's tasks, never another
unit's, and the link leads to the unit's own task list.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import (
    Directive,
    Document,
    Task,
    TaskAssignment,
    TaskFormSubmission,
    TaskUpdate,
)
from danvan.directives.selectors.tasks import (
    BULK_GROUPS,
    assignable_units,
    group_unit_ids,
    staff_of_units,
    tasks_without_responsible,
    working_days_count,
)
from danvan.directives.services.tasks_parsing import (
    MODE_CYCLE,
    MODE_DATE,
    MODE_ONGOING,
    MODE_WORKING_DAYS,
)
from danvan.notifications.services import notify
from danvan.units.models import Unit, User

Status = Directive.Status
Role = TaskAssignment.Role
AssignmentStatus = TaskAssignment.Status
NOTIFY_TASK_LINES = 20
WORKING_DAYS_MAX = 365


class AlreadySubmittedError(ApplicationError):
    """This form was sent before and did its work then; nothing was done this time."""

    def __init__(self) -> None:
        super().__init__(_("This form was already sent; nothing was done a second time."))


def _claim(token: str, directive: Directive | None) -> None:
    """Record the form's one-time token, or raise :class:`AlreadySubmittedError` if it was used.

    Inside the caller's transaction, in a savepoint: on PostgreSQL a concurrent second
    submission waits on the unique index until the first commits, then fails here.
    """
    if not token:
        return
    try:
        with transaction.atomic():
            TaskFormSubmission.objects.create(token=token[:64], directive=directive)
    except IntegrityError:
        raise AlreadySubmittedError from None


def _today() -> dt.date:
    return timezone.localdate()


# --------------------------------------------------------------------------- directives


@transaction.atomic
def directive_create(
    *, document: Document, unit: Unit, actor: User, title: str = ""
) -> tuple[Directive, bool]:
    """Follow ``document`` up as ``unit``; return (directive, created).

    One directive per (document, managing unit): asking again returns the existing one,
    so "follow up this document" is safe to press twice.
    """
    existing = Directive.objects.filter(document=document, unit=unit).first()
    if existing is not None:
        return existing, False
    directive = Directive(
        document=document,
        unit=unit,
        title=(title.strip() or document.title or document.symbol)[:500],
        created_by=actor,
    )
    directive.full_clean()
    try:
        with transaction.atomic():
            directive.save()
    except IntegrityError:  # pragma: no cover - a concurrent request created it meanwhile
        return Directive.objects.get(document=document, unit=unit), False
    audit_record(
        actor=actor,
        verb="directives_directive.create",
        target=directive,
        data={"document_id": document.pk, "unit": unit.code},
    )
    return directive, True


def _require_open(directive: Directive) -> None:
    if directive.status == Status.CLOSED:
        raise ApplicationError(_("This directive is closed; its tasks can no longer change."))


@transaction.atomic
def directive_activate(*, directive: Directive, actor: User) -> Directive:
    """Start carrying the directive out: the units see their tasks and are notified.

    Needs at least one task, and a responsible unit for every task.
    """
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status != Status.DRAFT:
        raise ApplicationError(_("Only a directive being prepared can be started."))
    if not directive.tasks.exists():
        raise ApplicationError(_("Add at least one task before starting the directive."))
    missing = tasks_without_responsible(directive)
    if missing:
        raise ApplicationError(
            _("Each task needs a responsible unit. Missing for item(s): %(items)s.")
            % {"items": ", ".join(str(task.position) for task in missing)}
        )
    directive.status = Status.ACTIVE
    directive.full_clean()
    directive.save(update_fields=["status", "updated_at"])
    assignments = list(
        TaskAssignment.objects.filter(task__directive=directive).select_related("task")
    )
    audit_record(
        actor=actor,
        verb="directives_directive.activate",
        target=directive,
        data={"tasks": directive.tasks.count(), "assignments": len(assignments)},
    )
    _notify_assigned(directive=directive, assignments=assignments)
    return directive


@transaction.atomic
def directive_close(*, directive: Directive, actor: User) -> Directive:
    """Close a directive being carried out: nothing changes in it any more."""
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    if directive.status != Status.ACTIVE:
        raise ApplicationError(_("Only a directive being carried out can be closed."))
    open_count = (
        TaskAssignment.objects.filter(task__directive=directive)
        .exclude(status=AssignmentStatus.DONE)
        .count()
    )
    directive.status = Status.CLOSED
    directive.full_clean()
    directive.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=actor,
        verb="directives_directive.close",
        target=directive,
        data={"open_assignments": open_count},
    )
    return directive


# --------------------------------------------------------------------------- tasks


@dataclass(frozen=True)
class DeadlineInput:
    """A task's deadline as the officer chose it (see :data:`MODES`)."""

    mode: str
    due_on: dt.date | None = None
    working_days: int | None = None
    counted_from: dt.date | None = None
    cycle: str = ""

    def resolve(self) -> dict[str, object]:
        """The task's fields: a working-day count is turned into its due date here."""
        empty: dict[str, object] = {
            "due_on": None,
            "working_days": None,
            "counted_from": None,
            "cycle": Task.Cycle.NONE,
        }
        if self.mode == MODE_DATE:
            if self.due_on is None:
                raise ApplicationError(_("Enter the due date."))
            return {**empty, "due_on": self.due_on}
        if self.mode == MODE_WORKING_DAYS:
            if not self.working_days or self.counted_from is None:
                raise ApplicationError(
                    _("Enter the number of working days and the day they are counted from.")
                )
            if not 0 < self.working_days <= WORKING_DAYS_MAX:
                raise ApplicationError(
                    _("The number of working days must be between 1 and %(max)d.")
                    % {"max": WORKING_DAYS_MAX}
                )
            return {
                **empty,
                "working_days": self.working_days,
                "counted_from": self.counted_from,
                "due_on": working_days_count(start=self.counted_from, count=self.working_days),
            }
        if self.mode == MODE_CYCLE:
            if self.cycle not in {c for c in Task.Cycle.values if c}:
                raise ApplicationError(_("Choose the reporting cycle."))
            return {**empty, "cycle": self.cycle, "due_on": self.due_on}
        if self.mode == MODE_ONGOING:
            return empty
        raise ApplicationError(_("Choose how the deadline is set."))


@dataclass(frozen=True)
class TaskInput:
    position: int
    title: str
    description: str
    deadline: DeadlineInput


def _fill_task(task: Task, data: TaskInput) -> None:
    task.position = data.position
    task.title = data.title.strip()
    task.description = data.description.strip()
    for name, value in data.deadline.resolve().items():
        setattr(task, name, value)


def _position_taken(directive: Directive, position: int, *, exclude: int | None = None) -> bool:
    others = directive.tasks.filter(position=position)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    return others.exists()


def _position_error(position: int) -> ApplicationError:
    return ApplicationError(
        _("Item %(position)d already exists in this directive; choose another number.")
        % {"position": position}
    )


@transaction.atomic
def task_create(*, directive: Directive, actor: User, data: TaskInput, token: str = "") -> Task:
    """Add one task to ``directive`` (while it is prepared or carried out)."""
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    _require_open(directive)
    _claim(token, directive)
    if _position_taken(directive, data.position):
        raise _position_error(data.position)
    task = Task(directive=directive)
    _fill_task(task, data)
    task.full_clean()
    task.save()
    audit_record(
        actor=actor,
        verb="directives_task.create",
        target=task,
        data={"directive_id": directive.pk, "position": task.position, "due_on": task.due_on},
    )
    return task


@transaction.atomic
def task_update(*, task: Task, actor: User, data: TaskInput) -> Task:
    """Change a task's number, wording or deadline."""
    task = Task.objects.select_for_update().select_related("directive").get(pk=task.pk)
    _require_open(task.directive)
    if _position_taken(task.directive, data.position, exclude=task.pk):
        raise _position_error(data.position)
    before = {"position": task.position, "due_on": task.due_on, "cycle": task.cycle}
    _fill_task(task, data)
    task.full_clean()
    task.save(
        update_fields=[
            "position",
            "title",
            "description",
            "due_on",
            "working_days",
            "counted_from",
            "cycle",
            "updated_at",
        ]
    )
    audit_record(
        actor=actor,
        verb="directives_task.update",
        target=task,
        data={
            "before": before,
            "after": {"position": task.position, "due_on": task.due_on, "cycle": task.cycle},
        },
    )
    return task


@transaction.atomic
def task_delete(*, task: Task, actor: User) -> None:
    """Remove a task and its assignments; only while the directive is being prepared."""
    task = Task.objects.select_for_update().select_related("directive").get(pk=task.pk)
    if task.directive.status != Status.DRAFT:
        raise ApplicationError(
            _("Tasks can only be removed while the directive is being prepared.")
        )
    audit_record(
        actor=actor,
        verb="directives_task.delete",
        target=task.directive,
        data={"task_id": task.pk, "position": task.position},
    )
    task.delete()


# --------------------------------------------------------------------------- assignments


@dataclass(frozen=True)
class AssignResult:
    created: int
    already: int


def _check_units(directive: Directive, unit_ids: Iterable[int]) -> list[int]:
    wanted = sorted(set(unit_ids))
    if not wanted:
        return []
    allowed = set(assignable_units(directive).filter(pk__in=wanted).values_list("pk", flat=True))
    if len(allowed) != len(wanted):
        raise ApplicationError(
            _("Some of the chosen units are outside the remit of %(unit)s.")
            % {"unit": directive.unit.name}
        )
    return wanted


def _assign(*, task: Task, unit_ids: Sequence[int], role: str) -> tuple[list[TaskAssignment], int]:
    """Create the missing assignments in one INSERT; return (created, already there)."""
    existing = set(
        TaskAssignment.objects.filter(task=task, unit_id__in=unit_ids).values_list(
            "unit_id", flat=True
        )
    )
    new = [
        TaskAssignment(task=task, unit_id=unit_id, role=role)
        for unit_id in unit_ids
        if unit_id not in existing
    ]
    if new:
        new[0].full_clean(exclude=["task", "unit"])  # all rows share role and status
        TaskAssignment.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return new, len(existing)


@transaction.atomic
def task_assign(
    *,
    task: Task,
    actor: User,
    unit_ids: Iterable[int] = (),
    group: str = "",
    role: str,
    token: str = "",
) -> AssignResult:
    """Give ``task`` to the units (responsible or coordinating); units already on it stay.

    ``group`` adds a whole group at once (``BULK_GROUPS``: every commune's People's
    Committee…), read inside the remit; thousands of units (every commune of the country)
    take a few batched INSERTs and no query per unit. In a directive being carried out,
    the newly assigned units are notified at once.
    """
    task = Task.objects.select_for_update().select_related("directive").get(pk=task.pk)
    directive = task.directive
    _require_open(directive)
    if role not in Role.values:
        raise ApplicationError(_("Choose whether the units are responsible or coordinating."))
    wanted = _check_units(directive, unit_ids)
    if group:
        if group not in BULK_GROUPS:
            raise ApplicationError(_("Unknown group of units."))
        members = group_unit_ids(directive, group)
        if not members:
            raise ApplicationError(
                _("No unit of this group was found in the remit of %(unit)s.")
                % {"unit": directive.unit.name}
            )
        wanted = sorted({*wanted, *members})
    if not wanted:
        raise ApplicationError(_("Choose at least one unit."))
    _claim(token, directive)
    new, already = _assign(task=task, unit_ids=wanted, role=role)
    audit_record(
        actor=actor,
        verb="directives_task.assign",
        target=task,
        data={"role": role, "group": group, "created": len(new), "already": already},
    )
    if directive.status == Status.ACTIVE and new:
        for assignment in new:
            assignment.task = task
        _notify_assigned(directive=directive, assignments=new)
    return AssignResult(created=len(new), already=already)


def _last_responsible(assignment: TaskAssignment) -> bool:
    return (
        assignment.role == Role.RESPONSIBLE
        and not TaskAssignment.objects.filter(task_id=assignment.task_id, role=Role.RESPONSIBLE)
        .exclude(pk=assignment.pk)
        .exists()
    )


@transaction.atomic
def assignment_set_role(*, assignment: TaskAssignment, actor: User, role: str) -> TaskAssignment:
    """Make a unit responsible for, or coordinating on, a task."""
    assignment = (
        TaskAssignment.objects.select_for_update()
        .select_related("task__directive")
        .get(pk=assignment.pk)
    )
    directive = assignment.task.directive
    _require_open(directive)
    if role not in Role.values:
        raise ApplicationError(_("Choose whether the units are responsible or coordinating."))
    if role == assignment.role:
        return assignment
    if directive.status == Status.ACTIVE and _last_responsible(assignment):
        raise ApplicationError(_("A task being carried out keeps at least one responsible unit."))
    before = assignment.role
    assignment.role = role
    assignment.full_clean()
    assignment.save(update_fields=["role", "updated_at"])
    audit_record(
        actor=actor,
        verb="directives_assignment.role",
        target=assignment,
        data={"before": before, "after": role, "unit_id": assignment.unit_id},
    )
    return assignment


@transaction.atomic
def assignment_remove(*, assignment: TaskAssignment, actor: User) -> None:
    """Take a task back from a unit.

    While the directive is carried out, only an assignment the unit has not reported on
    yet, and never the task's last responsible unit.
    """
    assignment = (
        TaskAssignment.objects.select_for_update()
        .select_related("task__directive")
        .get(pk=assignment.pk)
    )
    directive = assignment.task.directive
    _require_open(directive)
    if directive.status == Status.ACTIVE:
        if assignment.updates.exists():
            raise ApplicationError(
                _("The unit has already reported on this task; it can no longer be taken back.")
            )
        if _last_responsible(assignment):
            raise ApplicationError(
                _("A task being carried out keeps at least one responsible unit.")
            )
    audit_record(
        actor=actor,
        verb="directives_assignment.remove",
        target=assignment.task,
        data={"unit_id": assignment.unit_id, "role": assignment.role},
    )
    assignment.delete()


# --------------------------------------------------------------------------- suggestions


@dataclass(frozen=True)
class TaskDraft:
    """One suggested task as the officer confirmed it."""

    task: TaskInput
    assignments: tuple[tuple[int, str], ...] = field(default_factory=tuple)  # (unit id, role)


@transaction.atomic
def tasks_import(
    *, directive: Directive, actor: User, drafts: Sequence[TaskDraft], token: str
) -> list[Task]:
    """Create the tasks the officer kept from the suggestions, with their assignments.

    All or nothing. Idempotent: the form's token makes a second submission do nothing,
    and item numbers are unique per directive, so even without the token no task is
    created twice — a number already used refuses the whole import.
    """
    directive = Directive.objects.select_for_update().get(pk=directive.pk)
    _require_open(directive)
    if not drafts:
        raise ApplicationError(_("Tick at least one task to create."))
    _claim(token, directive)
    positions = [draft.task.position for draft in drafts]
    repeated = sorted({p for p in positions if positions.count(p) > 1})
    taken = sorted(
        directive.tasks.filter(position__in=positions).values_list("position", flat=True)
    )
    if repeated or taken:
        raise ApplicationError(
            _("Item numbers must be new and different: %(items)s.")
            % {"items": ", ".join(str(p) for p in sorted({*repeated, *taken}))}
        )
    all_units = [unit_id for draft in drafts for unit_id, _role in draft.assignments]
    _check_units(directive, all_units)
    tasks: list[Task] = []
    created_assignments: list[TaskAssignment] = []
    for draft in drafts:
        task = Task(directive=directive)
        _fill_task(task, draft.task)
        task.full_clean()
        task.save()
        tasks.append(task)
        by_role: dict[str, list[int]] = defaultdict(list)
        seen: dict[int, str] = {}
        for unit_id, role in draft.assignments:
            if role not in Role.values:
                raise ApplicationError(
                    _("Choose whether the units are responsible or coordinating.")
                )
            if seen.get(unit_id) != Role.RESPONSIBLE:
                seen[unit_id] = role  # responsible wins when a unit is ticked twice
        for unit_id, role in seen.items():
            by_role[role].append(unit_id)
        for role, unit_ids in by_role.items():
            new, _already = _assign(task=task, unit_ids=unit_ids, role=role)
            for assignment in new:
                assignment.task = task
            created_assignments.extend(new)
    audit_record(
        actor=actor,
        verb="directives_tasks.import",
        target=directive,
        data={"tasks": len(tasks), "assignments": len(created_assignments)},
    )
    if directive.status == Status.ACTIVE and created_assignments:
        _notify_assigned(directive=directive, assignments=created_assignments)
    return tasks


# --------------------------------------------------------------------------- progress


@transaction.atomic
def assignment_progress_record(
    *,
    assignment: TaskAssignment,
    actor: User,
    status: str,
    note: str = "",
    result: str = "",
    done_on: dt.date | None = None,
    token: str = "",
) -> TaskUpdate:
    """The unit reports where it stands on its task: in progress, or done with the result.

    Done needs the result and the day it was done (not in the future). Reporting
    "in progress" on a task marked done reopens it.
    """
    assignment = (
        TaskAssignment.objects.select_for_update()
        .select_related("task__directive")
        .get(pk=assignment.pk)
    )
    directive = assignment.task.directive
    if directive.status != Status.ACTIVE:
        raise ApplicationError(
            _("Progress can only be recorded while the directive is carried out.")
        )
    if status not in {AssignmentStatus.IN_PROGRESS, AssignmentStatus.DONE}:
        raise ApplicationError(_("Choose whether the task is in progress or done."))
    result = result.strip()
    note = note.strip()
    if status == AssignmentStatus.DONE:
        if not result:
            raise ApplicationError(_("Describe the result before marking the task done."))
        if done_on is None:
            raise ApplicationError(_("Enter the day the task was done."))
        if done_on > _today():
            raise ApplicationError(_("The day the task was done cannot be in the future."))
    _claim(token, directive)
    before = assignment.status
    assignment.status = status
    if status == AssignmentStatus.DONE:
        assignment.result = result
        assignment.done_on = done_on
    else:
        assignment.result = ""
        assignment.done_on = None
    assignment.full_clean()
    assignment.save(update_fields=["status", "result", "done_on", "updated_at"])
    update = TaskUpdate(
        assignment=assignment,
        status=status,
        note=note,
        result=result if status == AssignmentStatus.DONE else "",
        done_on=done_on if status == AssignmentStatus.DONE else None,
        author=actor,
    )
    update.full_clean()
    update.save()
    audit_record(
        actor=actor,
        verb="directives_assignment.progress",
        target=assignment,
        data={"before": before, "after": status, "done_on": assignment.done_on},
    )
    return update


# --------------------------------------------------------------------------- notices


def _task_line(task: Task, role: str) -> str:
    if task.due_on is not None:
        when = _("due %(date)s") % {"date": short_date(task.due_on)}
    elif task.cycle:
        when = str(Task.Cycle(task.cycle).label)
    else:
        when = _("ongoing")
    return _("%(position)d. %(title)s (%(role)s; %(when)s)") % {
        "position": task.position,
        "title": task.title,
        "role": str(Role(role).label).lower(),
        "when": when,
    }


def _notify_assigned(*, directive: Directive, assignments: Sequence[TaskAssignment]) -> int:
    """Tell each unit's staff about the tasks just given to that unit, and only those.

    Units given the same tasks (every commune of a province) share one ``notify`` call;
    the body of each notice lists the recipient unit's own tasks and nothing else.
    """
    per_unit: dict[int, list[TaskAssignment]] = defaultdict(list)
    for assignment in assignments:
        per_unit[assignment.unit_id].append(assignment)
    staff = staff_of_units(per_unit)
    grouped: dict[tuple[tuple[int, str], ...], list[int]] = defaultdict(list)
    for unit_id, items in per_unit.items():
        signature = tuple(sorted((a.task_id, a.role) for a in items))
        grouped[signature].append(unit_id)
    tasks = {a.task_id: a.task for a in assignments}
    url = reverse("directives:tasks_unit_list") + f"?chi-dao={directive.pk}"
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        managing = directive.unit.name
        for signature, unit_ids in grouped.items():
            recipients = [user for unit_id in unit_ids for user in staff.get(unit_id, [])]
            if not recipients:
                continue
            ordered = sorted(signature, key=lambda item: tasks[item[0]].position)
            lines = [_task_line(tasks[task_id], role) for task_id, role in ordered]
            if len(lines) > NOTIFY_TASK_LINES:
                more = len(lines) - NOTIFY_TASK_LINES
                lines = [*lines[:NOTIFY_TASK_LINES], _("and %(more)d more tasks") % {"more": more}]
            title = _("New tasks for your unit: %(directive)s") % {"directive": directive.title}
            body = "\n".join(
                [
                    _("%(unit)s has given your unit these tasks under %(symbol)s:")
                    % {"unit": managing, "symbol": directive.document.symbol},
                    *lines,
                ]
            )
            sent += len(
                notify(
                    recipients=recipients,
                    kind="directives.task_assigned",
                    title=title[:255],
                    body=body,
                    url=url,
                )
            )
    return sent

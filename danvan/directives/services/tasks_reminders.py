"""Daily reminders to the units responsible for tasks: before the due date, and after it.

``task_reminders_send`` (a ``django.tasks`` task) runs once a day — from the systemd timer
that runs ``manage.py tasks_reminders_send`` each morning, or enqueued by any scheduler —
and calls :func:`task_reminders_sweep`:

* **due soon**: an assignment not done whose due date falls within
  ``DANVAN["DEADLINE_WARNING_WORKING_DAYS"]`` working days (today included);
* **overdue**: an assignment not done whose due date has passed (the day after it, or the
  first working day after it).

Only responsible units are reminded (coordinating units follow their lead), only in
directives being carried out. Each reminder is claimed as a :class:`TaskReminder` row,
unique per (assignment, kind, due date), before anybody is notified: a second run on the
same day, or two workers at once, sends nothing twice; a due date moved later allows one
new reminder. On a day off nothing is sent and the next working day's run catches up,
since it selects by date range. Each unit's staff get one digest per kind, listing only
that unit's tasks.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.audit.services import audit_record
from danvan.core.dates import short_date
from danvan.deadlines.config import deadline_config
from danvan.directives.models import Directive, TaskAssignment, TaskReminder
from danvan.directives.selectors.tasks import staff_of_units, warning_working_days
from danvan.notifications.services import notify

logger = logging.getLogger(__name__)
Kind = TaskReminder.Kind
DIGEST_LINES = 20
BATCH_SIZE = 2000
Line = tuple[str, int, str, dt.date]  # directive title, item number, task title, due date


@dataclass(frozen=True)
class ReminderResult:
    on: dt.date
    working_day: bool
    due_soon: int = 0
    overdue: int = 0
    notifications: int = 0


def _open_responsible() -> QuerySet[TaskAssignment]:
    return TaskAssignment.objects.filter(
        role=TaskAssignment.Role.RESPONSIBLE,
        task__directive__status=Directive.Status.ACTIVE,
        task__due_on__isnull=False,
    ).exclude(status=TaskAssignment.Status.DONE)


def _claim(assignments: QuerySet[TaskAssignment], *, kind: str, today: dt.date, run: str) -> int:
    """Insert the reminder rows not sent yet (one INSERT per batch); return how many."""
    rows = assignments.values_list("pk", "task__due_on")
    batch: list[TaskReminder] = []
    for pk, due_on in rows.iterator(chunk_size=BATCH_SIZE):
        if due_on is None:  # pragma: no cover - the callers select tasks with a due date
            continue
        batch.append(
            TaskReminder(assignment_id=pk, kind=kind, due_on=due_on, sent_on=today, run=run)
        )
        if len(batch) >= BATCH_SIZE:
            TaskReminder.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        TaskReminder.objects.bulk_create(batch, ignore_conflicts=True)
    return TaskReminder.objects.filter(run=run, kind=kind).count()


def task_reminders_sweep(*, on: dt.date | None = None) -> ReminderResult:
    """Remind the responsible units of their tasks due soon or overdue, each once."""
    today = on or timezone.localdate()
    calendar = deadline_config().calendar
    if not calendar.is_working_day(today):
        return ReminderResult(on=today, working_day=False)
    days = warning_working_days()
    horizon = calendar.add_working_days(today, days)
    run = uuid.uuid4().hex
    with transaction.atomic():
        open_ones = _open_responsible()
        due_soon = _claim(
            open_ones.filter(task__due_on__gte=today, task__due_on__lte=horizon),
            kind=Kind.DUE_SOON,
            today=today,
            run=run,
        )
        overdue = _claim(
            open_ones.filter(task__due_on__lt=today), kind=Kind.OVERDUE, today=today, run=run
        )
        sent = _send(run=run, today=today, days=days)
        result = ReminderResult(
            on=today, working_day=True, due_soon=due_soon, overdue=overdue, notifications=sent
        )
        audit_record(
            actor=None,
            verb="directives_tasks.reminders",
            data={"on": today, "due_soon": due_soon, "overdue": overdue, "notifications": sent},
        )
    return result


def _send(*, run: str, today: dt.date, days: int) -> int:
    """One digest per unit and kind; units with the same list share one ``notify`` call."""
    won = TaskReminder.objects.filter(run=run).values_list(
        "kind",
        "assignment__unit_id",
        "assignment__task__position",
        "assignment__task__title",
        "assignment__task__due_on",
        "assignment__task__directive__title",
    )
    per_unit: dict[tuple[str, int], list[Line]] = defaultdict(list)
    for kind, unit_id, position, title, due_on, directive_title in won.iterator(
        chunk_size=BATCH_SIZE
    ):
        if due_on is not None:
            per_unit[(kind, unit_id)].append((directive_title, position, title, due_on))
    staff = staff_of_units({unit_id for _kind, unit_id in per_unit})
    grouped: dict[tuple[str, tuple[Line, ...]], list[int]] = defaultdict(list)
    for (kind, unit_id), lines in per_unit.items():
        grouped[(kind, tuple(sorted(lines)))].append(unit_id)
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for (kind, items), unit_ids in grouped.items():
            recipients = [user for unit_id in unit_ids for user in staff.get(unit_id, [])]
            if not recipients:
                continue
            title, body, url = _digest(kind=kind, items=items, days=days)
            sent += len(
                notify(
                    recipients=recipients,
                    kind=f"directives.task_{kind}",
                    title=title,
                    body=body,
                    url=url,
                )
            )
    return sent


def _digest(*, kind: str, items: tuple[Line, ...], days: int) -> tuple[str, str, str]:
    count = len(items)
    if kind == Kind.DUE_SOON:
        title = ngettext(
            "%(count)d task of your unit is due within %(days)d working days",
            "%(count)d tasks of your unit are due within %(days)d working days",
            count,
        ) % {"count": count, "days": days}
        state = "sap-den-han"
    else:
        title = ngettext(
            "%(count)d task of your unit is overdue",
            "%(count)d tasks of your unit are overdue",
            count,
        ) % {"count": count}
        state = "qua-han"
    lines = [
        _("%(position)d. %(title)s (%(directive)s), due %(date)s")
        % {
            "position": position,
            "title": task_title,
            "directive": directive,
            "date": short_date(due),
        }
        for directive, position, task_title, due in items[:DIGEST_LINES]
    ]
    if count > DIGEST_LINES:
        lines.append(_("and %(more)d more tasks") % {"more": count - DIGEST_LINES})
    url = reverse("directives:tasks_unit_list") + f"?trang-thai={state}"
    return title, "\n".join(lines), url


@task()
def task_reminders_send(*, on: str | None = None) -> dict[str, object]:
    """The daily reminders (see :func:`task_reminders_sweep`); ``on`` is an ISO date."""
    result = task_reminders_sweep(on=dt.date.fromisoformat(on) if on else None)
    logger.info(
        "task reminders %s: working_day=%s due_soon=%s overdue=%s notifications=%s",
        result.on.isoformat(),
        result.working_day,
        result.due_soon,
        result.overdue,
        result.notifications,
    )
    return {
        "on": result.on.isoformat(),
        "working_day": result.working_day,
        "due_soon": result.due_soon,
        "overdue": result.overdue,
        "notifications": result.notifications,
    }

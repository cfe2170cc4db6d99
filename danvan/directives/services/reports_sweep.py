"""The daily sweep of periodic reports: open the next round of periodic tasks, remind units.

Run once a day (``manage.py reports_sweep`` from cron, or the ``reports_sweep_run`` task).

1. **Next rounds.** A directive's task with a cycle (quarterly, six-monthly, annual) that
   has had a round gets the round of the period containing today, when it does not have it
   yet: same template, requesting unit and units as its latest round, and the same delay
   between the end of the period and the due date. The unique (task, period) constraint
   makes a second run, or two workers at once, open nothing twice.
2. **Reminders**, on working days only (a day off's reminders go out on the next working
   day, as the selection is by date range):
   * before the due date: to units that have not submitted when the due date is within
     ``DANVAN["DEADLINE_WARNING_WORKING_DAYS"]`` working days;
   * after it: to units that still have not submitted, from the day after the due date.
   Each goes once per report and kind. A ``ReportReminder`` row per (report, kind, day)
   is claimed before anybody is notified; rows another run already holds are skipped by
   the unique constraint, so a re-run on the same day notifies nobody again. The staff of
   a round's late units share one notification call per round and kind.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, Max, OuterRef
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.audit.services import audit_record
from danvan.core.exceptions import ApplicationError
from danvan.deadlines.config import deadline_config
from danvan.directives.models import (
    Directive,
    ReportingRound,
    ReportReminder,
    Task,
    UnitReport,
)
from danvan.directives.services.reports import period_containing, round_create, unit_staff
from danvan.directives.services.reports_filing import EDITABLE
from danvan.notifications.services import notify
from danvan.units.models import Unit

__all__ = ["SweepResult", "reports_sweep", "reports_sweep_run"]

logger = logging.getLogger(__name__)
Kind = ReportReminder.Kind


@dataclass(frozen=True)
class SweepResult:
    on: dt.date
    working_day: bool
    rounds_opened: int = 0
    before_due: int = 0
    overdue: int = 0
    notifications: int = 0


# --------------------------------------------------------------------------- next rounds


def _open_next_rounds(today: dt.date) -> int:
    """Open the round of the current period for every periodic task that lacks it."""
    tasks = (
        Task.objects.exclude(cycle=Task.Cycle.NONE)
        .filter(directive__status=Directive.Status.ACTIVE)
        .annotate(last_start=Max("rounds__period_start"))
        .filter(last_start__isnull=False)
        .select_related("directive")
    )
    opened = 0
    for periodic in tasks:
        period = period_containing(periodic.cycle, today)
        if period is None or periodic.last_start is None or period.start <= periodic.last_start:
            continue
        latest = (
            ReportingRound.objects.filter(task=periodic)
            .select_related("template", "unit")
            .order_by("-period_start", "-pk")
            .first()
        )
        if latest is None:  # pragma: no cover - the annotation says there is one
            continue
        unit_ids = list(latest.reports.values_list("unit_id", flat=True))
        delay = latest.due_on - latest.period_end
        try:
            round_create(
                unit=latest.unit,
                template=latest.template,
                title=f"{latest.template.title} {period.label}",
                period_start=period.start,
                period_end=period.end,
                due_on=period.end + delay,
                units=list(Unit.objects.filter(pk__in=unit_ids)),
                actor=None,
                task=periodic,
            )
        except ApplicationError as refused:
            logger.info("reports sweep: task %s not opened: %s", periodic.pk, refused.message)
            continue
        opened += 1
    return opened


# --------------------------------------------------------------------------- reminders


def _claim(reports: list[int], kind: str, today: dt.date, run: str) -> None:
    ReportReminder.objects.bulk_create(
        [ReportReminder(report_id=pk, kind=kind, sent_on=today, run=run) for pk in reports],
        ignore_conflicts=True,
        batch_size=1000,
    )


def _candidates(kind: str, due_from: dt.date | None, due_to: dt.date) -> list[int]:
    reports = UnitReport.objects.filter(
        status__in=EDITABLE,
        round__status=ReportingRound.Status.OPEN,
        round__due_on__lte=due_to,
    ).exclude(Exists(ReportReminder.objects.filter(report_id=OuterRef("pk"), kind=kind)))
    if due_from is not None:
        reports = reports.filter(round__due_on__gte=due_from)
    return list(reports.values_list("pk", flat=True))


def _message(kind: str, reporting_round: ReportingRound) -> tuple[str, str]:
    values = {
        "title": reporting_round.title,
        "unit": reporting_round.unit.name,
        "due": f"{reporting_round.due_on:%d/%m/%Y}",
    }
    if kind == Kind.BEFORE_DUE:
        return (
            _("Report due soon: %(title)s") % values,
            _(
                "Your unit has not yet submitted the report “%(title)s” asked by %(unit)s. "
                "It is due on %(due)s."
            )
            % values,
        )
    return (
        _("Report overdue: %(title)s") % values,
        _(
            "The report “%(title)s” was due on %(due)s and %(unit)s has not received your "
            "unit's report yet. Please submit it as soon as possible."
        )
        % values,
    )


def _send(run: str) -> int:
    """One notification call per (round, kind) for the reminders this run claimed."""
    groups: dict[tuple[int, str], list[int]] = defaultdict(list)
    claimed = ReportReminder.objects.filter(run=run).values_list(
        "report__round_id", "kind", "report__unit_id"
    )
    for round_id, kind, unit_id in claimed.iterator(chunk_size=2000):
        groups[(round_id, kind)].append(unit_id)
    rounds = ReportingRound.objects.select_related("unit").in_bulk({key[0] for key in groups})
    sent = 0
    url = reverse("directives:reports_inbox")
    with translation.override(settings.LANGUAGE_CODE):
        for (round_id, kind), unit_ids in sorted(groups.items()):
            title, body = _message(kind, rounds[round_id])
            sent += len(
                notify(
                    recipients=unit_staff(unit_ids),
                    kind=f"directives.report_{kind}",
                    title=title,
                    body=body,
                    url=url,
                )
            )
    return sent


def reports_sweep(*, on: dt.date | None = None) -> SweepResult:
    """Open the next rounds, then send the day's reminders (see the module docstring)."""
    today = on or timezone.localdate()
    opened = _open_next_rounds(today)
    calendar = deadline_config().calendar
    if not calendar.is_working_day(today):
        return SweepResult(on=today, working_day=False, rounds_opened=opened)
    days = int(settings.DANVAN.get("DEADLINE_WARNING_WORKING_DAYS", 2))
    horizon = calendar.add_working_days(today, days)
    run = uuid.uuid4().hex
    with transaction.atomic():
        before = _candidates(Kind.BEFORE_DUE, today, horizon)
        late = _candidates(Kind.OVERDUE, None, today - dt.timedelta(days=1))
        _claim(before, Kind.BEFORE_DUE, today, run)
        _claim(late, Kind.OVERDUE, today, run)
        won = dict.fromkeys(Kind.values, 0)
        for kind in ReportReminder.objects.filter(run=run).values_list("kind", flat=True):
            won[kind] += 1
        sent = _send(run)
        result = SweepResult(
            on=today,
            working_day=True,
            rounds_opened=opened,
            before_due=won[Kind.BEFORE_DUE],
            overdue=won[Kind.OVERDUE],
            notifications=sent,
        )
        audit_record(
            actor=None,
            verb="directives_unit_report.reminders_sweep",
            data={"on": today, "rounds_opened": opened, "before_due": result.before_due,
                  "overdue": result.overdue, "notifications": sent},
        )  # fmt: skip
    return result


@task()
def reports_sweep_run(*, on: str | None = None) -> dict[str, object]:
    """The daily sweep as a background task (thin: the service does the work)."""
    result = reports_sweep(on=dt.date.fromisoformat(on) if on else None)
    logger.info(
        "reports sweep %s: opened=%s before_due=%s overdue=%s notifications=%s",
        result.on.isoformat(),
        result.rounds_opened,
        result.before_due,
        result.overdue,
        result.notifications,
    )
    return {
        "on": result.on.isoformat(),
        "working_day": result.working_day,
        "rounds_opened": result.rounds_opened,
        "before_due": result.before_due,
        "overdue": result.overdue,
        "notifications": result.notifications,
    }

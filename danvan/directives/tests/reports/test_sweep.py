"""The daily sweep: the next round of periodic tasks, and reminders before and after the due
date, each once (per report, kind and day), on working days only."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings

from danvan.directives.models import (
    Directive,
    ReportingRound,
    ReportReminder,
    Task,
    UnitReport,
)
from danvan.directives.services import reports as services
from danvan.directives.services.reports_sweep import reports_sweep, reports_sweep_run
from danvan.directives.tests.reports.conftest import (
    VN,
    ReportsWorld,
    make_round,
    report_of,
    submit_complete,
)
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db
Kind = ReportReminder.Kind


def reminders(kind: str) -> list[str]:
    return sorted(
        Notification.objects.filter(kind=f"directives.report_{kind}").values_list(
            "recipient__username", flat=True
        )
    )


def test_reminder_before_the_due_date_goes_once_to_units_that_have_not_submitted(
    rw: ReportsWorld,
) -> None:
    # given a round due on Friday 09/10/2026 and one unit that has submitted
    reporting_round = make_round(rw)
    submit_complete(report_of(reporting_round, rw.committees[2]), rw.commune_officers[2])
    # when the sweep runs on Tuesday 06/10 (three working days before): nothing yet
    assert reports_sweep(on=dt.date(2026, 10, 6)).before_due == 0
    # when it runs on Wednesday 07/10, two working days before (the default)
    result = reports_sweep(on=dt.date(2026, 10, 7))
    # then the two units that have not submitted are reminded, once each
    assert (result.working_day, result.before_due, result.overdue) == (True, 2, 0)
    assert reminders(Kind.BEFORE_DUE) == ["commune1", "commune2"]
    note = Notification.objects.filter(kind="directives.report_before_due").first()
    assert note is not None
    assert "09/10/2026" in note.body
    assert reporting_round.title in note.title
    # and a second run the same day, or the next day, reminds nobody again
    assert reports_sweep(on=dt.date(2026, 10, 7)).before_due == 0
    assert reports_sweep(on=dt.date(2026, 10, 8)).before_due == 0
    assert len(reminders(Kind.BEFORE_DUE)) == 2
    assert ReportReminder.objects.filter(kind=Kind.BEFORE_DUE).count() == 2


@override_settings(
    DANVAN={
        "DEADLINE_WARNING_WORKING_DAYS": 4,
        "SITE_NAME": "danvan",
        "SITE_URL": "",
        "PARTY_TERMS": [("2025-2030", "2025-07-01")],
    }
)
def test_the_warning_delay_is_the_configured_number_of_working_days(rw: ReportsWorld) -> None:
    make_round(rw)
    assert reports_sweep(on=dt.date(2026, 10, 2)).before_due == 0  # five working days before
    assert reports_sweep(on=dt.date(2026, 10, 5)).before_due == 3  # four


def test_overdue_reminder_goes_the_day_after_the_due_date_once(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    returned = report_of(reporting_round, rw.committees[1])
    submit_complete(returned, rw.commune_officers[1])
    from danvan.directives.services import reports_filing as filing

    filing.report_return(report=returned, actor=rw.officer, comment="Bổ sung")
    submit_complete(report_of(reporting_round, rw.committees[2]), rw.commune_officers[2])
    # on the due date itself nobody is late yet
    assert reports_sweep(on=dt.date(2026, 10, 9)).overdue == 0
    # Saturday 10/10 is a day off: nothing is sent
    day_off = reports_sweep(on=dt.date(2026, 10, 10))
    assert (day_off.working_day, day_off.overdue) == (False, 0)
    # Monday 12/10, the first working day after: the draft and the returned report are late
    result = reports_sweep(on=dt.date(2026, 10, 12))
    assert result.overdue == 2
    assert reminders(Kind.OVERDUE) == ["commune1", "commune2"]
    note = Notification.objects.filter(kind="directives.report_overdue").first()
    assert note is not None
    assert "09/10/2026" in note.body
    # again the same day and the next: nothing more
    assert reports_sweep(on=dt.date(2026, 10, 12)).overdue == 0
    assert reports_sweep(on=dt.date(2026, 10, 13)).overdue == 0
    assert len(reminders(Kind.OVERDUE)) == 2


def test_a_closed_round_or_a_submitted_report_is_not_reminded(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    services.round_close(reporting_round=reporting_round, actor=rw.officer)
    assert reports_sweep(on=dt.date(2026, 10, 12)).overdue == 0


def test_the_next_round_of_a_periodic_task_opens_once_with_the_same_settings(
    rw: ReportsWorld,
) -> None:
    # given the task's third-quarter round, due nine days after the quarter
    first = make_round(rw, task=rw.task, units=rw.committees[:2])
    # when the sweep runs during the third quarter: nothing new
    assert reports_sweep(on=dt.date(2026, 9, 15)).rounds_opened == 0
    # when it runs in the fourth quarter (a Saturday: rounds still open, no reminders)
    result = reports_sweep(on=dt.date(2026, 10, 3))
    assert (result.working_day, result.rounds_opened) == (False, 1)
    # then the fourth-quarter round asks the same units, with the same template
    second = ReportingRound.objects.exclude(pk=first.pk).get()
    assert (second.period_start, second.period_end) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    assert second.due_on == dt.date(2027, 1, 9)
    assert second.template == first.template
    assert second.task == rw.task
    assert second.created_by is None
    assert second.title == f"{first.template.title} quý IV năm 2026"
    assert set(UnitReport.objects.filter(round=second).values_list("unit", flat=True)) == {
        rw.committees[0].pk,
        rw.committees[1].pk,
    }
    # and running again opens nothing more
    assert reports_sweep(on=dt.date(2026, 10, 5)).rounds_opened == 0
    assert ReportingRound.objects.count() == 2


def test_no_next_round_for_a_task_never_reported_or_a_closed_directive(rw: ReportsWorld) -> None:
    assert reports_sweep(on=dt.date(2026, 10, 5)).rounds_opened == 0
    make_round(rw, task=rw.task)
    Directive.objects.filter(pk=rw.directive.pk).update(status=Directive.Status.CLOSED)
    assert reports_sweep(on=dt.date(2026, 10, 5)).rounds_opened == 0
    one_off = Task.objects.create(directive=rw.directive, position=2, title="Một lần")
    Directive.objects.filter(pk=rw.directive.pk).update(status=Directive.Status.ACTIVE)
    make_round(rw, task=one_off)
    assert reports_sweep(on=dt.date(2026, 10, 5)).rounds_opened == 1  # the quarterly one only


def test_a_next_round_that_cannot_be_opened_is_skipped(rw: ReportsWorld) -> None:
    first = make_round(rw, task=rw.task)
    # the units of the latest round are gone: nothing to ask, logged and skipped
    UnitReport.objects.filter(round=first).delete()
    assert reports_sweep(on=dt.date(2026, 10, 5)).rounds_opened == 0


def test_the_task_and_the_command_run_the_sweep(rw: ReportsWorld) -> None:
    make_round(rw)
    outcome = reports_sweep_run.call(on="2026-10-12")
    assert outcome["overdue"] == 3
    with time_machine.travel(dt.datetime(2026, 10, 13, 7, tzinfo=VN), tick=False):
        outcome = reports_sweep_run.call()
    assert outcome["on"] == "2026-10-13"
    out = StringIO()
    call_command("reports_sweep", "--date", "2026-10-14", stdout=out)
    assert "2026-10-14" in out.getvalue()
    out = StringIO()
    call_command("reports_sweep", "--date", "2026-10-17", stdout=out)
    assert "day off" in out.getvalue()

"""Reporting rounds: the periods of a task's cycle, creating a round (one report per unit,
one notification each), refusals, and closing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from danvan.core.exceptions import ApplicationError
from danvan.directives.models import ReportingRound, Task, UnitReport
from danvan.directives.services import reports as services
from danvan.directives.services import reports_filing as filing
from danvan.directives.tests.reports.conftest import (
    DUE,
    Q3_END,
    Q3_START,
    ReportsWorld,
    default_template,
    fill_complete,
    make_round,
    report_of,
)
from danvan.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_periods_of_each_cycle_for_a_year() -> None:
    quarters = services.round_periods(Task.Cycle.QUARTERLY, 2026)
    assert [(p.key, p.label, p.start, p.end) for p in quarters] == [
        ("q1", "quý I năm 2026", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
        ("q2", "quý II năm 2026", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
        ("q3", "quý III năm 2026", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
        ("q4", "quý IV năm 2026", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
    ]
    halves = services.round_periods(Task.Cycle.SEMIANNUAL, 2026)
    assert [(p.label, p.end) for p in halves] == [
        ("6 tháng đầu năm 2026", dt.date(2026, 6, 30)),
        ("6 tháng cuối năm 2026", dt.date(2026, 12, 31)),
    ]
    (year,) = services.round_periods(Task.Cycle.ANNUAL, 2026)
    assert (year.label, year.start, year.end) == (
        "năm 2026",
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert services.round_periods(Task.Cycle.NONE, 2026) == []
    first_quarter = services.period_containing(Task.Cycle.QUARTERLY, dt.date(2026, 2, 28))
    assert first_quarter is not None
    assert first_quarter.key == "q1"
    assert services.period_containing(Task.Cycle.NONE, dt.date(2026, 2, 1)) is None


def test_a_round_creates_one_report_per_unit_and_notifies_their_staff(
    rw: ReportsWorld, django_capture_on_commit_callbacks: object
) -> None:
    # when the commission asks the three communes' committees
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        reporting_round = make_round(rw, task=rw.task)
    # then each has a report being written, nothing else
    reports = UnitReport.objects.filter(round=reporting_round)
    assert sorted(reports.values_list("unit__name", flat=True)) == sorted(
        c.name for c in rw.committees
    )
    assert set(reports.values_list("status", flat=True)) == {UnitReport.Status.DRAFT}
    assert reporting_round.directive == rw.directive
    assert reporting_round.created_by == rw.officer
    # and each commune officer gets one notification and its e-mail, in Vietnamese order
    notes = Notification.objects.filter(kind="directives.report_requested")
    assert sorted(n.recipient.username for n in notes) == ["commune1", "commune2", "commune3"]
    note = notes.first()
    assert note is not None
    assert note.url == "/chi-dao/bao-cao/"
    assert reporting_round.title in note.title
    assert "01/07/2026" in note.body
    assert "30/09/2026" in note.body
    assert "09/10/2026" in note.body
    assert "Ban Tuyên giáo và Dân vận Tỉnh ủy" in note.body
    assert len(mail.outbox) == 3
    assert reporting_round.title in mail.outbox[0].subject


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"units": []}, "at least one unit"),
        ({"period_end": dt.date(2026, 6, 1)}, "ends before"),
        ({"due_on": dt.date(2026, 6, 1)}, "due date"),
    ],
)
def test_a_round_is_refused_with_a_reason(
    rw: ReportsWorld, change: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "unit": rw.commission,
        "template": default_template(rw),
        "title": "Báo cáo quý III",
        "period_start": Q3_START,
        "period_end": Q3_END,
        "due_on": DUE,
        "units": rw.committees,
        "actor": rw.officer,
    }
    arguments.update(change)
    with pytest.raises(ApplicationError, match=message):
        services.round_create(**arguments)  # type: ignore[arg-type]
    assert not ReportingRound.objects.exists()


def test_a_round_needs_a_template_of_its_unit_with_content_and_directed_units(
    rw: ReportsWorld,
) -> None:
    state_template = default_template(rw, rw.state_body)
    with pytest.raises(ApplicationError, match="template"):
        make_round(rw, template=state_template)
    empty = services.template_create(unit=rw.commission, actor=rw.officer, title="Trống")
    with pytest.raises(ApplicationError, match="no section"):
        make_round(rw, template=empty)
    hanoi = rw.other_province_officer
    from danvan.units.models import Unit

    stranger = Unit.objects.get(code="VN-01-BTGDV")
    with pytest.raises(ApplicationError, match="direct"):
        make_round(rw, units=[*rw.committees, stranger])
    with pytest.raises(ApplicationError):
        services.round_create(
            unit=rw.commission,
            template=default_template(rw),
            title="X",
            period_start=Q3_START,
            period_end=Q3_END,
            due_on=DUE,
            units=rw.committees,
            actor=hanoi,
        )
    # the requesting unit itself is never asked
    only_self = make_round(rw, units=[rw.commission, rw.committees[0]])
    assert list(only_self.reports.values_list("unit", flat=True)) == [rw.committees[0].pk]


def test_a_periodic_task_has_one_round_per_period(rw: ReportsWorld) -> None:
    make_round(rw, task=rw.task)
    with pytest.raises(ApplicationError, match="already has a reporting round"):
        make_round(rw, task=rw.task)
    assert ReportingRound.objects.filter(task=rw.task).count() == 1
    # a one-off round for the same period is another matter
    make_round(rw)
    assert ReportingRound.objects.count() == 2


def test_a_closed_round_stops_units_from_changing_their_reports(rw: ReportsWorld) -> None:
    reporting_round = make_round(rw)
    report = report_of(reporting_round, rw.committees[0])
    closed = services.round_close(reporting_round=reporting_round, actor=rw.officer)
    assert closed.status == ReportingRound.Status.CLOSED
    assert services.round_close(reporting_round=reporting_round, actor=rw.officer).pk == closed.pk
    report.refresh_from_db()
    assert not filing.report_is_editable(report)
    with pytest.raises(ApplicationError, match="closed"):
        fill_complete(report, rw.commune_officers[0])
    with pytest.raises(ApplicationError, match="closed"):
        filing.report_submit(report=report, actor=rw.commune_officers[0])


def test_the_period_offered_first_is_the_one_under_way_or_just_ended() -> None:
    from danvan.directives.forms.reports import _default_period

    quarters = services.round_periods(Task.Cycle.QUARTERLY, 2026)
    assert _default_period(quarters, dt.date(2026, 8, 15)).key == "q3"
    assert _default_period(quarters, dt.date(2026, 10, 20)).key == "q3"
    assert _default_period(quarters, dt.date(2026, 11, 2)).key == "q4"
    assert _default_period(quarters, dt.date(2026, 1, 10)).key == "q1"
    assert _default_period(quarters, dt.date(2025, 12, 31)).key == "q1"

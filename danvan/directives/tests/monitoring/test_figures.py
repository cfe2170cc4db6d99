"""The figures of the monitoring dashboard on the seeded directive (time frozen on 16/3/2026)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.directives.models import TaskAssignment, UnitReport
from danvan.directives.selectors.monitoring import (
    Filters,
    Scope,
    dashboard_figures,
    directive_late_units,
    directives_visible,
    late_items,
    scope_for,
    unit_choices,
)
from danvan.directives.tests.monitoring.conftest import TODAY, Seed

pytestmark = pytest.mark.django_db


def as_dict(row: object) -> dict[str, int]:
    keys = (
        "tasks_done",
        "tasks_done_late",
        "tasks_in_progress",
        "tasks_overdue",
        "reports_accepted",
        "reports_submitted",
        "reports_pending",
        "reports_overdue",
    )
    return {key: getattr(row, key) for key in keys}


def test_each_unit_has_its_done_late_in_progress_overdue_and_missing_figures(seed: Seed) -> None:
    # given the commission officer, who follows the seeded directive
    scope = scope_for(seed.world.commission_officer)
    c0, c1, c2 = seed.world.committees
    # when the figures of directive 1 are counted
    figures = dashboard_figures(scope=scope, filters=Filters(directive=seed.directive), today=TODAY)
    rows = {row.key: row for row in figures.units}
    # then every unit has the figures of the table in conftest
    assert as_dict(rows[c0.pk]) == {
        "tasks_done": 1,
        "tasks_done_late": 0,
        "tasks_in_progress": 2,
        "tasks_overdue": 1,
        "reports_accepted": 1,
        "reports_submitted": 0,
        "reports_pending": 1,
        "reports_overdue": 0,
    }
    assert as_dict(rows[c1.pk]) == {
        "tasks_done": 0,
        "tasks_done_late": 1,
        "tasks_in_progress": 1,
        "tasks_overdue": 0,
        "reports_accepted": 0,
        "reports_submitted": 1,
        "reports_pending": 1,
        "reports_overdue": 0,
    }
    assert as_dict(rows[c2.pk]) == {
        "tasks_done": 1,
        "tasks_done_late": 0,
        "tasks_in_progress": 0,
        "tasks_overdue": 1,
        "reports_accepted": 0,
        "reports_submitted": 0,
        "reports_pending": 1,
        "reports_overdue": 1,
    }
    # and the totals add up; the late units come first
    assert figures.total.tasks_total == 8
    assert figures.total.reports_total == 6
    assert figures.total.late == 3
    assert [row.key for row in figures.units] == [c2.pk, c0.pk, c1.pk]
    assert figures.directives == []  # one directive chosen: no per-directive table


def test_the_day_after_the_due_date_an_item_is_overdue_not_on_the_due_date(seed: Seed) -> None:
    # given task 2 due on 30 April, still open for committee 1
    scope = scope_for(seed.world.commission_officer)
    c1 = seed.world.committees[1]
    filters = Filters(directive=seed.directive, unit=c1)
    # when counted on the due date, then the day after
    on_due = dashboard_figures(scope=scope, filters=filters, today=dt.date(2026, 4, 30))
    after = dashboard_figures(scope=scope, filters=filters, today=dt.date(2026, 5, 1))
    # then it is in progress on its due date and overdue the next day
    assert on_due.total.tasks_overdue == 0
    assert after.total.tasks_overdue == 1


def test_per_directive_rows_leave_out_drafts_and_other_provinces(seed: Seed) -> None:
    # given the commission officer and no directive filter
    scope = scope_for(seed.world.commission_officer)
    # when the figures are counted
    figures = dashboard_figures(scope=scope, filters=Filters(), today=TODAY)
    by_directive = {row.key: row for row in figures.directives}
    # then both directives of the province are there, the draft and Hà Nội's are not
    assert set(by_directive) == {seed.directive.pk, seed.state_directive.pk}
    assert by_directive[seed.state_directive.pk].tasks_overdue == 1
    assert by_directive[seed.directive.pk].label == seed.directive.title
    assert figures.total.tasks_overdue == 3
    assert seed.foreign_commune.pk not in {row.key for row in figures.units}
    visible = set(directives_visible(scope).values_list("pk", flat=True))
    assert visible == {seed.directive.pk, seed.state_directive.pk}


def test_reports_of_a_round_outside_any_directive_are_grouped_apart(seed: Seed) -> None:
    # given a round asked by the commission without a directive
    from danvan.directives.tests.monitoring.conftest import make_round

    c0 = seed.world.committees[0]
    make_round(
        None,
        seed.world.commission,
        "Báo cáo chuyên đề",
        dt.date(2026, 3, 1),
        {c0: UnitReport.Status.DRAFT},
    )
    scope = scope_for(seed.world.commission_officer)
    # when the figures are counted per directive
    figures = dashboard_figures(scope=scope, filters=Filters(), today=TODAY)
    # then its report is in a row of its own, last, and is missing
    last = figures.directives[-1]
    assert last.key is None
    assert last.reports_overdue == 1


def test_a_commune_officer_counts_only_their_own_unit(seed: Seed) -> None:
    # given the officer of commune 0
    c0, c1, _c2 = seed.world.committees
    scope = scope_for(seed.world.commune_officers[0])
    # when the figures are counted without any filter
    figures = dashboard_figures(scope=scope, filters=Filters(), today=TODAY)
    # then there is one unit, theirs; the other communes' items are not counted
    assert [row.key for row in figures.units] == [c0.pk]
    assert figures.total.tasks_total == 4
    assert unit_choices(scope=scope, filters=Filters()) == [(c0.pk, c0.name)]
    assert not scope.covers_unit(c1)
    assert scope.covers_unit(c0)


def test_a_citizen_has_no_scope(seed: Seed) -> None:
    assert scope_for(seed.world.citizen).is_empty


def test_due_date_filters(seed: Seed) -> None:
    # given the commission officer
    scope = scope_for(seed.world.commission_officer)
    # when only items due in March are counted
    filters = Filters(due_from=dt.date(2026, 3, 1), due_to=dt.date(2026, 3, 31))
    figures = dashboard_figures(scope=scope, filters=filters, today=TODAY)
    # then task 1 (three units) and task 4 (one unit), and the Q1 round (three reports)
    assert figures.total.tasks_total == 4
    assert figures.total.reports_total == 3


def test_the_figures_take_two_queries_per_table_whatever_the_number_of_units(
    seed: Seed,
) -> None:
    # given many more units with assignments
    from danvan.units.models import Unit

    task = seed.tasks[1]
    for index in range(30):
        unit = Unit.objects.create(
            code=f"VN-33-9{index:02d}",
            name=f"Xã {index}",
            kind=Unit.Kind.COMMUNE,
            parent=seed.world.province,
        )
        TaskAssignment.objects.create(task=task, unit=unit)
    scope = Scope(remits=(seed.world.province.path,), own_unit_ids=frozenset())
    # when the dashboard figures are counted
    with CaptureQueriesContext(connection) as queries:
        figures = dashboard_figures(scope=scope, filters=Filters(), today=TODAY)
    # then four grouped queries did it (plus at most one for titles)
    assert len(figures.units) == 33
    assert len(queries) <= 5


def test_late_items_and_late_units(seed: Seed) -> None:
    # given the directive's managing scope
    c0, c1, c2 = seed.world.committees
    # when the late units are listed for an urging letter
    late = directive_late_units(directive=seed.directive, today=TODAY)
    # then (by name) committee 2 owes task 1 and the Q1 report, committee 0 owes task 4
    assert [(unit.unit_id, [i.kind for i in unit.items]) for unit in late] == [
        (c2.pk, ["task", "report"]),
        (c0.pk, ["task"]),
    ]
    assert late[0].items[0].label == "1. Tổ chức hội nghị đối thoại với Nhân dân"
    assert late[0].items[1].label == "Báo cáo quý I năm 2026"
    # and the unit page also lists the task committee 1 finished late
    scope = scope_for(seed.world.commission_officer)
    items = late_items(scope=scope, filters=Filters(unit=c1), today=TODAY, include_done_late=True)
    assert [(i.kind, i.due_on, i.done_on) for i in items] == [
        ("task", dt.date(2026, 2, 27), None),  # the State directive's task
        ("task_done_late", dt.date(2026, 3, 10), dt.date(2026, 3, 12)),
    ]

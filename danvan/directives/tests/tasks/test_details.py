"""Smaller rules: remits, filters, long notices, and the texts shown for each deadline."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.directives.models import (
    Directive,
    Task,
    TaskAssignment,
    TaskFormSubmission,
    TaskReminder,
    TaskUpdate,
)
from danvan.directives.selectors import tasks as selectors
from danvan.directives.services import tasks as services
from danvan.directives.services import tasks_reminders
from danvan.directives.tests.conftest import make_user
from danvan.directives.tests.tasks.conftest import (
    RESPONSIBLE,
    TaskWorld,
    Travel,
    in_site_language,
    make_directive,
    make_task,
)
from danvan.notifications.models import Notification
from danvan.units.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db


def test_the_remit_of_a_managing_unit(tw: TaskWorld) -> None:
    # A commission directs its province; a department only its own subtree
    assert selectors.unit_remit(tw.world.commission) == tw.world.province.path
    assert selectors.unit_remit(tw.home_affairs) == tw.home_affairs.path
    # A directing body with no place above it directs its own subtree
    lone = Unit.objects.create(code="TW-UBND", name="Ủy ban lẻ", kind=Unit.Kind.PEOPLES_COMMITTEE)
    assert selectors.unit_remit(lone) == lone.path
    assert selectors._nearest_place("A/B", {}) is None


def test_a_department_manages_only_its_own_subtree(tw: TaskWorld) -> None:
    # Given a directive managed by the Department of Home Affairs
    directive = Directive.objects.create(document=tw.document, unit=tw.home_affairs, title="Sở")
    # Then it may give tasks only to itself (and units under it), not to the communes
    assert list(selectors.assignable_units(directive)) == [tw.home_affairs]
    assert selectors.assignable_units_search(directive, query="") == []


def test_assignment_filters(tw: TaskWorld) -> None:
    today = dt.date(2026, 12, 10)
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    soon = make_task(directive, position=1, due_on=dt.date(2026, 12, 11),
                     units=((tw.home_affairs, RESPONSIBLE),))  # fmt: skip
    late_done = make_task(directive, position=2, due_on=dt.date(2026, 12, 1),
                          units=((tw.home_affairs, RESPONSIBLE),))  # fmt: skip
    TaskAssignment.objects.filter(task=late_done).update(
        status=TaskAssignment.Status.DONE, done_on=dt.date(2026, 12, 3)
    )
    make_task(directive, position=3, due_on=dt.date(2027, 3, 1),
              units=((tw.home_affairs, RESPONSIBLE),))  # fmt: skip
    base = selectors.assignments_for_unit(tw.home_affairs)

    def positions(state: str) -> list[int]:
        return sorted(
            a.task.position for a in selectors.assignment_filter(base, state=state, today=today)
        )

    assert positions("soon") == [soon.position]
    assert positions("done") == [2]
    assert positions("late") == [2]
    assert positions("open") == [1, 3]
    assert positions("") == [1, 2, 3]


def test_document_lookups(tw: TaskWorld) -> None:
    assert selectors.document_for_directive("abc") is None
    assert selectors.document_for_directive(str(tw.document.pk)) == tw.document
    assert selectors.documents_search(query="  ") == []
    assert selectors.documents_search(query="125-cv/btgdvtu") == [tw.document]


def test_edit_form_shows_each_kind_of_deadline(client: Client, tw: TaskWorld) -> None:
    directive = make_directive(tw)
    by_days = Task.objects.create(
        directive=directive,
        position=1,
        title="a",
        working_days=5,
        counted_from=dt.date(2026, 11, 2),
        due_on=dt.date(2026, 11, 9),
    )
    cyclic = Task.objects.create(directive=directive, position=2, title="b", cycle="annual")
    ongoing = Task.objects.create(directive=directive, position=3, title="c")
    client.force_login(tw.officer)
    for task, mode in [(by_days, "working_days"), (cyclic, "cycle"), (ongoing, "ongoing")]:
        url = reverse("directives:tasks_task_edit", args=[directive.pk, task.pk])
        response = client.get(url)
        assert response.context["form"].initial["deadline_mode"] == mode
    # The directive page shows them all, with how the first was counted
    page = client.get(reverse("directives:tasks_directive_detail", args=[directive.pk]))
    assert page.status_code == 200
    assert [row["task"].position for row in page.context["rows"]] == [1, 2, 3]
    # A closed directive's tasks cannot be edited or added to
    Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.CLOSED)
    assert (
        client.get(
            reverse("directives:tasks_task_edit", args=[directive.pk, cyclic.pk])
        ).status_code
        == 404
    )
    assert (
        client.get(reverse("directives:tasks_task_create", args=[directive.pk])).status_code == 404
    )


def test_a_group_without_units_and_units_already_there(client: Client, tw: TaskWorld) -> None:
    directive = make_directive(tw)
    task = make_task(directive, units=((tw.committees[0], RESPONSIBLE),))
    client.force_login(tw.officer)
    assign = reverse("directives:tasks_task_assign", args=[directive.pk, task.pk])
    # The communes' Front committees do not exist in this province: the form says so
    empty = client.post(assign, {"group": "commune_fronts", "role": RESPONSIBLE})
    assert empty.status_code == 400
    assert "No unit of this group" in empty.content.decode()
    # Adding the committees' group again tells how many already had the task
    done = client.post(assign, {"group": "commune_committees", "role": RESPONSIBLE}, follow=True)
    assert "1 unit already had it." in done.content.decode()


def test_a_done_report_needs_its_day(client: Client, tw: TaskWorld, travel: Travel) -> None:
    travel(dt.date(2026, 12, 10))
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    assignment = make_task(directive, units=((tw.home_affairs, RESPONSIBLE),)).assignments.get()
    client.force_login(tw.home_affairs_officer)
    url = reverse("directives:tasks_assignment_detail", args=[assignment.pk])
    response = client.post(url, {"status": "done", "result": "Xong"})
    assert response.status_code == 400
    assert "done_on" in response.context["form"].errors
    # The service refuses a future day; the page keeps the form
    future = client.post(url, {"status": "done", "result": "Xong", "done_on": "2026-12-11"})
    assert future.status_code == 400
    assert future.context["form"].non_field_errors()
    # A unit officer's page links back to their own list, and offers the form
    page = client.get(url)
    assert page.context["form"] is not None
    assert not page.context["is_manager"]


def test_long_notices_are_cut_and_name_cycles_and_standing_tasks(tw: TaskWorld) -> None:
    # Given 22 tasks for one unit, one periodic and one standing
    directive = make_directive(tw)
    for position in range(1, 23):
        make_task(directive, position=position, units=((tw.home_affairs, RESPONSIBLE),))
    Task.objects.filter(directive=directive, position=1).update(due_on=None, cycle="quarterly")
    Task.objects.filter(directive=directive, position=2).update(due_on=None)
    # When the directive starts
    services.directive_activate(directive=directive, actor=tw.officer)
    # Then the notice lists 20 tasks and says how many more (in the site's language)
    body = Notification.objects.get(recipient=tw.home_affairs_officer).body
    assert in_site_language("and %(more)d more tasks", more=2) in body
    assert in_site_language("Quarterly") in body
    assert in_site_language("ongoing") in body


def test_reminder_digests_are_cut_batched_and_skip_units_without_staff(
    tw: TaskWorld, travel: Travel, monkeypatch: pytest.MonkeyPatch
) -> None:
    travel(dt.date(2026, 12, 10))
    monkeypatch.setattr(tasks_reminders, "BATCH_SIZE", 5)
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    for position in range(1, 23):
        make_task(directive, position=position, due_on=dt.date(2026, 12, 1),
                  units=((tw.home_affairs, RESPONSIBLE), (tw.justice, RESPONSIBLE)))  # fmt: skip
    result = tasks_reminders.task_reminders_sweep(on=dt.date(2026, 12, 10))
    assert result.overdue == 44
    assert TaskReminder.objects.count() == 44
    # Only the department has staff: one digest, cut after 20 lines
    (notice,) = Notification.objects.all()
    assert notice.recipient == tw.home_affairs_officer
    assert in_site_language("and %(more)d more tasks", more=2) in notice.body


def test_models_read_well(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    task = make_task(directive, units=((tw.justice, RESPONSIBLE),))
    assignment = task.assignments.get()
    update = TaskUpdate.objects.create(assignment=assignment, status="in_progress")
    reminder = TaskReminder.objects.create(
        assignment=assignment, kind="overdue", due_on=dt.date(2026, 1, 2),
        sent_on=dt.date(2026, 1, 3), run="r",
    )  # fmt: skip
    token = TaskFormSubmission.objects.create(token="abc")
    assert str(directive) == directive.title
    assert str(task) == "1. Nhiệm vụ số 1"
    assert str(assignment) == "1. Nhiệm vụ số 1 → Sở Tư pháp tỉnh Hưng Yên"
    assert str(update).endswith(": in_progress")
    assert str(reminder) == f"{assignment.pk} overdue 2026-01-02"
    assert str(token) == "abc"


def test_staff_lookup_counts_each_person_once_per_unit(tw: TaskWorld) -> None:
    # Given one person holding two staff roles in the department
    RoleAssignment.objects.create(user=tw.home_affairs_officer, unit=tw.home_affairs, role="head")
    other = make_user("x2", "Người thứ hai", tw.home_affairs, "reception_officer")
    staff = selectors.staff_of_units([tw.home_affairs.pk])
    assert sorted(u.pk for u in staff[tw.home_affairs.pk]) == sorted(
        [tw.home_affairs_officer.pk, other.pk]
    )


def test_periodic_and_standing_tasks_say_so_instead_of_a_time_left(tw: TaskWorld) -> None:
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    cyclic = Task.objects.create(directive=directive, position=1, title="a", cycle="annual")
    standing = Task.objects.create(directive=directive, position=2, title="b")
    today = dt.date(2026, 12, 10)
    for task, label in [(cyclic, "Annual"), (standing, "ongoing")]:
        assignment = TaskAssignment.objects.create(task=task, unit=tw.justice)
        state = selectors.assignment_deadline_state(assignment, today)
        assert (state.kind, state.label) == ("none", label)
        assignment.status = TaskAssignment.Status.DONE
        assert selectors.assignment_deadline_state(assignment, today).kind == "done"

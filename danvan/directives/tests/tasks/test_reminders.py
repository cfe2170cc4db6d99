"""The daily reminders: before the due date and after it, to responsible units, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from danvan.directives.models import Directive, TaskAssignment, TaskReminder
from danvan.directives.services.tasks_reminders import (
    task_reminders_send,
    task_reminders_sweep,
)
from danvan.directives.tests.conftest import make_user
from danvan.directives.tests.tasks.conftest import (
    COORDINATING,
    RESPONSIBLE,
    TaskWorld,
    Travel,
    make_directive,
    make_task,
)
from danvan.notifications.models import Notification
from danvan.units.models import User

pytestmark = pytest.mark.django_db
TWO_DAYS = {**settings.DANVAN, "DEADLINE_WARNING_WORKING_DAYS": 2}


def _notices(user: User, kind: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, kind=kind))


@override_settings(DANVAN=TWO_DAYS)
def test_reminders_go_once_per_day_and_once_per_due_date(tw: TaskWorld, travel: Travel) -> None:
    # Given an active directive: task 1 due Wed 25/11/2026 for the department (responsible)
    # and the first commune (coordinating); task 2 due Fri 20/11 for the department
    travel(dt.date(2026, 11, 20))
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    make_task(
        directive,
        position=1,
        title="Tổ chức đối thoại",
        due_on=dt.date(2026, 11, 25),
        units=((tw.home_affairs, RESPONSIBLE), (tw.committees[0], COORDINATING)),
    )
    make_task(directive, position=2, due_on=dt.date(2026, 11, 20),
              units=((tw.home_affairs, RESPONSIBLE),))  # fmt: skip
    officer = tw.home_affairs_officer

    # When the reminders run on Mon 23/11 (the next 2 working days are 25 and 26/11: 24/11,
    # Culture Day, is off), twice on the same day
    first = task_reminders_sweep(on=dt.date(2026, 11, 23))
    second = task_reminders_sweep(on=dt.date(2026, 11, 23))

    # Then the department got one "due soon" digest and one "overdue" digest, once
    assert (first.due_soon, first.overdue) == (1, 1)
    assert (second.due_soon, second.overdue, second.notifications) == (0, 0, 0)
    (soon,) = _notices(officer, "directives.task_due_soon")
    assert "Tổ chức đối thoại" in soon.body
    assert "25/11/2026" in soon.body
    assert soon.url == "/chi-dao/nhiem-vu/?trang-thai=sap-den-han"
    (late,) = _notices(officer, "directives.task_overdue")
    assert "Nhiệm vụ số 2" in late.body
    assert "Tổ chức đối thoại" not in late.body
    # The coordinating commune is not reminded
    assert not Notification.objects.filter(recipient=tw.world.commune_officers[0]).exists()

    # When it runs the next working day: nothing new for the same due dates
    again = task_reminders_sweep(on=dt.date(2026, 11, 25))
    assert (again.due_soon, again.overdue) == (0, 0)
    # After the due date of task 1 it is overdue, once
    after = task_reminders_sweep(on=dt.date(2026, 11, 26))
    assert (after.due_soon, after.overdue) == (0, 1)
    assert len(_notices(officer, "directives.task_overdue")) == 2
    assert TaskReminder.objects.count() == 3


@override_settings(DANVAN=TWO_DAYS)
def test_no_reminder_on_a_day_off_done_tasks_drafts_or_moved_dates(
    tw: TaskWorld, travel: Travel
) -> None:
    travel(dt.date(2026, 11, 20))
    active = make_directive(tw, status=Directive.Status.ACTIVE)
    done = make_task(active, position=1, due_on=dt.date(2026, 11, 19),
                     units=((tw.home_affairs, RESPONSIBLE),))  # fmt: skip
    TaskAssignment.objects.filter(task=done).update(status=TaskAssignment.Status.DONE)
    moved = make_task(active, position=2, due_on=dt.date(2026, 11, 19),
                      units=((tw.justice, RESPONSIBLE),))  # fmt: skip
    justice_officer = make_user("tuphap", "Cán bộ Sở Tư pháp", tw.justice, "handler")
    # On Tue 24/11 (Culture Day, off) nothing runs
    off = task_reminders_sweep(on=dt.date(2026, 11, 24))
    assert not off.working_day
    assert not TaskReminder.objects.exists()
    # On Wed 25/11: only the open task is overdue (the done one is not reminded)
    task_reminders_sweep(on=dt.date(2026, 11, 25))
    assert set(TaskReminder.objects.values_list("assignment__task_id", flat=True)) == {moved.pk}
    assert len(_notices(justice_officer, "directives.task_overdue")) == 1
    # When the due date is moved later, a new reminder may go for the new date
    moved.due_on = dt.date(2026, 11, 26)
    moved.save(update_fields=["due_on"])
    task_reminders_sweep(on=dt.date(2026, 11, 25))
    assert len(_notices(justice_officer, "directives.task_due_soon")) == 1
    # A closed directive's tasks are not reminded
    Directive.objects.filter(pk=active.pk).update(status=Directive.Status.CLOSED)
    assert task_reminders_sweep(on=dt.date(2026, 12, 1)).overdue == 0


def test_the_task_and_the_command(tw: TaskWorld, travel: Travel) -> None:
    travel(dt.date(2026, 11, 25))
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    make_task(directive, due_on=dt.date(2026, 11, 20), units=((tw.home_affairs, RESPONSIBLE),))
    # When the django task runs (immediate backend in tests) for "today"
    result = task_reminders_send.enqueue()
    assert result.return_value == {
        "on": "2026-11-25",
        "working_day": True,
        "due_soon": 0,
        "overdue": 1,
        "notifications": 1,
    }
    # The command does the same for a given date, and nothing twice
    out = StringIO()
    call_command("tasks_reminders_send", "--date", "2026-11-25", stdout=out)
    assert "0 due soon, 0 overdue" in out.getvalue()
    call_command("tasks_reminders_send", "--date", "2026-11-28", stdout=out)
    assert "day off" in out.getvalue()
    call_command("tasks_reminders_send", "--enqueue", "--date", "2026-11-26", stdout=out)
    assert "Enqueued" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("tasks_reminders_send", "--date", "26/11/2026")


def test_many_units_share_one_digest_call(tw: TaskWorld, travel: Travel) -> None:
    # Given the same overdue task for every commune committee (with a second officer in one)
    travel(dt.date(2026, 12, 1))
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    make_task(directive, due_on=dt.date(2026, 11, 27),
              units=tuple((c, RESPONSIBLE) for c in tw.committees))  # fmt: skip
    extra = make_user("xa1b", "Cán bộ xã 1 thứ hai", tw.committees[0], "head")
    # When the reminders run
    result = task_reminders_sweep(on=dt.date(2026, 12, 1))
    # Then each officer of each commune got the overdue digest
    assert result.overdue == 3
    assert result.notifications == 4
    for officer in [*tw.world.commune_officers, extra]:
        assert len(_notices(officer, "directives.task_overdue")) == 1


def test_a_unit_without_staff_is_claimed_but_nobody_is_notified(
    tw: TaskWorld, travel: Travel
) -> None:
    # Given an overdue task of the culture department, where nobody has an account yet
    travel(dt.date(2026, 12, 1))
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    make_task(directive, due_on=dt.date(2026, 11, 27), units=((tw.culture, RESPONSIBLE),))
    # When the reminders run; Then the reminder is recorded once, without a notice
    result = task_reminders_sweep(on=dt.date(2026, 12, 1))
    assert (result.overdue, result.notifications) == (1, 0)
    assert not Notification.objects.exists()

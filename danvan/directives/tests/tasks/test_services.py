"""The writes: following a document up, tasks, assignments, activation, progress."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.directives.models import Directive, Task, TaskAssignment, TaskUpdate
from danvan.directives.selectors.tasks import BULK_GROUPS, group_unit_ids
from danvan.directives.services import tasks as services
from danvan.directives.services.tasks import (
    AlreadySubmittedError,
    DeadlineInput,
    TaskDraft,
    TaskInput,
)
from danvan.directives.services.tasks_parsing import (
    GROUP_COMMUNE_COMMITTEES,
    GROUP_COMMUNE_FRONTS,
    GROUP_DEPARTMENTS,
    MODE_CYCLE,
    MODE_DATE,
    MODE_ONGOING,
    MODE_WORKING_DAYS,
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
from danvan.units.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db


def _input(position: int = 1, **deadline: object) -> TaskInput:
    mode = str(deadline.pop("mode", MODE_DATE))
    if mode == MODE_DATE and "due_on" not in deadline:
        deadline["due_on"] = dt.date(2026, 12, 15)
    return TaskInput(
        position=position,
        title=f"Nhiệm vụ {position}",
        description="",
        deadline=DeadlineInput(mode=mode, **deadline),  # type: ignore[arg-type]
    )


def test_following_a_document_twice_gives_the_same_directive(tw: TaskWorld) -> None:
    # Given the commission officer following the dispatch up
    first, created = services.directive_create(
        document=tw.document, unit=tw.world.commission, actor=tw.officer
    )
    # When they press the button again
    again, created_again = services.directive_create(
        document=tw.document, unit=tw.world.commission, actor=tw.officer, title="Khác"
    )
    # Then there is one directive, titled after the document, audited once
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert first.title == tw.document.title
    assert first.status == Directive.Status.DRAFT
    assert AuditEntry.objects.filter(verb="directives_directive.create").count() == 1


def test_task_deadlines_in_each_mode(tw: TaskWorld, travel: Travel) -> None:
    travel(dt.date(2026, 11, 2))
    directive = make_directive(tw)
    # When tasks are added by date, by working days, by cycle and as ongoing
    by_date = services.task_create(directive=directive, actor=tw.officer, data=_input(1))
    by_days = services.task_create(
        directive=directive,
        actor=tw.officer,
        data=_input(2, mode=MODE_WORKING_DAYS, working_days=3, counted_from=dt.date(2026, 11, 20)),
    )
    cyclic = services.task_create(
        directive=directive, actor=tw.officer, data=_input(3, mode=MODE_CYCLE, cycle="annual")
    )
    ongoing = services.task_create(
        directive=directive, actor=tw.officer, data=_input(4, mode=MODE_ONGOING)
    )
    # Then: 3 working days after Fri 20/11/2026 skip the weekend and Tue 24/11 (Culture Day)
    assert by_date.due_on == dt.date(2026, 12, 15)
    assert (by_days.working_days, by_days.counted_from) == (3, dt.date(2026, 11, 20))
    assert by_days.due_on == dt.date(2026, 11, 26)
    assert (cyclic.cycle, cyclic.due_on) == ("annual", None)
    assert ongoing.is_ongoing
    assert not cyclic.is_ongoing


@pytest.mark.parametrize(
    ("deadline", "message"),
    [
        ({"mode": MODE_DATE, "due_on": None}, "Enter the due date."),
        ({"mode": MODE_WORKING_DAYS, "working_days": 3}, "Enter the number of working days"),
        (
            {"mode": MODE_WORKING_DAYS, "working_days": 400, "counted_from": dt.date(2026, 1, 1)},
            "between 1 and 365",
        ),
        ({"mode": MODE_CYCLE, "cycle": "weekly"}, "Choose the reporting cycle."),
        ({"mode": "whenever"}, "Choose how the deadline is set."),
    ],
)
def test_incomplete_deadlines_are_refused(
    tw: TaskWorld, deadline: dict[str, object], message: str
) -> None:
    directive = make_directive(tw)
    # When a task is added with an incomplete deadline; Then it is refused, nothing stored
    with pytest.raises(ApplicationError, match=message):
        services.task_create(directive=directive, actor=tw.officer, data=_input(1, **deadline))
    assert not Task.objects.exists()


def test_item_numbers_are_unique_and_a_resent_form_does_nothing(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    services.task_create(directive=directive, actor=tw.officer, data=_input(1), token="tok-1")
    # When the same form is sent again (same token)
    with pytest.raises(AlreadySubmittedError):
        services.task_create(directive=directive, actor=tw.officer, data=_input(1), token="tok-1")
    # And another form reuses the number
    with pytest.raises(ApplicationError, match="Item 1 already exists"):
        services.task_create(directive=directive, actor=tw.officer, data=_input(1), token="tok-2")
    # Then there is one task; the refused form's token may be used again once corrected
    assert directive.tasks.count() == 1
    services.task_create(directive=directive, actor=tw.officer, data=_input(2), token="tok-2")
    assert directive.tasks.count() == 2


def test_updating_and_deleting_tasks(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    first = make_task(directive, position=1)
    second = make_task(directive, position=2)
    # When the second task is renumbered onto the first's number: refused
    with pytest.raises(ApplicationError, match="Item 1 already exists"):
        services.task_update(task=second, actor=tw.officer, data=_input(1))
    # When it is changed to an ongoing task under number 3
    services.task_update(task=second, actor=tw.officer, data=_input(3, mode=MODE_ONGOING))
    second.refresh_from_db()
    assert (second.position, second.due_on) == (3, None)
    # And the first is removed while the directive is a draft
    services.task_delete(task=first, actor=tw.officer)
    assert list(directive.tasks.values_list("position", flat=True)) == [3]
    # Once the directive is carried out, tasks stay
    Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.ACTIVE)
    with pytest.raises(ApplicationError, match="only be removed"):
        services.task_delete(task=second, actor=tw.officer)
    # And a closed directive does not change at all
    Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.CLOSED)
    with pytest.raises(ApplicationError, match="closed"):
        services.task_update(task=second, actor=tw.officer, data=_input(3))


def test_units_outside_the_remit_cannot_be_given_a_task(tw: TaskWorld) -> None:
    # Given a unit of another province
    other = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    foreign = Unit.objects.create(
        code="VN-01-so-noi-vu", name="Sở Nội vụ Hà Nội", kind=Unit.Kind.DEPARTMENT, parent=other
    )
    task = make_task(make_directive(tw))
    # When the officer assigns it; Then refused, and a place (a commune) is not a body either
    for unit in (foreign, tw.world.communes[0]):
        with pytest.raises(ApplicationError, match="outside the remit"):
            services.task_assign(task=task, actor=tw.officer, unit_ids=[unit.pk], role=RESPONSIBLE)
    with pytest.raises(ApplicationError, match="at least one unit"):
        services.task_assign(task=task, actor=tw.officer, role=RESPONSIBLE)
    with pytest.raises(ApplicationError, match="responsible or coordinating"):
        services.task_assign(task=task, actor=tw.officer, unit_ids=[tw.justice.pk], role="boss")
    with pytest.raises(ApplicationError, match="Unknown group"):
        services.task_assign(task=task, actor=tw.officer, group="everyone", role=RESPONSIBLE)
    assert not TaskAssignment.objects.exists()


def test_assigning_units_keeps_those_already_there(tw: TaskWorld) -> None:
    task = make_task(make_directive(tw))
    services.task_assign(
        task=task, actor=tw.officer, unit_ids=[tw.home_affairs.pk], role=RESPONSIBLE
    )
    # When the whole group of commune committees and the department again are added
    result = services.task_assign(
        task=task,
        actor=tw.officer,
        unit_ids=[tw.home_affairs.pk],
        group=GROUP_COMMUNE_COMMITTEES,
        role=COORDINATING,
        token="assign-1",
    )
    # Then the communes are added as coordinating and the department stays responsible
    assert (result.created, result.already) == (3, 1)
    roles = dict(task.assignments.values_list("unit_id", "role"))
    assert roles[tw.home_affairs.pk] == RESPONSIBLE
    assert {roles[c.pk] for c in tw.committees} == {COORDINATING}
    # And the same form sent twice adds nothing
    with pytest.raises(AlreadySubmittedError):
        services.task_assign(
            task=task,
            actor=tw.officer,
            group=GROUP_COMMUNE_COMMITTEES,
            role=COORDINATING,
            token="assign-1",
        )
    assert task.assignments.count() == 4


def test_every_commune_at_once_takes_no_query_per_unit(tw: TaskWorld) -> None:
    # Given 300 more communes with their People's Committees in the province
    province = tw.world.province
    communes = Unit.objects.bulk_create(
        [
            Unit(
                code=f"VN-33-9{i:03d}",
                name=f"Xã Số {i}",
                kind=Unit.Kind.COMMUNE,
                parent=province,
                path=f"{province.path}/VN-33-9{i:03d}",
                search_name=f"xa so {i}",
            )
            for i in range(300)
        ]
    )
    Unit.objects.bulk_create(
        [
            Unit(
                code=f"{c.code}-UBND",
                name=f"Ủy ban nhân dân {c.name}",
                kind=Unit.Kind.PEOPLES_COMMITTEE,
                parent=c,
                path=f"{c.path}/{c.code}-UBND",
                search_name=f"uy ban nhan dan {c.search_name}",
            )
            for c in communes
        ]
    )
    task = make_task(make_directive(tw))
    # When the task goes to every commune's committee
    with CaptureQueriesContext(connection) as queries:
        result = services.task_assign(
            task=task, actor=tw.officer, group=GROUP_COMMUNE_COMMITTEES, role=RESPONSIBLE
        )
    # Then all 303 are assigned with a bounded number of queries (not one per unit)
    assert result.created == 303
    assert task.assignments.count() == 303
    assert len(queries) < 25


def test_groups_of_the_remit(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    # Then departments are the province's own; commune fronts are empty in this world
    departments = set(group_unit_ids(directive, GROUP_DEPARTMENTS))
    assert tw.home_affairs.pk in departments
    assert tw.police.pk in departments
    assert tw.front.pk not in departments
    assert group_unit_ids(directive, GROUP_COMMUNE_FRONTS) == []
    assert group_unit_ids(directive, "nothing") == []
    assert "mass_organisations" in BULK_GROUPS


def test_activation_needs_a_responsible_unit_for_every_task(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    # A directive without tasks cannot start
    with pytest.raises(ApplicationError, match="at least one task"):
        services.directive_activate(directive=directive, actor=tw.officer)
    # Nor one whose task has only coordinating units
    make_task(directive, position=1, units=((tw.home_affairs, RESPONSIBLE),))
    make_task(directive, position=2, units=((tw.justice, COORDINATING),))
    with pytest.raises(ApplicationError, match="item\\(s\\): 2"):
        services.directive_activate(directive=directive, actor=tw.officer)
    directive.refresh_from_db()
    assert directive.status == Directive.Status.DRAFT
    assert not Notification.objects.exists()


def test_activation_notifies_each_unit_of_its_own_tasks_only(
    tw: TaskWorld, travel: Travel, django_capture_on_commit_callbacks: Any
) -> None:
    travel(dt.date(2026, 11, 3))
    # Given a task for the department and the communes, and another for the department only
    directive = make_directive(tw)
    make_task(
        directive,
        position=1,
        title="Rà soát thủ tục hành chính",
        units=((tw.home_affairs, RESPONSIBLE), *((c, COORDINATING) for c in tw.committees)),
    )
    make_task(
        directive,
        position=2,
        title="Tham mưu kế hoạch riêng của Sở Nội vụ",
        units=((tw.home_affairs, RESPONSIBLE),),
    )
    # When the directive starts (and the e-mails go once it is committed)
    with django_capture_on_commit_callbacks(execute=True):
        services.directive_activate(directive=directive, actor=tw.officer)

    # Then it is carried out, and each unit's staff got one notice listing only its tasks
    directive.refresh_from_db()
    assert directive.status == Directive.Status.ACTIVE
    department_notice = Notification.objects.get(recipient=tw.home_affairs_officer)
    assert "Rà soát thủ tục hành chính" in department_notice.body
    assert "Tham mưu kế hoạch riêng" in department_notice.body
    for officer in tw.world.commune_officers:
        notice = Notification.objects.get(recipient=officer)
        assert notice.kind == "directives.task_assigned"
        assert "Rà soát thủ tục hành chính" in notice.body
        assert "Tham mưu kế hoạch riêng" not in notice.body
        assert notice.url == f"/chi-dao/nhiem-vu/?chi-dao={directive.pk}"
    # And the e-mails say no more than the notices (nothing of the other units' tasks)
    commune_mails = [m for m in mail.outbox if m.to == ["commune1@example.com"]]
    assert len(commune_mails) == 1
    assert "Tham mưu kế hoạch riêng" not in commune_mails[0].body
    assert "Sở Nội vụ" not in commune_mails[0].body
    # The commission itself is not notified of its own directive
    assert not Notification.objects.filter(recipient=tw.officer).exists()
    # Starting twice is refused
    with pytest.raises(ApplicationError, match="being prepared"):
        services.directive_activate(directive=directive, actor=tw.officer)


def test_units_added_to_an_active_directive_are_notified(tw: TaskWorld) -> None:
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    task = make_task(directive, units=((tw.home_affairs, RESPONSIBLE),))
    # When the justice department is added while the directive is carried out
    justice_officer = make_user("tuphap", "Cán bộ Sở Tư pháp", tw.justice, "handler")
    services.task_assign(task=task, actor=tw.officer, unit_ids=[tw.justice.pk], role=COORDINATING)
    # Then only the newly assigned unit is notified
    assert Notification.objects.filter(recipient=justice_officer).count() == 1
    assert not Notification.objects.filter(recipient=tw.home_affairs_officer).exists()


def test_roles_and_removal_keep_a_responsible_unit_while_carried_out(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    task = make_task(directive, units=((tw.home_affairs, RESPONSIBLE), (tw.justice, COORDINATING)))
    lead = task.assignments.get(unit=tw.home_affairs)
    helper = task.assignments.get(unit=tw.justice)
    # In a draft anything goes
    services.assignment_set_role(assignment=helper, actor=tw.officer, role=RESPONSIBLE)
    services.assignment_set_role(assignment=helper, actor=tw.officer, role=RESPONSIBLE)  # no-op
    services.assignment_set_role(assignment=helper, actor=tw.officer, role=COORDINATING)
    with pytest.raises(ApplicationError, match="responsible or coordinating"):
        services.assignment_set_role(assignment=helper, actor=tw.officer, role="boss")
    # Once carried out, the last responsible unit stays
    Directive.objects.filter(pk=directive.pk).update(status=Directive.Status.ACTIVE)
    with pytest.raises(ApplicationError, match="at least one responsible"):
        services.assignment_set_role(assignment=lead, actor=tw.officer, role=COORDINATING)
    with pytest.raises(ApplicationError, match="at least one responsible"):
        services.assignment_remove(assignment=lead, actor=tw.officer)
    # A unit that reported cannot be taken off; one that did not can
    TaskUpdate.objects.create(assignment=helper, status="in_progress", note="Đang làm")
    with pytest.raises(ApplicationError, match="already reported"):
        services.assignment_remove(assignment=helper, actor=tw.officer)
    TaskUpdate.objects.all().delete()
    services.assignment_remove(assignment=helper, actor=tw.officer)
    assert list(task.assignments.values_list("unit_id", flat=True)) == [tw.home_affairs.pk]


def test_importing_confirmed_suggestions_is_idempotent(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    drafts = [
        TaskDraft(
            task=_input(1),
            assignments=((tw.home_affairs.pk, RESPONSIBLE), (tw.justice.pk, COORDINATING)),
        ),
        TaskDraft(
            task=_input(2, mode=MODE_CYCLE, cycle="semiannual"),
            # the first commune is ticked twice: responsible wins
            assignments=(
                *tuple((c.pk, RESPONSIBLE) for c in tw.committees),
                (tw.committees[0].pk, COORDINATING),
            ),
        ),
    ]
    # When the confirmation is sent, then sent again with the same token
    tasks = services.tasks_import(directive=directive, actor=tw.officer, drafts=drafts, token="t")
    with pytest.raises(AlreadySubmittedError):
        services.tasks_import(directive=directive, actor=tw.officer, drafts=drafts, token="t")
    # And again with a fresh token (a reloaded page): the numbers are taken
    with pytest.raises(ApplicationError, match="must be new and different: 1, 2"):
        services.tasks_import(directive=directive, actor=tw.officer, drafts=drafts, token="u")
    # Then the two tasks exist once, with their units
    assert [t.position for t in tasks] == [1, 2]
    assert directive.tasks.count() == 2
    assert TaskAssignment.objects.count() == 5
    assert TaskAssignment.objects.get(unit=tw.committees[0]).role == RESPONSIBLE


def test_importing_refuses_bad_input_as_a_whole(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    with pytest.raises(ApplicationError, match="Tick at least one"):
        services.tasks_import(directive=directive, actor=tw.officer, drafts=[], token="a")
    twice = [TaskDraft(task=_input(4)), TaskDraft(task=_input(4))]
    with pytest.raises(ApplicationError, match="different: 4"):
        services.tasks_import(directive=directive, actor=tw.officer, drafts=twice, token="b")
    bad_role = [TaskDraft(task=_input(5), assignments=((tw.justice.pk, "boss"),))]
    with pytest.raises(ApplicationError, match="responsible or coordinating"):
        services.tasks_import(directive=directive, actor=tw.officer, drafts=bad_role, token="c")
    assert not Task.objects.exists()


def test_imported_tasks_of_an_active_directive_notify_their_units(tw: TaskWorld) -> None:
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    drafts = [TaskDraft(task=_input(1), assignments=((tw.home_affairs.pk, RESPONSIBLE),))]
    services.tasks_import(directive=directive, actor=tw.officer, drafts=drafts, token="x")
    assert Notification.objects.filter(recipient=tw.home_affairs_officer).count() == 1


def test_progress_done_needs_a_result_and_a_past_day(tw: TaskWorld, travel: Travel) -> None:
    travel(dt.date(2026, 12, 10))
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    task = make_task(directive, units=((tw.home_affairs, RESPONSIBLE),))
    assignment = task.assignments.get()
    officer = tw.home_affairs_officer
    record = services.assignment_progress_record
    # Done without a result, without a day, or in the future is refused
    with pytest.raises(ApplicationError, match="Describe the result"):
        record(assignment=assignment, actor=officer, status="done", done_on=dt.date(2026, 12, 9))
    with pytest.raises(ApplicationError, match="Enter the day"):
        record(assignment=assignment, actor=officer, status="done", result="Xong")
    with pytest.raises(ApplicationError, match="future"):
        record(
            assignment=assignment,
            actor=officer,
            status="done",
            result="Xong",
            done_on=dt.date(2026, 12, 11),
        )
    with pytest.raises(ApplicationError, match="in progress or done"):
        record(assignment=assignment, actor=officer, status="assigned")
    # In progress, then done: the assignment keeps the result, the history both reports
    record(assignment=assignment, actor=officer, status="in_progress", note="Đã dự thảo")
    record(
        assignment=assignment,
        actor=officer,
        status="done",
        result="Đã trình UBND tỉnh ban hành Kế hoạch số 12/KH-UBND",
        done_on=dt.date(2026, 12, 9),
        token="p-1",
    )
    with pytest.raises(AlreadySubmittedError):
        record(
            assignment=assignment,
            actor=officer,
            status="done",
            result="Lần hai",
            done_on=dt.date(2026, 12, 9),
            token="p-1",
        )
    assignment.refresh_from_db()
    assert assignment.status == TaskAssignment.Status.DONE
    assert assignment.done_on == dt.date(2026, 12, 9)
    assert assignment.result.startswith("Đã trình")
    assert list(assignment.updates.values_list("status", flat=True)) == ["in_progress", "done"]
    # Reopening clears the result
    record(assignment=assignment, actor=officer, status="in_progress", note="Bổ sung")
    reopened = TaskAssignment.objects.get(pk=assignment.pk)
    assert (reopened.status, reopened.result, reopened.done_on) == ("in_progress", "", None)


def test_progress_only_while_carried_out_and_closing(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    task = make_task(directive, units=((tw.home_affairs, RESPONSIBLE),))
    assignment = task.assignments.get()
    # In a draft, no progress and no closing
    with pytest.raises(ApplicationError, match="carried out"):
        services.assignment_progress_record(
            assignment=assignment, actor=tw.home_affairs_officer, status="in_progress"
        )
    with pytest.raises(ApplicationError, match="Only a directive being carried out"):
        services.directive_close(directive=directive, actor=tw.officer)
    # Started and closed: audited with the open assignments counted
    services.directive_activate(directive=directive, actor=tw.officer)
    services.directive_close(directive=directive, actor=tw.officer)
    directive.refresh_from_db()
    assert directive.status == Directive.Status.CLOSED
    entry = AuditEntry.objects.get(verb="directives_directive.close")
    assert entry.data == {"open_assignments": 1}
    with pytest.raises(ApplicationError, match="closed"):
        services.task_create(directive=directive, actor=tw.officer, data=_input(2))


def test_inactive_staff_are_not_notified(tw: TaskWorld) -> None:
    directive = make_directive(tw)
    make_task(directive, units=((tw.justice, RESPONSIBLE),))  # nobody works there
    RoleAssignment.objects.filter(user=tw.home_affairs_officer).update(is_active=False)
    services.directive_activate(directive=directive, actor=tw.officer)
    assert not Notification.objects.exists()

"""Who sees what: a unit sees only its own assignments; the managing unit sees all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from danvan.directives.models import Directive, TaskAssignment
from danvan.directives.selectors.tasks import (
    assignment_is_late,
    assignments_for_unit,
    assignments_of_directive,
    directives_managed_by,
)
from danvan.directives.tests.conftest import make_user
from danvan.directives.tests.tasks.conftest import (
    COORDINATING,
    RESPONSIBLE,
    TaskWorld,
    make_directive,
    make_task,
)
from danvan.units.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared(tw: TaskWorld) -> tuple[Directive, TaskAssignment, TaskAssignment]:
    """One active task given to the first two communes' committees."""
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    task = make_task(
        directive,
        title="Đối thoại với Nhân dân",
        units=((tw.committees[0], RESPONSIBLE), (tw.committees[1], COORDINATING)),
    )
    first = task.assignments.get(unit=tw.committees[0])
    second = task.assignments.get(unit=tw.committees[1])
    TaskAssignment.objects.filter(pk=second.pk).update(result="Kết quả bí mật của phường")
    return directive, first, second


def test_a_unit_cannot_open_another_units_assignment(
    client: Client, tw: TaskWorld, shared: tuple[Directive, TaskAssignment, TaskAssignment]
) -> None:
    _directive, first, second = shared
    # Given the officer of the first commune
    client.force_login(tw.world.commune_officers[0])
    # When they open their own assignment, then the second commune's
    own = client.get(reverse("directives:tasks_assignment_detail", args=[first.pk]))
    other = client.get(reverse("directives:tasks_assignment_detail", args=[second.pk]))
    missing = client.get(reverse("directives:tasks_assignment_detail", args=[999999]))
    # Then their own opens; the other is the same 404 as one that does not exist
    assert own.status_code == 200
    assert other.status_code == 404
    assert missing.status_code == 404
    assert other.content == missing.content
    # And a report posted to the other unit's assignment is refused the same way
    posted = client.post(
        reverse("directives:tasks_assignment_detail", args=[second.pk]),
        {"status": "in_progress", "note": "x"},
    )
    assert posted.status_code == 404
    assert not second.updates.exists()


def test_a_units_list_shows_only_its_own_assignments(
    client: Client, tw: TaskWorld, shared: tuple[Directive, TaskAssignment, TaskAssignment]
) -> None:
    _directive, first, _second = shared
    # Given the first commune's officer on their task list
    client.force_login(tw.world.commune_officers[0])
    response = client.get(reverse("directives:tasks_unit_list"))
    # Then the list holds their assignment only, and nothing of the other unit's report
    assert response.status_code == 200
    items = [assignment for assignment, _state in response.context["items"]]
    assert items == [first]
    assert "Kết quả bí mật" not in response.content.decode()
    # Asking for the other unit's list by its id is refused
    refused = client.get(reverse("directives:tasks_unit_list"), {"don-vi": tw.committees[1].pk})
    assert refused.status_code == 404
    # And the selector says the same
    assert list(assignments_for_unit(tw.committees[0])) == [first]


def test_units_do_not_see_a_directive_being_prepared(client: Client, tw: TaskWorld) -> None:
    # Given a draft task already given to the first commune
    directive = make_directive(tw)
    task = make_task(directive, units=((tw.committees[0], RESPONSIBLE),))
    assignment = task.assignments.get()
    client.force_login(tw.world.commune_officers[0])
    # Then it is neither listed nor opened
    listed = client.get(reverse("directives:tasks_unit_list"))
    assert listed.context["items"] == []
    assert (
        client.get(reverse("directives:tasks_assignment_detail", args=[assignment.pk])).status_code
        == 404
    )
    assert list(assignments_for_unit(tw.committees[0])) == []


def test_units_cannot_open_the_managing_pages(
    client: Client, tw: TaskWorld, shared: tuple[Directive, TaskAssignment, TaskAssignment]
) -> None:
    directive, first, _second = shared
    client.force_login(tw.world.commune_officers[0])
    pages = [
        reverse("directives:tasks_directive_list"),
        reverse("directives:tasks_directive_create"),
        reverse("directives:tasks_directive_detail", args=[directive.pk]),
        reverse("directives:tasks_suggest", args=[directive.pk]),
        reverse("directives:tasks_task_detail", args=[directive.pk, first.task_id]),
        reverse("directives:tasks_directive_unit", args=[directive.pk, first.unit_id]),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
    # Nor act on them
    for name, args in [
        ("directives:tasks_directive_close", [directive.pk]),
        ("directives:tasks_task_assign", [directive.pk, first.task_id]),
        ("directives:tasks_assignment_remove", [directive.pk, first.pk]),
    ]:
        assert client.post(reverse(name, args=args)).status_code == 404
    assert TaskAssignment.objects.filter(pk=first.pk).exists()


def test_the_managing_unit_sees_every_units_progress(
    client: Client, tw: TaskWorld, shared: tuple[Directive, TaskAssignment, TaskAssignment]
) -> None:
    directive, first, second = shared
    # Given the commission officer
    client.force_login(tw.officer)
    # Then the task page lists both units, and each unit's assignment opens (read only)
    task_page = client.get(
        reverse("directives:tasks_task_detail", args=[directive.pk, first.task_id])
    )
    assert {a.pk for a, _s in task_page.context["items"]} == {first.pk, second.pk}
    other = client.get(reverse("directives:tasks_assignment_detail", args=[second.pk]))
    assert other.status_code == 200
    assert other.context["form"] is None
    assert "Kết quả bí mật của phường" in other.content.decode()
    assert list(directives_managed_by(tw.officer)) == [directive]
    assert list(assignments_of_directive(directive)) == [first, second]


def test_a_commission_of_another_province_sees_nothing(
    client: Client, tw: TaskWorld, shared: tuple[Directive, TaskAssignment, TaskAssignment]
) -> None:
    directive, first, _second = shared
    # Given the commission officer of another province
    other = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    commission = Unit.objects.create(
        code="VN-01-BTGDV",
        name="Ban Tuyên giáo và Dân vận Thành ủy",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=other,
    )
    stranger = make_user("hanoi", "Cán bộ Hà Nội", commission, RoleAssignment.Role.COMMISSION_STAFF)
    client.force_login(stranger)
    # Then the directive, its task and its assignments are 404 and not listed
    assert (
        client.get(reverse("directives:tasks_directive_detail", args=[directive.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("directives:tasks_assignment_detail", args=[first.pk])).status_code
        == 404
    )
    listing = client.get(reverse("directives:tasks_directive_list"))
    assert list(listing.context["page"].object_list) == []
    assert list(directives_managed_by(stranger)) == []


def test_people_without_a_staff_role_get_404(client: Client, tw: TaskWorld) -> None:
    client.force_login(tw.world.citizen)
    assert client.get(reverse("directives:tasks_unit_list")).status_code == 404
    assert client.get(reverse("directives:tasks_directive_list")).status_code == 404
    assert list(directives_managed_by(tw.world.citizen)) == []
    # And anonymous visitors are sent to log in
    client.logout()
    response = client.get(reverse("directives:tasks_unit_list"))
    assert response.status_code == 302


def test_late_means_overdue_or_done_after_the_due_date(tw: TaskWorld) -> None:
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    task = make_task(directive, due_on=dt.date(2026, 12, 15), units=((tw.justice, RESPONSIBLE),))
    assignment = task.assignments.get()
    # Not done: late only after the due date
    assert not assignment_is_late(assignment, dt.date(2026, 12, 15))
    assert assignment_is_late(assignment, dt.date(2026, 12, 16))
    # Done on the day: not late; done after: late, whatever today is
    assignment.status, assignment.done_on = TaskAssignment.Status.DONE, dt.date(2026, 12, 15)
    assert not assignment_is_late(assignment, dt.date(2027, 1, 1))
    assignment.done_on = dt.date(2026, 12, 16)
    assert assignment_is_late(assignment, dt.date(2026, 12, 16))
    # Without a due date nothing is late
    task.due_on = None
    assert not assignment_is_late(assignment, dt.date(2030, 1, 1))

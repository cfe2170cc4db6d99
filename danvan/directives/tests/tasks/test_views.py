"""The pages, end to end through HTTP: the managing unit's and the units'."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from danvan.directives.models import Directive, Task, TaskAssignment, TaskUpdate
from danvan.directives.selectors.tasks import deadline_state
from danvan.directives.tests.conftest import make_user
from danvan.directives.tests.tasks.conftest import (
    COORDINATING,
    RESPONSIBLE,
    TaskWorld,
    Travel,
    make_directive,
    make_task,
)
from danvan.units.middleware import SESSION_KEY
from danvan.units.models import RoleAssignment

pytestmark = pytest.mark.django_db


def _login(client: Client, tw: TaskWorld) -> None:
    client.force_login(tw.officer)


def test_following_a_document_up_from_the_register(client: Client, tw: TaskWorld) -> None:
    _login(client, tw)
    url = reverse("directives:tasks_directive_create")
    # Given the search for the document, with and without diacritics in the symbol
    found = client.get(url, {"q": "125-CV/BTGDVTU"})
    assert [d.pk for d in found.context["found"]] == [tw.document.pk]
    assert client.get(url, {"q": "dân vận chính quyền"}).context["found"] == []  # not in text
    assert client.get(url, {"q": "zzz"}).status_code == 200
    # When the officer chooses it and confirms
    confirm = client.get(url, {"van-ban": tw.document.pk})
    assert confirm.context["document"] == tw.document
    assert confirm.context["document_url"] == f"/chi-dao/van-ban/{tw.document.pk}/"
    response = client.post(url, {"van-ban": tw.document.pk, "title": ""})
    # Then the directive is managed by the officer's unit and opens
    directive = Directive.objects.get()
    assert directive.unit == tw.world.commission
    assert response["Location"] == reverse("directives:tasks_directive_detail", args=[directive.pk])
    # Pressing again leads to the same directive
    again = client.post(url, {"van-ban": tw.document.pk})
    assert again["Location"] == response["Location"]
    assert Directive.objects.count() == 1
    assert client.get(url, {"van-ban": tw.document.pk}).context["existing"] == directive
    # An unknown document is a 404
    assert client.post(url, {"van-ban": "999999"}).status_code == 404


def test_only_a_managing_active_unit_may_follow_documents_up(client: Client, tw: TaskWorld) -> None:
    # Given the commission officer who also works for the department, acting for it now
    role = RoleAssignment.objects.create(
        user=tw.officer, unit=tw.world.communes[0], role=RoleAssignment.Role.HANDLER
    )
    _login(client, tw)
    session = client.session
    session[SESSION_KEY] = role.pk
    session.save()
    # Then the create page is refused (a handler directs nothing)
    assert client.get(reverse("directives:tasks_directive_create")).status_code == 404
    listing = client.get(reverse("directives:tasks_directive_list"))
    assert listing.status_code == 200
    assert not listing.context["may_create"]


def test_adding_a_task_counted_in_working_days_across_national_day(
    client: Client, tw: TaskWorld, travel: Travel
) -> None:
    # Given the frozen clock on Fri 28/8/2026 and a directive dated that day
    travel(dt.date(2026, 8, 28))
    tw.document.issued_on = dt.date(2026, 8, 28)
    tw.document.save(update_fields=["issued_on"])
    directive = make_directive(tw)
    _login(client, tw)
    url = reverse("directives:tasks_task_create", args=[directive.pk])
    form = client.get(url).context["form"]
    assert form.initial["position"] == 1
    assert form.initial["counted_from"] == dt.date(2026, 8, 28)

    # When the task is due "within 5 working days" of 28/8
    response = client.post(
        url,
        {
            "position": "1",
            "title": "Báo cáo nhanh tình hình",
            "deadline_mode": "working_days",
            "working_days": "5",
            "counted_from": "28/08/2026",
            "form_token": "tok-a",
        },
    )

    # Then two weekends, 31/8 (day off swapped from 22/8) and 1–2/9 (National Day) are
    # skipped: due Wed 9/9/2026, and the task page says how it was counted
    task = Task.objects.get()
    assert response["Location"] == reverse(
        "directives:tasks_task_detail", args=[directive.pk, task.pk]
    )
    assert task.due_on == dt.date(2026, 9, 9)
    count = client.get(response["Location"]).context["count"]
    assert count.weekend_days == 4  # 29–30/8 and 5–6/9
    assert [day.date for day in count.days_off] == [
        dt.date(2026, 8, 31),
        dt.date(2026, 9, 1),
        dt.date(2026, 9, 2),
    ]
    assert "National Day" in count.days_off[1].name
    # The same form sent twice adds nothing
    client.post(
        url, {"position": "2", "title": "x", "deadline_mode": "ongoing", "form_token": "tok-a"}
    )
    assert directive.tasks.count() == 1


def test_task_form_errors_and_edits(client: Client, tw: TaskWorld, travel: Travel) -> None:
    travel(dt.date(2026, 11, 3))
    directive = make_directive(tw)
    task = make_task(directive, position=1)
    _login(client, tw)
    create = reverse("directives:tasks_task_create", args=[directive.pk])
    # Missing deadline parts are shown on their fields; a taken number at the top
    for data, field in [
        ({"deadline_mode": "date"}, "due_on"),
        ({"deadline_mode": "working_days"}, "working_days"),
        ({"deadline_mode": "cycle"}, "cycle"),
    ]:
        response = client.post(create, {"position": "2", "title": "Mới", **data})
        assert response.status_code == 400
        assert field in response.context["form"].errors
    taken = client.post(create, {"position": "1", "title": "Mới", "deadline_mode": "ongoing"})
    assert taken.status_code == 400
    assert "Mới" in taken.content.decode()
    # Editing: the form shows the task, and saves changes
    edit = reverse("directives:tasks_task_edit", args=[directive.pk, task.pk])
    assert client.get(edit).context["form"].initial["deadline_mode"] == "date"
    client.post(
        edit, {"position": "3", "title": "Đã sửa", "deadline_mode": "cycle", "cycle": "quarterly"}
    )
    task.refresh_from_db()
    assert (task.position, task.title, task.cycle) == (3, "Đã sửa", "quarterly")
    make_task(directive, position=4)
    clash = client.post(edit, {"position": "4", "title": "Đã sửa", "deadline_mode": "ongoing"})
    assert clash.status_code == 400
    # Removing it (draft)
    client.post(reverse("directives:tasks_task_delete", args=[directive.pk, task.pk]))
    assert not Task.objects.filter(pk=task.pk).exists()


def test_giving_a_task_to_units_from_its_page(client: Client, tw: TaskWorld) -> None:
    directive = make_directive(tw)
    task = make_task(directive)
    _login(client, tw)
    page = reverse("directives:tasks_task_detail", args=[directive.pk, task.pk])
    # When the officer searches "noi vu" (no diacritics) and gives it to the department
    found = client.get(page, {"q": "noi vu"}).context["found"]
    assert found == [tw.home_affairs]
    assign = reverse("directives:tasks_task_assign", args=[directive.pk, task.pk])
    client.post(assign, {"units": [tw.home_affairs.pk], "role": RESPONSIBLE, "form_token": "a1"})
    # (once given the task, it is no longer offered)
    assert client.get(page, {"q": "noi vu"}).context["found"] == []
    # And then every commune's committee as coordinating
    response = client.post(
        assign, {"group": "commune_committees", "role": COORDINATING, "form_token": "a2"}
    )
    assert response.status_code == 302
    assert task.assignments.count() == 4
    # Nothing chosen, or a unit outside the remit: the form says so
    assert client.post(assign, {"role": RESPONSIBLE}).status_code == 400
    assert client.post(assign, {"units": ["999999"], "role": RESPONSIBLE}).status_code == 400
    replay = client.post(
        assign, {"group": "commune_committees", "role": COORDINATING, "form_token": "a2"}
    )
    assert replay.status_code == 302
    # Filtering the task's units and changing a role, then taking a unit back
    coordinating = client.get(page, {"trang-thai": "chua-xong"})
    assert len(coordinating.context["items"]) == 4
    lead = task.assignments.get(unit=tw.home_affairs)
    helper = task.assignments.get(unit=tw.committees[0])
    client.post(
        reverse("directives:tasks_assignment_role", args=[directive.pk, helper.pk]),
        {"role": RESPONSIBLE},
    )
    helper.refresh_from_db()
    assert helper.role == RESPONSIBLE
    bad = client.post(
        reverse("directives:tasks_assignment_role", args=[directive.pk, helper.pk]), {"role": "x"}
    )
    assert bad.status_code == 302
    client.post(reverse("directives:tasks_assignment_remove", args=[directive.pk, lead.pk]))
    assert not TaskAssignment.objects.filter(pk=lead.pk).exists()
    # An assignment of another directive is not reachable through this one
    other = make_task(make_directive_for_other_document(tw), units=((tw.justice, RESPONSIBLE),))
    foreign = other.assignments.get()
    url = reverse("directives:tasks_assignment_remove", args=[directive.pk, foreign.pk])
    assert client.post(url).status_code == 404


def make_directive_for_other_document(tw: TaskWorld) -> Directive:
    from danvan.directives.tests.tasks.conftest import make_document

    return Directive.objects.create(
        document=make_document(symbol="7-KH/BTGDVTU"), unit=tw.world.commission, title="Khác"
    )


def test_start_progress_and_close_through_the_pages(
    client: Client, tw: TaskWorld, travel: Travel
) -> None:
    travel(dt.date(2026, 12, 10))
    directive = make_directive(tw)
    task = make_task(
        directive,
        due_on=dt.date(2026, 12, 15),
        units=((tw.home_affairs, RESPONSIBLE), (tw.committees[0], COORDINATING)),
    )
    late_task = make_task(directive, position=2, due_on=dt.date(2026, 12, 1),
                          units=((tw.home_affairs, RESPONSIBLE),))  # fmt: skip
    _login(client, tw)
    detail = reverse("directives:tasks_directive_detail", args=[directive.pk])
    assert client.get(detail).context["missing"] == []
    # When the commission starts the directive
    client.post(reverse("directives:tasks_directive_activate", args=[directive.pk]))
    directive.refresh_from_db()
    assert directive.status == Directive.Status.ACTIVE
    # A second press is refused with a message, not an error page
    refused = client.post(reverse("directives:tasks_directive_activate", args=[directive.pk]))
    assert refused.status_code == 302

    # Then the department sees its two tasks, the overdue one marked, in Vietnamese style
    client.force_login(tw.home_affairs_officer)
    listing = client.get(reverse("directives:tasks_unit_list"))
    states = {a.task_id: s for a, s in listing.context["items"]}
    assert states[late_task.pk].kind == "overdue"
    assert states[task.pk].kind == "ok"
    overdue_only = client.get(reverse("directives:tasks_unit_list"), {"trang-thai": "qua-han"})
    assert [a.task_id for a, _s in overdue_only.context["items"]] == [late_task.pk]
    for_directive = client.get(reverse("directives:tasks_unit_list"), {"chi-dao": directive.pk})
    assert len(for_directive.context["items"]) == 2

    # When it reports the task done without a result: refused, what was typed is kept
    assignment = task.assignments.get(unit=tw.home_affairs)
    page = reverse("directives:tasks_assignment_detail", args=[assignment.pk])
    blank = client.post(
        page, {"status": "done", "note": "Ghi chú giữ lại", "done_on": "2026-12-09"}
    )
    assert blank.status_code == 400
    assert "Ghi chú giữ lại" in blank.content.decode()
    future = client.post(page, {"status": "done", "result": "Xong", "done_on": "2026-12-31"})
    assert future.status_code == 400
    # And with the result
    done = client.post(
        page,
        {
            "status": "done",
            "result": "Đã ban hành Kế hoạch",
            "done_on": "2026-12-09",
            "form_token": "d1",
        },
    )
    assert done.status_code == 302
    client.post(
        page,
        {
            "status": "done",
            "result": "Đã ban hành Kế hoạch",
            "done_on": "2026-12-09",
            "form_token": "d1",
        },
    )
    assert TaskUpdate.objects.filter(assignment=assignment).count() == 1
    shown = client.get(page)
    assert shown.context["state"].kind == "done"
    assert shown.context["form"].initial["result"] == "Đã ban hành Kế hoạch"

    # The commission sees the progress per task and per unit
    client.force_login(tw.officer)
    context = client.get(detail).context
    assert context["total"].done == 1
    assert context["total"].overdue == 1
    units = {item.unit_id: item.progress for item in context["units_page"].object_list}
    assert (units[tw.home_affairs.pk].done, units[tw.home_affairs.pk].overdue) == (1, 1)
    unit_page = client.get(
        reverse("directives:tasks_directive_unit", args=[directive.pk, tw.home_affairs.pk])
    )
    assert "Đã ban hành Kế hoạch" in unit_page.content.decode()
    assert (
        client.get(
            reverse("directives:tasks_directive_unit", args=[directive.pk, tw.justice.pk])
        ).status_code
        == 404
    )
    listing = client.get(reverse("directives:tasks_directive_list"), {"trang-thai": "active"})
    (row,) = listing.context["page"].object_list
    assert (row.task_count, row.assignment_count, row.done_count, row.overdue_count) == (2, 3, 1, 1)

    # When it closes the directive, the unit can no longer report
    client.post(reverse("directives:tasks_directive_close", args=[directive.pk]))
    client.force_login(tw.home_affairs_officer)
    closed = client.get(page)
    assert closed.context["form"] is None
    assert client.post(page, {"status": "in_progress"}).status_code == 404


def test_a_person_of_two_units_chooses_which_list(client: Client, tw: TaskWorld) -> None:
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    make_task(directive, position=1, units=((tw.home_affairs, RESPONSIBLE),))
    make_task(directive, position=2, units=((tw.justice, RESPONSIBLE),))
    both = make_user("hai", "Cán bộ hai đơn vị", tw.home_affairs, "head")
    RoleAssignment.objects.create(user=both, unit=tw.justice, role="handler")
    client.force_login(both)
    url = reverse("directives:tasks_unit_list")
    assert len(client.get(url).context["items"]) == 2
    only = client.get(url, {"don-vi": tw.justice.pk})
    assert [a.unit_id for a, _s in only.context["items"]] == [tw.justice.pk]


@pytest.mark.parametrize(
    ("due_on", "status", "done_on", "kind", "label"),
    [
        (None, "assigned", None, "none", "no fixed due date"),
        (dt.date(2026, 12, 10), "assigned", None, "soon", "due today"),
        (dt.date(2026, 12, 7), "in_progress", None, "overdue", "3 days overdue"),
        (dt.date(2026, 12, 11), "assigned", None, "soon", "1 day left (1 working days)"),
        (dt.date(2026, 12, 21), "assigned", None, "ok", "11 days left (7 working days)"),
        (dt.date(2026, 12, 21), "done", dt.date(2026, 12, 9), "done", "done on time"),
        (None, "done", dt.date(2026, 12, 9), "done", "done"),
        (dt.date(2026, 12, 5), "done", dt.date(2026, 12, 9), "done_late", "done 4 days late"),
    ],
)
def test_deadline_states(
    due_on: dt.date | None, status: str, done_on: dt.date | None, kind: str, label: str
) -> None:
    # Given Thu 10/12/2026; When the state of a task is described (in English here)
    with translation.override("en"):
        state = deadline_state(
            due_on=due_on, today=dt.date(2026, 12, 10), status=status, done_on=done_on
        )
    # Then the kind and the words are the expected ones
    assert (state.kind, state.label) == (kind, label)
    assert state.is_late == (kind in {"overdue", "done_late"})


def test_the_directive_page_for_many_units_shows_counts(client: Client, tw: TaskWorld) -> None:
    # Given a task with more units than are listed inline
    directive = make_directive(tw)
    units = [
        *(tw.home_affairs, tw.justice, tw.culture, tw.police, tw.inspectorate, tw.front),
        *(tw.farmers, tw.women, tw.province_committee, *tw.committees, tw.world.commission),
    ]
    make_task(directive, units=tuple((u, RESPONSIBLE) for u in units))
    _login(client, tw)
    (row,) = client.get(reverse("directives:tasks_directive_detail", args=[directive.pk])).context[
        "rows"
    ]
    assert not row["inline"]
    assert row["progress"].total == 13


def test_the_units_list_names_a_single_directive_once(client: Client, tw: TaskWorld) -> None:
    # Given a department with two tasks of the same directive
    directive = make_directive(tw, status=Directive.Status.ACTIVE)
    make_task(directive, position=1, units=((tw.home_affairs, RESPONSIBLE),))
    make_task(directive, position=2, units=((tw.home_affairs, RESPONSIBLE),))
    client.force_login(tw.home_affairs_officer)
    url = reverse("directives:tasks_unit_list")
    # When its officer opens the unit's list
    response = client.get(url)
    html = response.content.decode()
    # Then the directive is named once above the table, not in a column on every row
    assert response.context["only_directive"] == directive
    assert html.count(directive.title) == 1
    assert 'role="columnheader">Directive</th>' not in html
    # and every cell carries its column's name (the phone layout labels the cells with it)
    cells = re.findall(r"<td\b[^>]*>", html)
    assert len(cells) == 2 * 5
    assert all('role="cell" data-label="' in cell for cell in cells)
    assert 'data-label="Time left"' in html
    # When a task of another directive is given to it, the column comes back
    other = make_directive_for_other_document(tw)
    other.status = Directive.Status.ACTIVE
    other.save(update_fields=["status"])
    make_task(other, position=1, units=((tw.home_affairs, RESPONSIBLE),))
    response = client.get(url)
    html = response.content.decode()
    assert response.context["only_directive"] is None
    assert 'role="columnheader">Directive</th>' in html
    assert html.count(f'data-label="Directive">{directive.title}') == 2
    # And the managers' page keeps a task's progress on one line
    _login(client, tw)
    page = client.get(reverse("directives:tasks_directive_detail", args=[directive.pk]))
    assert page.content.decode().count('class="tasks-progress"') == 1 + 2

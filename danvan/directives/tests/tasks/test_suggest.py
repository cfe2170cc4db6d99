"""The suggestions page: tasks read from the dispatch, ticked, edited and confirmed once."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from danvan.directives.models import Directive, Task, TaskAssignment
from danvan.directives.tests.tasks.conftest import (
    COORDINATING,
    RESPONSIBLE,
    TaskWorld,
    Travel,
    make_directive,
    make_document,
    make_task,
)

pytestmark = pytest.mark.django_db


def _post_data(response: Any) -> dict[str, Any]:
    """The suggestions form as the browser would send it, untouched."""
    data: dict[str, Any] = {"form_token": response.context["token"]}
    for _suggestion, form, _exists in response.context["items"]:
        for name, _field in form.fields.items():
            value = form[name].value()
            if value in (None, "", False, []):
                continue
            key = form.add_prefix(name)
            if value is True:
                data[key] = "on"
            elif isinstance(value, list):
                data[key] = [str(v) for v in value]
            elif isinstance(value, dt.date):
                data[key] = value.isoformat()
            else:
                data[key] = str(value)
    return data


def test_the_officer_confirms_the_suggested_tasks_once(
    client: Client, tw: TaskWorld, travel: Travel
) -> None:
    travel(dt.date(2026, 11, 3))
    directive = make_directive(tw)
    url = reverse("directives:tasks_suggest", args=[directive.pk])
    client.force_login(tw.officer)

    # Given the suggestions page of the dispatch
    page = client.get(url)
    assert page.status_code == 200
    assert len(page.context["items"]) == 10
    html = page.content.decode()
    assert "Sở Giáo dục và Đào tạo" in html  # named but not found among the units
    assert "trước ngày 15/12/2026" in html

    # When the officer unticks item 9, retitles item 1 and trims one commune from item 2
    data = _post_data(page)
    del data["item-9-include"]
    data["item-1-title"] = "Tham mưu Kế hoạch dân vận chính quyền năm 2027"
    data["item-2-group_commune_committees_units"] = [
        str(tw.committees[0].pk),
        str(tw.committees[1].pk),
    ]
    created = client.post(url, data)

    # Then nine tasks exist with the chosen units, deadlines and cycles
    assert created.status_code == 302
    tasks = {t.position: t for t in directive.tasks.all()}
    assert sorted(tasks) == [1, 2, 3, 4, 5, 6, 7, 8, 10]
    assert tasks[1].title == "Tham mưu Kế hoạch dân vận chính quyền năm 2027"
    assert tasks[1].due_on == dt.date(2026, 12, 15)
    assert dict(tasks[1].assignments.values_list("unit_id", "role")) == {
        tw.home_affairs.pk: RESPONSIBLE,
        tw.justice.pk: COORDINATING,
    }
    assert set(tasks[2].assignments.values_list("unit_id", flat=True)) == {
        tw.committees[0].pk,
        tw.committees[1].pk,
    }
    assert tasks[2].cycle == "semiannual"
    assert (tasks[6].working_days, tasks[6].counted_from, tasks[6].due_on) == (
        10,
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 16),
    )
    assert tasks[3].is_ongoing
    count = TaskAssignment.objects.filter(task__directive=directive).count()

    # When the same form is sent again (a double click or a retry)
    again = client.post(url, data)
    # Then nothing more is created
    assert again.status_code == 302
    assert directive.tasks.count() == 9
    assert TaskAssignment.objects.filter(task__directive=directive).count() == count

    # And reloading the page leaves the created items unticked, so a new confirmation with
    # a new token creates only what is ticked: item 9
    reloaded = client.get(url)
    states = {s.position: exists for s, _f, exists in reloaded.context["items"]}
    assert states[1]
    assert states[10]
    assert not states[9]
    second = client.post(url, _post_data(reloaded))
    assert second.status_code == 302
    assert directive.tasks.count() == 10


def test_errors_keep_what_was_typed(client: Client, tw: TaskWorld, travel: Travel) -> None:
    travel(dt.date(2026, 11, 3))
    directive = make_directive(tw)
    make_task(directive, position=20)
    url = reverse("directives:tasks_suggest", args=[directive.pk])
    client.force_login(tw.officer)
    data = _post_data(client.get(url))
    # When item 1 loses its date and item 2 is renumbered onto an existing task
    data["item-1-due_on"] = ""
    data["item-2-title"] = "Tiêu đề đã sửa"
    response = client.post(url, data)
    # Then the page comes back with the error and the edits kept; nothing is created
    assert response.status_code == 400
    assert "Tiêu đề đã sửa" in response.content.decode()
    assert directive.tasks.count() == 1
    # When item 1 is fixed but item 2 takes the existing number 20
    data["item-1-due_on"] = "2026-12-15"
    data["item-2-position"] = "20"
    refused = client.post(url, data)
    assert refused.status_code == 400
    assert "20" in refused.context["error"]
    assert directive.tasks.count() == 1
    # When nothing is ticked
    none_ticked = {k: v for k, v in data.items() if not k.endswith("-include")}
    empty = client.post(url, none_ticked)
    assert empty.status_code == 400
    assert directive.tasks.count() == 1


def test_documents_without_text_or_items_say_so(client: Client, tw: TaskWorld) -> None:
    client.force_login(tw.officer)
    for text, message in [("", "has no text"), ("Đề nghị thực hiện tốt.", "No numbered task")]:
        document = make_document(symbol=f"{len(text)}-CV/BTGDVTU", full_text=text)
        directive = Directive.objects.create(
            document=document, unit=tw.world.commission, title="Theo dõi"
        )
        response = client.get(reverse("directives:tasks_suggest", args=[directive.pk]))
        assert response.status_code == 200
        assert message in response.content.decode()


def test_a_closed_directive_has_no_suggestions(client: Client, tw: TaskWorld) -> None:
    directive = make_directive(tw, status=Directive.Status.CLOSED)
    client.force_login(tw.officer)
    assert client.get(reverse("directives:tasks_suggest", args=[directive.pk])).status_code == 404
    assert not Task.objects.exists()

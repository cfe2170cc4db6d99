"""Schedule pages: the public list, the management page and the head's dashboard panel."""

import datetime as dt

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import translation

from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.tests.schedule.conftest import Day
from danvan.petitions.views.schedule import register_panels, schedule_panel_context
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
Status = ReceptionScheduleDay.Status


def _manage(unit: Unit) -> str:
    return reverse("petitions:schedule_manage", kwargs={"unit_code": unit.code})


def _form(**changes: str) -> dict[str, str]:
    data = {
        "head": "",
        "delegate": "",
        "kind": "regular",
        "date": "2026-11-05",
        "start_time": "07:30",
        "end_time": "11:30",
        "place": "Phòng tiếp công dân, trụ sở UBND xã Khoái Châu",
        "online_link": "",
        "note": "",
    }
    data.update(changes)
    return data


def test_the_public_page_publishes_days_in_administrative_style(
    client: Client, commune_committee: Unit, chairman: User, day: Day
) -> None:
    day(commune_committee, chairman, dt.date(2026, 11, 5), online_link="https://meet.example.vn/x")
    day(
        commune_committee,
        chairman,
        dt.date(2026, 11, 6),
        status=Status.CANCELLED,
        cancel_reason="Chủ tịch đi công tác",
    )
    url = reverse("petitions:schedule_public", kwargs={"unit_code": commune_committee.code})
    with translation.override("vi"):
        response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "ngày 05 tháng 11 năm 2026" in html
    assert "Nguyễn Văn An, Chủ tịch" in html
    assert "Chủ tịch đi công tác" in html
    assert "https://meet.example.vn/x" in html
    assert "136/2025/QH15" in html
    index = client.get(reverse("petitions:schedule_index")).content.decode()
    assert url in index
    assert client.get(reverse("petitions:schedule_public", args=["NO-SUCH"])).status_code == 404


def test_the_public_page_of_a_unit_without_days(client: Client, commune: Unit) -> None:
    url = reverse("petitions:schedule_public", kwargs={"unit_code": commune.code})
    assert client.get(url).status_code == 200
    assert client.get(reverse("petitions:schedule_index")).status_code == 200


def test_only_the_unit_s_heads_and_reception_office_manage_it(
    client: Client,
    commune_committee: Unit,
    chairman: User,
    reception_officer: User,
    handler: User,
    other_handler: User,
    other_committee: Unit,
) -> None:
    url = _manage(commune_committee)
    assert client.get(url).status_code == 302  # log in first
    for user in (chairman, reception_officer):
        client.force_login(user)
        assert client.get(url).status_code == 200
    for user in (handler, other_handler):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _form()).status_code == 404
    client.force_login(chairman)
    assert client.get(_manage(other_committee)).status_code == 404
    assert client.get(reverse("petitions:schedule_manage", args=["NO-SUCH"])).status_code == 404


def test_planning_through_the_page(
    client: Client, commune_committee: Unit, chairman: User, reception_officer: User
) -> None:
    client.force_login(reception_officer)
    response = client.post(_manage(commune_committee), _form(head=str(chairman.pk)))
    assert response.status_code == 302
    assert "year=2026&month=11" in response["Location"]
    day = ReceptionScheduleDay.objects.get()
    assert (day.head, day.created_by, day.date) == (
        chairman,
        reception_officer,
        dt.date(2026, 11, 5),
    )
    page = client.get(response["Location"])
    [status] = page.context["statuses"]
    assert (status.head, status.counted, status.required) == (chairman, 1, 2)
    assert f'id="day-{day.pk}"' in page.content.decode()


def test_bad_input_keeps_what_was_typed(
    client: Client, commune_committee: Unit, chairman: User
) -> None:
    client.force_login(chairman)
    # missing place, end before start
    response = client.post(
        _manage(commune_committee),
        _form(
            head=str(chairman.pk),
            place="",
            start_time="11:00",
            end_time="08:00",
            note="Tiếp dân về đất đai",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Tiếp dân về đất đai" in html
    assert html.count('class="errorlist') >= 2
    # a Saturday: the service explains, the form keeps the values
    response = client.post(
        _manage(commune_committee),
        _form(head=str(chairman.pk), date="2026-11-07", place="Hội trường xã"),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "07/11/2026" in html
    assert 'value="Hội trường xã"' in html
    assert not ReceptionScheduleDay.objects.exists()


def test_recording_and_cancelling_days(
    client: Client,
    commune_committee: Unit,
    chairman: User,
    day: Day,
    other_committee: Unit,
    other_handler: User,
) -> None:
    today = day(commune_committee, chairman, dt.date(2026, 11, 2))
    later = day(commune_committee, chairman, dt.date(2026, 11, 5))
    client.force_login(chairman)
    held_url = reverse("petitions:schedule_day_held", args=[commune_committee.code, today.pk])
    cancel_url = reverse("petitions:schedule_day_cancel", args=[commune_committee.code, later.pk])
    page = client.get(_manage(commune_committee)).content.decode()
    assert held_url in page  # today can be recorded
    assert (
        reverse("petitions:schedule_day_held", args=[commune_committee.code, later.pk]) not in page
    )
    # the outcome is recorded
    assert client.post(held_url, {"outcome_note": "Tiếp 4 lượt công dân"}).status_code == 302
    today.refresh_from_db()
    assert (today.status, today.outcome_note) == (Status.HELD, "Tiếp 4 lượt công dân")
    # a second record is refused with a message, a too long outcome too
    response = client.post(held_url, {"outcome_note": "x"}, follow=True)
    assert list(response.context["messages"])[-1].level_tag == "error"
    later_held = reverse("petitions:schedule_day_held", args=[commune_committee.code, later.pk])
    response = client.post(later_held, {"outcome_note": "x" * 3000}, follow=True)
    assert list(response.context["messages"])[-1].level_tag == "error"
    # cancelling needs a reason; the form says so and keeps the page
    response = client.post(cancel_url, {"reason": ""})
    assert response.status_code == 400
    assert 'class="errorlist' in response.content.decode()
    assert client.post(cancel_url, {"reason": "Đi công tác tỉnh"}).status_code == 302
    later.refresh_from_db()
    assert later.status == Status.CANCELLED
    response = client.post(cancel_url, {"reason": "Lần nữa"}, follow=True)
    assert list(response.context["messages"])[-1].level_tag == "error"
    # a day of another unit is not reachable through this unit
    client.force_login(other_handler)
    assert client.post(held_url).status_code == 404
    other_url = reverse("petitions:schedule_day_held", args=[other_committee.code, today.pk])
    client.force_login(chairman)
    assert client.post(other_url).status_code == 404


def test_month_navigation_and_bad_month(
    client: Client, commune_committee: Unit, chairman: User
) -> None:
    client.force_login(chairman)
    response = client.get(_manage(commune_committee), {"year": "2026", "month": "6"})
    assert response.context["statuses"][0].required == 5
    response = client.get(_manage(commune_committee), {"year": "2026", "month": "13"})
    assert response.status_code == 200
    assert response.context["month"] == 11
    assert 'role="alert"' in response.content.decode()


def test_the_head_s_dashboard_warns_of_a_shortfall(
    client: Client,
    commune_committee: Unit,
    chairman: User,
    reception_officer: User,
    deputy: User,
    handler: User,
    day: Day,
) -> None:
    register_panels()
    day(commune_committee, chairman, dt.date(2026, 11, 5))
    client.force_login(chairman)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="panel-petitions-schedule"' in html
    assert "message--warning" in html
    assert _manage(commune_committee) in html
    # the reception office sees the chairman's line too; a deputy sees the chairman's
    for user in (reception_officer, deputy):
        client.force_login(user)
        html = client.get(reverse("core:dashboard")).content.decode()
        assert "Nguyễn Văn An" in html
    # a handler does not get the panel
    client.force_login(handler)
    assert (
        'id="panel-petitions-schedule"'
        not in client.get(reverse("core:dashboard")).content.decode()
    )
    # when the duty is met for November and December, no warning is left
    day(commune_committee, chairman, dt.date(2026, 11, 19))
    day(commune_committee, chairman, dt.date(2026, 12, 3))
    day(commune_committee, chairman, dt.date(2026, 12, 17))
    client.force_login(chairman)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert "message--warning" not in html


def test_the_panel_for_a_unit_without_duty(client: Client, commune: Unit, person: object) -> None:
    register_panels()
    user = User.objects.create_user(username="truongthon", password="x", full_name="Hà Văn Sơn")
    RoleAssignment.objects.create(user=user, unit=commune, role=RoleAssignment.Role.HEAD)
    client.force_login(user)
    html = client.get(reverse("core:dashboard")).content.decode()
    assert 'id="panel-petitions-schedule"' in html
    assert reverse("petitions:schedule_public", args=[commune.code]) in html


def test_the_panel_is_empty_without_a_staff_role(rf: RequestFactory, citizen: User) -> None:
    request = rf.get("/")
    request.user = citizen
    request.active_role = None  # type: ignore[attr-defined]
    assert schedule_panel_context(request)["schedule"].statuses == []

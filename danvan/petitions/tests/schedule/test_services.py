"""Planning and recording reception days: working days only, delegation rules, records."""

import datetime as dt

import pytest
import time_machine

from danvan.audit.models import AuditEntry
from danvan.core.exceptions import ApplicationError
from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.petitions.services.schedule import (
    reception_day_cancel,
    reception_day_plan,
    reception_day_record_held,
)
from danvan.petitions.tests.schedule.conftest import MONDAY, Day, Person
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("monday")]
Status = ReceptionScheduleDay.Status


def _plan(unit: Unit, head: User, on: dt.date, **kwargs: object) -> ReceptionScheduleDay:
    defaults: dict[str, object] = {
        "start_time": dt.time(7, 30),
        "end_time": dt.time(11, 30),
        "place": "Trụ sở Ủy ban nhân dân xã Khoái Châu",
        "actor": head,
    }
    defaults.update(kwargs)
    return reception_day_plan(unit=unit, head=head, date=on, **defaults)  # type: ignore[arg-type]


def test_a_head_plans_a_day_on_a_working_day(commune_committee: Unit, chairman: User) -> None:
    day = _plan(
        commune_committee,
        chairman,
        dt.date(2026, 11, 5),
        online_link=" https://tiepcongdan.example.vn/phong/12 ",
        note=" Tiếp trực tuyến kết hợp ",
    )
    assert day.status == Status.PLANNED
    assert day.kind == ReceptionScheduleDay.Kind.REGULAR
    assert day.online_link == "https://tiepcongdan.example.vn/phong/12"
    assert day.note == "Tiếp trực tuyến kết hợp"
    assert not day.is_delegated
    entry = AuditEntry.objects.get(verb="reception_day.plan")
    assert entry.target_label == f"{commune_committee.code} 2026-11-05 (planned)"
    assert str(day).startswith(commune_committee.code)


@pytest.mark.parametrize(
    ("date", "word"),
    [
        (dt.date(2026, 11, 7), ""),  # Saturday
        (dt.date(2027, 1, 1), "Tết Dương lịch"),  # New Year's Day, a Friday
        (dt.date(2026, 11, 24), "Ngày Văn hóa Việt Nam"),  # [U] off by default
    ],
)
def test_days_off_are_refused_with_their_name(
    commune_committee: Unit, chairman: User, date: dt.date, word: str
) -> None:
    with pytest.raises(ApplicationError) as error:
        _plan(commune_committee, chairman, date)
    assert date.strftime("%d/%m/%Y") in error.value.message
    assert word in error.value.message
    assert not ReceptionScheduleDay.objects.exists()


def test_a_swapped_saturday_is_a_working_day(commune_committee: Unit, chairman: User) -> None:
    # Saturday 22/8/2026 is worked in place of Monday 31/8 (DOMAIN.md §8.3)
    with time_machine.travel(dt.datetime(2026, 8, 3, 9, 0, tzinfo=MONDAY.tzinfo), tick=False):
        day = _plan(commune_committee, chairman, dt.date(2026, 8, 22))
        with pytest.raises(ApplicationError):
            _plan(commune_committee, chairman, dt.date(2026, 8, 31))
    assert day.date.weekday() == 5


def test_past_days_wrong_people_and_bad_times_are_refused(
    commune_committee: Unit, chairman: User, handler: User, other_committee: Unit
) -> None:
    # a past day, someone who is not a head, an end before the start
    with pytest.raises(ApplicationError):
        _plan(commune_committee, chairman, dt.date(2026, 10, 30))
    with pytest.raises(ApplicationError):
        _plan(commune_committee, handler, dt.date(2026, 11, 5))
    with pytest.raises(ApplicationError):
        _plan(
            commune_committee,
            chairman,
            dt.date(2026, 11, 5),
            start_time=dt.time(11, 0),
            end_time=dt.time(8, 0),
        )
    # a head of another unit is not a head here
    with pytest.raises(ApplicationError):
        _plan(other_committee, chairman, dt.date(2026, 11, 5))


def test_one_day_per_head_per_date_until_it_is_cancelled(
    commune_committee: Unit, chairman: User
) -> None:
    first = _plan(commune_committee, chairman, dt.date(2026, 11, 5))
    with pytest.raises(ApplicationError):
        _plan(
            commune_committee,
            chairman,
            dt.date(2026, 11, 5),
            start_time=dt.time(13, 30),
            end_time=dt.time(16, 30),
        )
    reception_day_cancel(day=first, actor=chairman, reason="Họp đột xuất của Tỉnh ủy")
    again = _plan(commune_committee, chairman, dt.date(2026, 11, 5))
    assert again.pk != first.pk


def test_the_commune_chairman_may_not_delegate_regular_reception(
    commune_committee: Unit, chairman: User, deputy: User
) -> None:
    with pytest.raises(ApplicationError) as error:
        _plan(commune_committee, chairman, dt.date(2026, 11, 5), delegate=deputy)
    assert "136/2025" in error.value.message
    # an ad hoc reception may be led by the deputy on the chairman's behalf
    day = _plan(
        commune_committee,
        chairman,
        dt.date(2026, 11, 5),
        delegate=deputy,
        kind=ReceptionScheduleDay.Kind.AD_HOC,
    )
    assert day.is_delegated


def test_other_heads_may_delegate_to_a_deputy_but_not_to_anyone(
    provincial_committee: Unit, person: Person, handler: User
) -> None:
    chair = person("chutich", "Đỗ Minh Quang", provincial_committee, "head", "Chủ tịch")
    vice = person("phochutich", "Ngô Thị Hạnh", provincial_committee, "head", "Phó Chủ tịch")
    day = _plan(provincial_committee, chair, dt.date(2026, 11, 10), delegate=vice)
    assert day.delegate == vice
    for wrong in (chair, handler):
        with pytest.raises(ApplicationError):
            _plan(provincial_committee, chair, dt.date(2026, 11, 12), delegate=wrong)


def test_before_law_136_a_commune_chairman_could_delegate(
    commune_committee: Unit, chairman: User, deputy: User
) -> None:
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0, tzinfo=MONDAY.tzinfo), tick=False):
        day = _plan(commune_committee, chairman, dt.date(2026, 6, 3), delegate=deputy)
    assert day.is_delegated


def test_a_day_is_recorded_as_held_only_once_it_has_come(
    commune_committee: Unit, chairman: User, day: Day
) -> None:
    future = day(commune_committee, chairman, dt.date(2026, 11, 5))
    with pytest.raises(ApplicationError):
        reception_day_record_held(day=future, actor=chairman)
    today = day(commune_committee, chairman, dt.date(2026, 11, 2))
    held = reception_day_record_held(
        day=today, actor=chairman, outcome_note=" 3 lượt công dân, 2 vụ việc "
    )
    assert (held.status, held.outcome_note) == (Status.HELD, "3 lượt công dân, 2 vụ việc")
    with pytest.raises(ApplicationError):
        reception_day_record_held(day=today, actor=chairman)
    with pytest.raises(ApplicationError):
        reception_day_cancel(day=today, actor=chairman, reason="Nhầm")
    assert AuditEntry.objects.filter(verb="reception_day.held").count() == 1


def test_cancelling_needs_a_reason(commune_committee: Unit, chairman: User, day: Day) -> None:
    planned = day(commune_committee, chairman, dt.date(2026, 11, 5))
    with pytest.raises(ApplicationError):
        reception_day_cancel(day=planned, actor=chairman, reason="   ")
    cancelled = reception_day_cancel(day=planned, actor=chairman, reason=" Đi công tác ")
    assert (cancelled.status, cancelled.cancel_reason) == (Status.CANCELLED, "Đi công tác")


def test_role_titles_do_not_stop_a_head_from_planning_their_own_day(
    commune_committee: Unit, deputy: User
) -> None:
    # a deputy's own ad hoc reception day is allowed (they hold the head role)
    day = _plan(
        commune_committee, deputy, dt.date(2026, 11, 6), kind=ReceptionScheduleDay.Kind.AD_HOC
    )
    assert day.head == deputy
    assert RoleAssignment.objects.get(user=deputy).title == "Phó Chủ tịch"

"""Fixtures for the reception schedule tests: heads, deputies and units of every kind."""

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from danvan.petitions.models.schedule import ReceptionScheduleDay
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# Monday 2 November 2026, 9:00 in Hà Nội: "today" in most tests.
MONDAY = dt.datetime(2026, 11, 2, 9, 0, tzinfo=VN)

Person = Callable[..., User]
Day = Callable[..., ReceptionScheduleDay]


@pytest.fixture
def person(db: None) -> Person:
    def make(username: str, full_name: str, unit: Unit, role: str, title: str = "") -> User:
        user = User.objects.create_user(
            username=username, password="danvan-test-2026", full_name=full_name
        )
        RoleAssignment.objects.create(user=user, unit=unit, role=role, title=title)
        return user

    return make


@pytest.fixture
def deputy(person: Person, commune_committee: Unit) -> User:
    return person(
        "lethithu", "Lê Thị Thu", commune_committee, RoleAssignment.Role.HEAD, "Phó Chủ tịch"
    )


@pytest.fixture
def chairman(head: User, commune_committee: Unit) -> User:
    RoleAssignment.objects.filter(user=head, unit=commune_committee).update(title="Chủ tịch")
    return head


@pytest.fixture
def provincial_committee(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-ubnd",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )


@pytest.fixture
def day(db: None) -> Day:
    """A reception day written directly (as if planned earlier), for reads and records."""

    def make(unit: Unit, head: User, date: dt.date, **kwargs: Any) -> ReceptionScheduleDay:
        defaults: dict[str, Any] = {
            "start_time": dt.time(7, 30),
            "end_time": dt.time(11, 30),
            "place": "Phòng tiếp công dân, trụ sở Ủy ban nhân dân xã",
        }
        defaults.update(kwargs)
        return ReceptionScheduleDay.objects.create(unit=unit, head=head, date=date, **defaults)

    return make


@pytest.fixture
def monday() -> Iterator[None]:
    """Freeze "now" at Monday 2/11/2026 9:00 in Hà Nội."""
    with time_machine.travel(MONDAY, tick=False):
        yield

"""Fixtures for the handling tests: a field, a province head, cases made at a given time."""

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import time_machine

from danvan.petitions.models import Case, Field
from danvan.petitions.services import handling
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.tests.handling.fakes import FakeSealed
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
CaseMaker = Callable[..., Case]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """A moment of ``day`` in Vietnam."""
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=VN)


@pytest.fixture
def travel() -> Iterator[Callable[[dt.date], None]]:
    """Move the frozen clock to 9:00 of a day in Vietnam (time does not tick)."""
    traveller: list[Any] = []

    def go(day: dt.date) -> None:
        if traveller:
            traveller.pop().stop()
        machine = time_machine.travel(at(day), tick=False)
        machine.start()
        traveller.append(machine)

    yield go
    if traveller:
        traveller.pop().stop()


@pytest.fixture
def land(db: None) -> Field:
    return Field.objects.create(code="dat-dai", name="Đất đai")


@pytest.fixture
def housing(db: None) -> Field:
    return Field.objects.create(code="nha-o", name="Nhà ở")


def make_staff(username: str, unit: Unit, role: str, full_name: str = "") -> User:
    user = User.objects.create_user(
        username=username,
        password="danvan-test-2026",
        full_name=full_name or username,
        email=f"{username}@example.com",
    )
    RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@pytest.fixture
def province_head(province: Unit) -> User:
    return make_staff("chutichtinh", province, RoleAssignment.Role.HEAD, "Lê Văn Tỉnh")


@pytest.fixture
def make_case(commune_committee: Unit) -> CaseMaker:
    """Receive a case now (freeze the clock first); petitioner only for non-denunciations."""
    counter = iter(range(1, 10_000))

    def make(**kwargs: Any) -> Case:
        kind = kwargs.pop("kind", Case.Kind.PETITION)
        n = next(counter)
        defaults: dict[str, Any] = {
            "kind": kind,
            "channel": Case.Channel.WEB,
            "subject": f"Đường liên thôn Đông Tảo xuống cấp {n}",
            "content": "Đề nghị sửa chữa đoạn đường liên thôn bị sụt lún sau mưa lớn.",
            "receiving_unit": commune_committee,
        }
        if kind != Case.Kind.DENUNCIATION:
            defaults["petitioner"] = Petitioner(
                name="Trần Thị Bình",
                address="Thôn Đông Tảo, xã Khoái Châu",
                id_number="033190001234",
                phone="0912345678",
                email="binh@example.com",
            )
        defaults.update(kwargs)
        case, _created = case_receive(**defaults)
        return case

    return make


@pytest.fixture
def sealed(monkeypatch: pytest.MonkeyPatch) -> FakeSealed:
    """Install fake sealed hooks (the real module belongs to the sealed area)."""
    fake = FakeSealed()
    monkeypatch.setattr(handling, "sealed_hook", fake.hook)
    return fake


@pytest.fixture
def no_sealed(monkeypatch: pytest.MonkeyPatch) -> None:
    """As if the sealed area provided no hooks at all."""
    monkeypatch.setattr(handling, "sealed_hook", lambda name: None)

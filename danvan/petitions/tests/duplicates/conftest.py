"""Fixtures for the duplicate tests: a provincial committee above the commune, and cases."""

import datetime as dt
import zoneinfo
from collections.abc import Callable
from typing import Any

import pytest

from danvan.petitions.models import Case
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.petitions.services.duplicates import case_fingerprint_store
from danvan.petitions.tests.duplicates import letters
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
BINH = Petitioner(name="Trần Thị Bình", address="Thôn Đông Tảo", id_number="033168001234")
HUNG = Petitioner(name="Lê Văn Hùng", address="Thôn Đông Tảo", id_number="033175009876")

Receive = Callable[..., Case]


@pytest.fixture
def provincial_committee(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-ubnd",
        name="Ủy ban nhân dân tỉnh Hưng Yên",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=province,
    )


@pytest.fixture
def provincial_handler(provincial_committee: Unit) -> User:
    user = User.objects.create_user(
        username="vuthilan", password="danvan-test-2026", full_name="Vũ Thị Lan"
    )
    RoleAssignment.objects.create(
        user=user, unit=provincial_committee, role=RoleAssignment.Role.HANDLER
    )
    return user


@pytest.fixture
def receive(db: None) -> Receive:
    """Receive a case (a petition from Trần Thị Bình about the road, unless told otherwise)."""
    day = [0]

    def make(unit: Unit, **kwargs: Any) -> Case:
        day[0] += 1
        defaults: dict[str, Any] = {
            "kind": Case.Kind.PETITION,
            "channel": Case.Channel.WEB,
            "subject": "Đường liên thôn Đông Tảo sụt lún",
            "content": letters.ROAD,
            "receiving_unit": unit,
            "petitioner": BINH,
            "received_at": dt.datetime(2026, 10, 1, 8, 0, tzinfo=VN) + dt.timedelta(days=day[0]),
        }
        defaults.update(kwargs)
        case, _ = case_receive(**defaults)
        # What the scan queued by case_receive does after the commit (tests never commit).
        case_fingerprint_store(case=case)
        return case

    return make

"""Fixtures of the disclosure register's tests: the shared commune, an agency with its
officer, and a fresh deadline configuration for each test (the calendar is cached)."""

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
import time_machine

from danvan.deadlines.config import deadline_config_forget
from danvan.democracy.models import Disclosure, DisclosurePosting
from danvan.democracy.services.disclosures import disclosure_create, disclosure_posting_record
from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import RoleAssignment, Unit, User


@pytest.fixture(autouse=True)
def _fresh_deadline_config() -> Iterator[None]:
    deadline_config_forget()
    yield
    deadline_config_forget()


@dataclass
class Agency:
    unit: Unit
    officer: User


@pytest.fixture
def agency(commune: Commune) -> Agency:
    unit = Unit.objects.create(
        code="VN-33-stp",
        name="Sở Tư pháp tỉnh Hưng Yên",
        kind=Unit.Kind.DEPARTMENT,
        parent=commune.province,
    )
    return Agency(
        unit=unit,
        officer=make_user("vanphong-so", "Lê Thu Hà", unit, RoleAssignment.Role.HEAD),
    )


VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")


@contextmanager
def on_day(day: dt.date) -> Iterator[None]:
    """Freeze the clock at 9:00 in Hà Nội on ``day``."""
    with time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=VN), tick=False):
        yield


def item(
    unit: Unit,
    actor: User,
    *,
    category: str = "commune_02",
    title: str = "Dự toán ngân sách xã năm 2027",
    decided_on: dt.date = dt.date(2026, 8, 28),
    **kwargs: Any,
) -> Disclosure:
    return disclosure_create(
        unit=unit, category=category, title=title, decided_on=decided_on, actor=actor, **kwargs
    )


def post(
    disclosure: Disclosure,
    actor: User,
    *,
    posted_from: dt.date,
    posted_to: dt.date | None = None,
    channel: str = "office",
    **kwargs: Any,
) -> DisclosurePosting:
    """A posting recorded on its start day (recording is refused before it starts)."""
    with on_day(max(posted_from, posted_to or posted_from)):
        return disclosure_posting_record(
            disclosure=disclosure,
            actor=actor,
            channel=channel,
            posted_from=posted_from,
            posted_to=posted_to,
            **kwargs,
        )

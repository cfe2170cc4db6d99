"""Fixtures of the proposals tests: a village with a register of households, time frozen."""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import timezone, translation

from danvan.democracy.models import Household, ResidentProposal
from danvan.democracy.services.proposals import proposal_create
from danvan.democracy.tests.conftest import Commune
from danvan.units.models import Unit

TODAY = dt.date(2026, 3, 10)


def local(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=timezone.get_default_timezone())


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """Messages compared with their English msgids (the catalogue is built by the lead)."""
    with translation.override("en"):
        yield


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(local(2026, 3, 10), tick=False) as traveller:
        yield traveller


def households(village: Unit, count: int, *, prefix: str = "DT") -> list[Household]:
    return [
        Household.objects.create(
            village=village, code=f"{prefix}-{index:03d}", representative=f"Chủ hộ số {index}"
        )
        for index in range(1, count + 1)
    ]


def propose(commune: Commune, register: list[Household], **fields: object) -> ResidentProposal:
    values: dict[str, object] = {
        "actor": commune.handler,
        "village": register[0].village,
        "title": "Làm đường bê tông ngõ 3",
        "content": "Đề nghị thôn bàn việc đóng góp làm đường bê tông ngõ 3.",
        "matter": "contributions",
        "proposer_name": "Nguyễn Văn Hùng",
        "proposer_household": register[0],
    }
    values.update(fields)
    return proposal_create(**values)  # type: ignore[arg-type]

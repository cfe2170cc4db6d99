"""Fixtures of the tasks tests: the shared ``world`` with the province's departments and
organisations added, a registered dispatch listing ten tasks, and a frozen clock."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from danvan.directives.models import Directive, Document, Task, TaskAssignment
from danvan.directives.tests.conftest import World, make_user
from danvan.units.models import RoleAssignment, Unit, User

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
DISPATCH = (Path(__file__).parent / "dispatch_125.txt").read_text(encoding="utf-8")
Travel = Callable[[dt.date], None]


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=VN)


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Tests read the English msgids; notices are still written in Vietnamese (the site's
    language), so tests about them compare with what gettext gives in Vietnamese."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client: Client) -> Client:
    """The test client, with English chosen in the language switcher."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def in_site_language(text: str, **values: Any) -> str:
    """``text`` translated as notices are (settings.LANGUAGE_CODE), with ``values``."""
    with translation.override(settings.LANGUAGE_CODE):
        translated = translation.gettext(text)
    return translated % values if values else translated


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """The deadline calendar is cached; each test starts from the database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def travel() -> Iterator[Travel]:
    """Move the frozen clock to 9:00 of a day in Vietnam (time does not tick)."""
    machines: list[Any] = []

    def go(day: dt.date) -> None:
        if machines:
            machines.pop().stop()
        machine = time_machine.travel(at(day), tick=False)
        machine.start()
        machines.append(machine)

    yield go
    if machines:
        machines.pop().stop()


_counter = [0]


def make_document(
    *, symbol: str = "125-CV/BTGDVTU", full_text: str = DISPATCH, **extra: Any
) -> Document:
    _counter[0] += 1
    fields: dict[str, Any] = {
        "family": Document.Family.PARTY,
        "doc_type": Document.Type.OFFICIAL_DISPATCH,
        "number": symbol.split("-")[0].split("/")[0],
        "symbol": symbol,
        "symbol_key": symbol.upper().replace("Đ", "D"),
        "identity_key": f"{symbol}|{_counter[0]}",
        "issuer_code": "BTGDVTU",
        "issuer_name": "Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên",
        "issued_on": dt.date(2026, 11, 2),
        "title": "Triển khai thực hiện Chỉ thị số 33/CT-TTg về công tác dân vận chính quyền",
        "full_text": full_text,
    }
    fields.update(extra)
    return Document.objects.create(**fields)


@dataclass
class TaskWorld:
    world: World
    province_committee: Unit
    home_affairs: Unit  # Sở Nội vụ
    justice: Unit  # Sở Tư pháp
    culture: Unit  # Sở Văn hóa, Thể thao và Du lịch
    police: Unit  # Công an tỉnh
    inspectorate: Unit  # Thanh tra tỉnh
    front: Unit  # Ủy ban MTTQ Việt Nam tỉnh
    farmers: Unit  # Hội Nông dân tỉnh
    women: Unit  # Hội Liên hiệp Phụ nữ tỉnh
    home_affairs_officer: User
    document: Document

    @property
    def officer(self) -> User:
        return self.world.commission_officer

    @property
    def committees(self) -> list[Unit]:
        return self.world.committees


@pytest.fixture
def tw(world: World) -> TaskWorld:
    province = world.province

    def body(code: str, name: str, kind: str) -> Unit:
        return Unit.objects.create(code=f"VN-33-{code}", name=name, kind=kind, parent=province)

    department = Unit.Kind.DEPARTMENT
    home_affairs = body("so-noi-vu", "Sở Nội vụ tỉnh Hưng Yên", department)
    return TaskWorld(
        world=world,
        province_committee=body(
            "ubnd", "Ủy ban nhân dân tỉnh Hưng Yên", Unit.Kind.PEOPLES_COMMITTEE
        ),
        home_affairs=home_affairs,
        justice=body("so-tu-phap", "Sở Tư pháp tỉnh Hưng Yên", department),
        culture=body("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch tỉnh Hưng Yên", department),
        police=body("cong-an", "Công an tỉnh Hưng Yên", department),
        inspectorate=body("thanh-tra", "Thanh tra tỉnh Hưng Yên", department),
        front=body(
            "mttq", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hưng Yên", Unit.Kind.FATHERLAND_FRONT
        ),
        farmers=body("hnd", "Hội Nông dân tỉnh Hưng Yên", Unit.Kind.PUBLIC_UNIT),
        women=body("hlhpn", "Hội Liên hiệp Phụ nữ tỉnh Hưng Yên", Unit.Kind.PUBLIC_UNIT),
        home_affairs_officer=make_user(
            "noivu", "Phạm Thị Nội Vụ", home_affairs, RoleAssignment.Role.HANDLER
        ),
        document=make_document(),
    )


def make_directive(tw: TaskWorld, *, status: str = Directive.Status.DRAFT) -> Directive:
    return Directive.objects.create(
        document=tw.document,
        unit=tw.world.commission,
        title="Công tác dân vận chính quyền năm 2027",
        status=status,
        created_by=tw.officer,
    )


def make_task(
    directive: Directive,
    *,
    position: int = 1,
    due_on: dt.date | None = dt.date(2026, 12, 15),
    units: tuple[tuple[Unit, str], ...] = (),
    title: str = "",
) -> Task:
    task = Task.objects.create(
        directive=directive,
        position=position,
        title=title or f"Nhiệm vụ số {position}",
        due_on=due_on,
    )
    for unit, role in units:
        TaskAssignment.objects.create(task=task, unit=unit, role=role)
    return task


RESPONSIBLE = TaskAssignment.Role.RESPONSIBLE
COORDINATING = TaskAssignment.Role.COORDINATING

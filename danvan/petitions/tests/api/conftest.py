"""Fixtures for the Open311 API tests: fields, and one case of each kind in one commune."""

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections

from danvan.petitions.models import Case, Field
from danvan.petitions.services.cases import Petitioner, case_receive
from danvan.units.models import Unit

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
NOW = dt.datetime(2026, 11, 26, 9, 30, tzinfo=VN)

PETITIONER = Petitioner(
    name="Lê Thị Hoa",
    address="Thôn Đông Tảo, xã Khoái Châu",
    id_number="033190001234",
    phone="0912345678",
    email="lethihoa@example.vn",
)


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> Iterator[None]:
    """Rate-limit counters live in the cache; each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def fields(db: None) -> dict[str, Field]:
    parent = Field.objects.create(code="moi-truong", name="Tài nguyên, môi trường")
    rows = [
        Field(code="dat-dai", name="Đất đai", name_en="Land"),
        Field(code="giao-thong-ha-tang", name="Giao thông, hạ tầng", name_en="Transport"),
        Field(code="rac-thai", name="Rác thải, vệ sinh", name_en="Waste", parent=parent),
        Field(code="cu", name="Lĩnh vực cũ", is_active=False),
    ]
    for row in rows:
        row.save()
    return {field.code: field for field in [parent, *rows]}


def receive(unit: Unit, **kwargs: object) -> Case:
    """A case received by ``unit`` (a kiến nghị by the web form unless told otherwise)."""
    defaults: dict[str, object] = {
        "kind": Case.Kind.PETITION,
        "channel": Case.Channel.WEB,
        "subject": "Đường liên thôn Đông Tảo xuống cấp",
        "content": "Đề nghị sửa chữa đoạn đường liên thôn bị sụt lún sau mưa lớn.",
        "receiving_unit": unit,
        "petitioner": PETITIONER,
    }
    defaults.update(kwargs)
    if defaults["kind"] == Case.Kind.DENUNCIATION:
        defaults.pop("petitioner")
    case, _created = case_receive(**defaults)  # type: ignore[arg-type]
    return case


@pytest.fixture
def petition(
    commune_committee: Unit, fields: dict[str, Field], frozen: time_machine.Traveller
) -> Case:
    return receive(commune_committee, field=fields["giao-thong-ha-tang"])


@pytest.fixture
def complaint(
    commune_committee: Unit, fields: dict[str, Field], frozen: time_machine.Traveller
) -> Case:
    return receive(
        commune_committee,
        kind=Case.Kind.COMPLAINT,
        field=fields["dat-dai"],
        subject="Khiếu nại quyết định thu hồi đất",
        content="Tôi khiếu nại quyết định thu hồi đất của UBND xã.",
    )


@pytest.fixture
def denunciation(
    commune_committee: Unit, fields: dict[str, Field], frozen: time_machine.Traveller
) -> Case:
    return receive(
        commune_committee,
        kind=Case.Kind.DENUNCIATION,
        field=fields["dat-dai"],
        subject="Tố cáo cán bộ địa chính",
        content="Cán bộ địa chính xã nhận tiền để hợp thức hóa đất lấn chiếm.",
    )


@pytest.fixture
def server(transactional_db: None, live_server: Any) -> Iterator[Any]:
    """The live server, cleaned up after so that the test database can be dropped.

    * On in-memory SQLite the server's request threads use the test's connection, which
      pytest-django marks shared while the server runs. A request thread still holding a
      keep-alive socket when the session ends "closes" it (a no-op in memory) after the
      mark is gone, and raises in the thread; one more mark, never removed, keeps it quiet.
    * On PostgreSQL each request thread has its own connection, and threads idling on a
      keep-alive socket keep theirs open, so the test database could not be dropped at
      the end of the session; their sessions are ended after the test.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    in_memory = connection.vendor == "sqlite" and bool(
        getattr(connection, "is_in_memory_db", lambda: False)()
    )
    if in_memory and not getattr(connection, "_danvan_kept_shared", False):
        connection.inc_thread_sharing()
        connection._danvan_kept_shared = True  # type: ignore[attr-defined]
    yield live_server
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )

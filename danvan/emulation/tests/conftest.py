"""Fixtures shared by every emulation area's tests.

The map: a country with the Central Commission for Propaganda and Mass Mobilisation; a
province with its Party committee and, under it, the provincial Mass Mobilisation
Commission (a separate branch of the tree that serves the whole province); a commune with
its People's Committee and its Party committee; a second commune. People: the commune's
head (registers), the commune Party committee's commission officer (evaluates at commune
level), the provincial commission officer (evaluates and recognises at provincial level),
the central officer, an officer of the other commune, and a citizen with no role.
"""

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from danvan.emulation.models import Exemplar, Field, Kind
from danvan.units.models import RoleAssignment, Unit, User

PASSWORD = "danvan-test-2026"
Role = RoleAssignment.Role


def make_user(username: str, full_name: str, unit: Unit | None = None, role: str = "") -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=full_name, email=f"{username}@example.com"
    )
    if unit is not None:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@dataclass
class World:
    country: Unit
    central_commission: Unit
    province: Unit
    provincial_party: Unit
    provincial_commission: Unit
    commune: Unit
    commune_committee: Unit
    commune_party: Unit
    other_commune: Unit
    other_committee: Unit
    commune_head: User
    commune_commission: User
    provincial_officer: User
    central_officer: User
    other_head: User
    citizen: User


@pytest.fixture
def world(db: None) -> World:
    country = Unit.objects.create(code="VN", name="Việt Nam", kind=Unit.Kind.COUNTRY)
    central = Unit.objects.create(
        code="VN-btgdvtw",
        name="Ban Tuyên giáo và Dân vận Trung ương",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=country,
    )
    province = Unit.objects.create(
        code="VN-33", name="Tỉnh Hưng Yên", kind=Unit.Kind.PROVINCE, parent=country
    )
    provincial_party = Unit.objects.create(
        code="VN-33-tu", name="Tỉnh ủy Hưng Yên", kind=Unit.Kind.PARTY_COMMITTEE, parent=province
    )
    provincial_commission = Unit.objects.create(
        code="VN-33-bdvtu",
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy Hưng Yên",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=provincial_party,
    )
    commune = Unit.objects.create(
        code="VN-12205", name="Xã Khoái Châu", kind=Unit.Kind.COMMUNE, parent=province
    )
    commune_committee = Unit.objects.create(
        code="VN-12205-ubnd",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune,
    )
    commune_party = Unit.objects.create(
        code="VN-12205-du",
        name="Đảng ủy xã Khoái Châu",
        kind=Unit.Kind.PARTY_COMMITTEE,
        parent=commune,
    )
    other = Unit.objects.create(
        code="VN-11953", name="Phường Phố Hiến", kind=Unit.Kind.WARD, parent=province
    )
    other_committee = Unit.objects.create(
        code="VN-11953-ubnd",
        name="Ủy ban nhân dân phường Phố Hiến",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=other,
    )
    return World(
        country=country,
        central_commission=central,
        province=province,
        provincial_party=provincial_party,
        provincial_commission=provincial_commission,
        commune=commune,
        commune_committee=commune_committee,
        commune_party=commune_party,
        other_commune=other,
        other_committee=other_committee,
        commune_head=make_user("chutich", "Nguyễn Văn An", commune_committee, Role.HEAD),
        commune_commission=make_user(
            "danvan-xa", "Lê Thị Hoa", commune_party, Role.COMMISSION_STAFF
        ),
        provincial_officer=make_user(
            "danvan-tinh", "Phạm Quốc Huy", provincial_commission, Role.COMMISSION_STAFF
        ),
        central_officer=make_user("danvan-tw", "Vũ Minh Châu", central, Role.COMMISSION_STAFF),
        other_head=make_user("chutich-phuong", "Phan Thị Lan", other_committee, Role.HEAD),
        citizen=make_user("cudan", "Trần Thị Bình"),
    )


def make_exemplar(unit: Unit, **fields: Any) -> Exemplar:
    """A registered model with sensible defaults (rows written directly: for tests of what
    comes after registration; registration itself is tested through its service)."""
    values: dict[str, Any] = {
        "unit": unit,
        "place": unit if unit.is_place else unit.parent,
        "kind": Kind.MODEL,
        "field": Field.ECONOMY,
        "title": "Mô hình “Chi hội nông dân giúp nhau phát triển kinh tế”",
        "year": 2026,
        "period_start": dt.date(2026, 1, 15),
        "problem": "Nhiều hộ nông dân thiếu vốn và kỹ thuật.",
        "actions": "Chi hội tổ chức tổ vay vốn, chuyển giao kỹ thuật trồng nhãn.",
        "results": "Thu nhập bình quân tăng 18 %.",
        "participant_count": 120,
    }
    values.update(fields)
    return Exemplar.objects.create(**values)


@pytest.fixture
def english() -> Iterator[None]:
    """Services' messages checked by their msgids (English); the Vietnamese wording comes from
    the catalogue, checked by the catalogue test and by the pages' tests."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Playwright drives Debian Chromium (never a downloaded browser)."""
    executable = shutil.which("chromium")
    if executable is None:  # pragma: no cover - Chromium is installed where e2e runs
        pytest.skip("Debian Chromium is not installed: no browser tests")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }

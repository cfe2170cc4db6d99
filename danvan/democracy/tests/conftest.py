"""Fixtures shared by every democracy area's tests: a commune with its People's Committee
(head and handler), three villages, and a commune officer of another commune."""

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from danvan.units.models import RoleAssignment, Unit, User

PASSWORD = "danvan-test-2026"


def make_user(username: str, full_name: str, unit: Unit | None = None, role: str = "") -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=full_name, email=f"{username}@example.com"
    )
    if unit is not None:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@dataclass
class Commune:
    province: Unit
    commune: Unit
    committee: Unit
    villages: list[Unit]
    head: User
    handler: User
    other_commune: Unit
    other_handler: User
    citizen: User


@pytest.fixture
def commune(db: None) -> Commune:
    province = Unit.objects.create(code="VN-33", name="Tỉnh Hưng Yên", kind=Unit.Kind.PROVINCE)
    place = Unit.objects.create(
        code="VN-12205", name="Xã Khoái Châu", kind=Unit.Kind.COMMUNE, parent=province
    )
    committee = Unit.objects.create(
        code="VN-12205-ubnd",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=place,
    )
    villages = [
        Unit.objects.create(
            code=f"VN-12205-thon-{slug}", name=name, kind=Unit.Kind.VILLAGE, parent=place
        )
        for slug, name in (
            ("dong-tao", "Thôn Đông Tảo"),
            ("an-vi", "Thôn An Vĩ"),
            ("binh-dan", "Thôn Bình Dân"),
        )
    ]
    other = Unit.objects.create(
        code="VN-11953", name="Phường Phố Hiến", kind=Unit.Kind.WARD, parent=province
    )
    other_committee = Unit.objects.create(
        code="VN-11953-ubnd",
        name="Ủy ban nhân dân phường Phố Hiến",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=other,
    )
    return Commune(
        province=province,
        commune=place,
        committee=committee,
        villages=villages,
        head=make_user("chutich", "Nguyễn Văn An", committee, RoleAssignment.Role.HEAD),
        handler=make_user("canbo", "Trịnh Văn Đức", committee, RoleAssignment.Role.HANDLER),
        other_commune=other,
        other_handler=make_user(
            "canbo-phuong", "Phan Thị Lan", other_committee, RoleAssignment.Role.HANDLER
        ),
        citizen=make_user("cudan", "Trần Thị Bình"),
    )


@pytest.fixture
def english() -> Iterator[None]:
    """Services' messages checked by their msgids (English); the Vietnamese wording comes from
    the catalogue, checked by the catalogue test and by the pages' tests."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """Playwright drives Debian Chromium (never a downloaded browser); without it the
    browser tests are skipped."""
    executable = shutil.which("chromium")
    if executable is None:  # pragma: no cover - Chromium is installed where e2e runs
        pytest.skip("Debian Chromium is not installed: no browser tests")
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    }

"""Fixtures for the dashboard tests: places, a drafting agency, people with a profile, and an
open consultation with a three-article draft."""

import datetime as dt
from collections.abc import Iterator

import pytest
import time_machine
from django.utils import timezone

from danvan.consultations.models import (
    Consultation,
    DraftVersion,
    Provision,
    Statement,
)
from danvan.consultations.tests.conftest import make_user
from danvan.units.models import RoleAssignment, Unit, User

# 16:00 in Vietnam (UTC+7).
NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)
ANCHORS = ("dieu-1", "dieu-2", "dieu-3")


@pytest.fixture
def frozen() -> Iterator[time_machine.Traveller]:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def commune(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-12205", name="Xã Khoái Châu", kind=Unit.Kind.COMMUNE, parent=province
    )


@pytest.fixture
def ward(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-11953", name="Phường Phố Hiến", kind=Unit.Kind.WARD, parent=province
    )


@pytest.fixture
def other_province(db: None) -> Unit:
    return Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)


@pytest.fixture
def other_commune(other_province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-01-00004", name="Phường Ba Đình", kind=Unit.Kind.WARD, parent=other_province
    )


@pytest.fixture
def agency(province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-33-sotp",
        name="Sở Tư pháp tỉnh Hưng Yên",
        kind=Unit.Kind.DEPARTMENT,
        parent=province,
    )


@pytest.fixture
def commune_committee(commune: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-12205-ubnd",
        name="Ủy ban nhân dân xã Khoái Châu",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune,
    )


@pytest.fixture
def other_agency(other_province: Unit) -> Unit:
    return Unit.objects.create(
        code="VN-01-ubnd",
        name="Ủy ban nhân dân Thành phố Hà Nội",
        kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=other_province,
    )


@pytest.fixture
def handler(agency: Unit) -> User:
    return make_user("phamvanduc", "Phạm Văn Đức", agency, RoleAssignment.Role.HANDLER)


@pytest.fixture
def outsider(other_agency: Unit) -> User:
    return make_user("ngothilan", "Ngô Thị Lan", other_agency, RoleAssignment.Role.HANDLER)


def resident(username: str, full_name: str, *, birth_year: int | None, home: Unit | None) -> User:
    """A citizen account with a year of birth and a commune of residence (or none)."""
    user = make_user(username, full_name)
    user.birth_year = birth_year
    user.home_unit = home
    user.phone = "0912345678"
    user.save(update_fields=["birth_year", "home_unit", "phone"])
    return user


@pytest.fixture
def citizen(commune: Unit) -> User:
    return resident("lethimai", "Lê Thị Mai", birth_year=1990, home=commune)


def make_consultation(
    unit: Unit,
    *,
    slug: str = "du-thao-luat-1",
    status: str = Consultation.Status.OPEN,
    audience: str = Consultation.Audience.EVERYONE,
    opens_at: dt.datetime | None = None,
    closes_at: dt.datetime | None = None,
) -> Consultation:
    now = timezone.now()
    consultation = Consultation.objects.create(
        title="Dự thảo Luật Thực hiện dân chủ ở cơ sở (sửa đổi)",
        slug=slug,
        unit=unit,
        status=status,
        audience=audience,
        opens_at=opens_at or now - dt.timedelta(days=2),
        closes_at=closes_at or now + dt.timedelta(days=20),
    )
    version = DraftVersion.objects.create(consultation=consultation, number=1)
    for position, anchor in enumerate(ANCHORS):
        Provision.objects.create(
            version=version,
            level=Provision.Level.ARTICLE,
            label=f"Điều {position + 1}",
            text=f"Nội dung điều {position + 1}.",
            anchor=anchor,
            position=position,
        )
    return consultation


@pytest.fixture
def consultation(agency: Unit, frozen: time_machine.Traveller) -> Consultation:
    return make_consultation(agency)


def accepted_statement(consultation: Consultation, author: User) -> Statement:
    return Statement.objects.create(
        consultation=consultation,
        author=author,
        text="Cần công khai kết quả tiếp thu ý kiến.",
        status=Statement.Status.ACCEPTED,
    )

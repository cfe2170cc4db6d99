from dataclasses import dataclass

import pytest
from django.test import Client

from danvan.units.models import RoleAssignment, Unit, User
from danvan.units.tests.factories import (
    CountryFactory,
    RoleAssignmentFactory,
    UnitFactory,
    UserFactory,
)

K = Unit.Kind


@dataclass(frozen=True)
class Tree:
    """A small real-looking tree: two provinces, their communes and a few bodies.

    Việt Nam
    ├── Tỉnh Hưng Yên (VN-33)
    │   ├── Ủy ban nhân dân tỉnh Hưng Yên (VN-33-ubnd)
    │   ├── Xã Khoái Châu (VN-12205)
    │   │   └── Ủy ban nhân dân xã Khoái Châu (VN-12205-ubnd)
    │   └── Phường Phố Hiến (VN-11953)
    └── Thành phố Hà Nội (VN-01)
        └── Phường Ba Đình (VN-00004)
    """

    country: Unit
    province: Unit
    province_committee: Unit
    commune: Unit
    commune_committee: Unit
    ward: Unit
    other_province: Unit
    other_ward: Unit


@pytest.fixture
def tree(db: None) -> Tree:
    country = CountryFactory.create()
    province = UnitFactory.create(
        code="VN-33", name="Tỉnh Hưng Yên", kind=K.PROVINCE, parent=country
    )
    commune = UnitFactory.create(code="VN-12205", name="Xã Khoái Châu", parent=province)
    other_province = UnitFactory.create(
        code="VN-01", name="Thành phố Hà Nội", kind=K.CITY, parent=country
    )
    return Tree(
        country=country,
        province=province,
        province_committee=UnitFactory.create(
            code="VN-33-ubnd",
            name="Ủy ban nhân dân tỉnh Hưng Yên",
            kind=K.PEOPLES_COMMITTEE,
            parent=province,
        ),
        commune=commune,
        commune_committee=UnitFactory.create(
            code="VN-12205-ubnd",
            name="Ủy ban nhân dân xã Khoái Châu",
            kind=K.PEOPLES_COMMITTEE,
            parent=commune,
        ),
        ward=UnitFactory.create(
            code="VN-11953", name="Phường Phố Hiến", kind=K.WARD, parent=province
        ),
        other_province=other_province,
        other_ward=UnitFactory.create(
            code="VN-00004", name="Phường Ba Đình", kind=K.WARD, parent=other_province
        ),
    )


@pytest.fixture
def person(db: None) -> User:
    """Lê Thị Hoa, an official with an account (no role yet)."""
    return UserFactory.create(username="hoa.lt", full_name="Lê Thị Hoa")


@pytest.fixture
def logged_in(client: Client, person: User) -> Client:
    client.force_login(person)
    return client


def give_role(user: User, unit: Unit, role: str) -> RoleAssignment:
    return RoleAssignmentFactory.create(user=user, unit=unit, role=role)

"""Fixtures shared by every directives area's tests.

A province with its Party committee and the committee's commission for propaganda and mass
mobilisation (the managing unit), and three communes each with a People's Committee (the
units that receive tasks). People: a commission officer, the commission's head, an officer
of each commune's People's Committee, and a citizen.
"""

from dataclasses import dataclass

import pytest

from danvan.units.models import RoleAssignment, Unit, User

PASSWORD = "danvan-test-2026"


def make_user(username: str, full_name: str, unit: Unit | None = None, role: str = "") -> User:
    """An active account, with ``role`` in ``unit`` when a unit is given."""
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=full_name, email=f"{username}@example.com"
    )
    if unit is not None:
        RoleAssignment.objects.create(user=user, unit=unit, role=role)
    return user


@dataclass
class World:
    province: Unit
    party_committee: Unit
    commission: Unit
    communes: list[Unit]
    committees: list[Unit]  # the People's Committee of each commune, same order
    commission_officer: User
    commission_head: User
    commune_officers: list[User]  # a handler in each commune's People's Committee
    citizen: User


@pytest.fixture
def world(db: None) -> World:
    province = Unit.objects.create(code="VN-33", name="Tỉnh Hưng Yên", kind=Unit.Kind.PROVINCE)
    party = Unit.objects.create(
        code="VN-33-TU", name="Tỉnh ủy Hưng Yên", kind=Unit.Kind.PARTY_COMMITTEE, parent=province
    )
    commission = Unit.objects.create(
        code="VN-33-BTGDV",
        name="Ban Tuyên giáo và Dân vận Tỉnh ủy",
        kind=Unit.Kind.PARTY_COMMISSION,
        parent=party,
    )
    names = ["Xã Tiên Lữ", "Phường Phố Hiến", "Xã Hoàng Hoa Thám"]
    communes, committees, officers = [], [], []
    for index, name in enumerate(names, start=1):
        kind = Unit.Kind.WARD if name.startswith("Phường") else Unit.Kind.COMMUNE
        commune = Unit.objects.create(
            code=f"VN-33-{index:03d}", name=name, kind=kind, parent=province
        )
        committee = Unit.objects.create(
            code=f"VN-33-{index:03d}-UBND",
            name=f"Ủy ban nhân dân {name}",
            kind=Unit.Kind.PEOPLES_COMMITTEE,
            parent=commune,
        )
        communes.append(commune)
        committees.append(committee)
        officers.append(
            make_user(
                f"commune{index}", f"Cán bộ xã {index}", committee, RoleAssignment.Role.HANDLER
            )
        )
    return World(
        province=province,
        party_committee=party,
        commission=commission,
        communes=communes,
        committees=committees,
        commission_officer=make_user(
            "commission", "Trần Thị Dân Vận", commission, RoleAssignment.Role.COMMISSION_STAFF
        ),
        commission_head=make_user(
            "head", "Nguyễn Văn Trưởng", commission, RoleAssignment.Role.HEAD
        ),
        commune_officers=officers,
        citizen=make_user("citizen", "Lê Văn Dân"),
    )

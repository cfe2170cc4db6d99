"""Who manages a commune's grassroots democracy: the staff of the commune's bodies."""

import pytest

from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


def test_the_committee_staff_manage_the_commune_and_its_villages(commune: Commune) -> None:
    for person in (commune.head, commune.handler):
        assert person.has_perm("democracy.manage", commune.commune)
        for village in commune.villages:
            assert person.has_perm("democracy.manage", village)
    # not another commune, and not the province
    assert not commune.handler.has_perm("democracy.manage", commune.other_commune)
    assert not commune.handler.has_perm("democracy.manage", commune.province)
    assert not commune.other_handler.has_perm("democracy.manage", commune.villages[0])
    assert not commune.citizen.has_perm("democracy.manage", commune.villages[0])


def _role(unit: Unit, role: str, username: str) -> User:
    return make_user(username, f"Cán bộ {username}", unit, role)


def test_provincial_bodies_do_not_keep_a_communes_register(commune: Commune) -> None:
    # given a provincial department and the provincial People's Committee, with handlers
    department = Unit.objects.create(
        code="VN-33-snv", name="Sở Nội vụ", kind=Unit.Kind.DEPARTMENT, parent=commune.province
    )
    committee = Unit.objects.create(
        code="VN-33-ubnd", name="UBND tỉnh", kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune.province,
    )  # fmt: skip
    officers = [
        _role(department, RoleAssignment.Role.HANDLER, "so"),
        _role(committee, RoleAssignment.Role.HEAD, "tinh"),
        _role(committee, RoleAssignment.Role.COMMISSION_STAFF, "ban"),
    ]
    # then none of them manages the commune or its villages
    for officer in officers:
        assert not officer.has_perm("democracy.manage", commune.commune)
        assert not officer.has_perm("democracy.manage", commune.villages[0])
    # but the department's handler keeps the department's own disclosure register
    assert officers[0].has_perm("democracy.manage", department)
    assert not commune.handler.has_perm("democracy.manage", department)


def test_an_administrator_of_the_province_reaches_its_communes(commune: Commune) -> None:
    committee = Unit.objects.create(
        code="VN-33-ubnd", name="UBND tỉnh", kind=Unit.Kind.PEOPLES_COMMITTEE,
        parent=commune.province,
    )  # fmt: skip
    admin = _role(committee, RoleAssignment.Role.ADMINISTRATOR, "quantri")
    assert admin.has_perm("democracy.manage", commune.commune)
    assert admin.has_perm("democracy.manage", commune.villages[2])

"""An agency (the provincial Department of Home Affairs) with its head and a handler, a
second agency with its own officer, and a citizen: built on the shared ``commune`` world."""

from dataclasses import dataclass

import pytest

from danvan.democracy.tests.conftest import Commune, make_user
from danvan.units.models import RoleAssignment, Unit, User


@dataclass
class Agencies:
    province: Unit
    agency: Unit
    head: User
    handler: User
    other_agency: Unit
    other_officer: User
    citizen: User
    commune_handler: User


@pytest.fixture
def agencies(commune: Commune) -> Agencies:
    agency = Unit.objects.create(
        code="VN-33-snv", name="Sở Nội vụ", kind=Unit.Kind.DEPARTMENT, parent=commune.province
    )
    other = Unit.objects.create(
        code="VN-33-stc", name="Sở Tài chính", kind=Unit.Kind.DEPARTMENT, parent=commune.province
    )
    return Agencies(
        province=commune.province,
        agency=agency,
        head=make_user("giamdoc", "Lê Văn Minh", agency, RoleAssignment.Role.HEAD),
        handler=make_user("chuyenvien", "Đỗ Thị Hoa", agency, RoleAssignment.Role.HANDLER),
        other_agency=other,
        other_officer=make_user("stc", "Vũ Văn Long", other, RoleAssignment.Role.HEAD),
        citizen=commune.citizen,
        commune_handler=commune.handler,
    )

"""A planned inspection delegation of the provincial commission (time frozen on 16/3/2026).

It checks the implementation of Regulation 23-QĐ/TW in the first two communes' People's
Committees, with a head, a member and a secretary; the third commune is not visited.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator

import pytest
import time_machine

from danvan.directives.models import Delegation, DelegationMember, Document
from danvan.directives.services.delegations import MemberInput, VisitInput, delegation_create
from danvan.directives.tests.conftest import World

VN = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = dt.date(2026, 3, 16)
NOW = dt.datetime(2026, 3, 16, 9, 30, tzinfo=VN)
Role = DelegationMember.Role


@pytest.fixture
def frozen() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def regulation(db: None) -> Document:
    return Document.objects.create(
        family=Document.Family.PARTY,
        doc_type=Document.Type.REGULATION,
        number="23",
        symbol="23-QĐ/TW",
        symbol_key="23-QD/TW",
        identity_key="party|TW|2020-2025|QD|23",
        issuer_name="Bộ Chính trị",
        issued_on=dt.date(2021, 7, 30),
        title="về công tác dân vận của hệ thống chính trị",
        party_term="2020-2025",
    )


def members() -> list[MemberInput]:
    return [
        MemberInput(name="Nguyễn Văn Trưởng", position="Trưởng ban", role=Role.HEAD),
        MemberInput(name="Trần Thị Dân Vận", position="Chuyên viên", role=Role.MEMBER),
        MemberInput(name="Lê Thị Thư", position="Chuyên viên", role=Role.SECRETARY),
    ]


@pytest.fixture
def delegation(world: World, regulation: Document, frozen: None) -> Delegation:
    c0, c1, _c2 = world.committees
    return delegation_create(
        actor=world.commission_officer,
        unit=world.commission,
        kind=Delegation.Kind.INSPECTION,
        title="việc thực hiện Quy định 23-QĐ/TW năm 2026",
        starts_on=dt.date(2026, 3, 16),
        ends_on=dt.date(2026, 3, 27),
        members=members(),
        visits=[
            VisitInput(c0, dt.date(2026, 3, 16)),
            VisitInput(c1, dt.date(2026, 3, 18)),
        ],
        subject_document=regulation,
    )

"""The directives permissions (who directs which units) and the numbering of outgoing documents."""

import datetime as dt
import io

import pytest
from django.test import override_settings
from docx import Document as DocxDocument

from danvan.core import docx_layout
from danvan.directives.services.numbering import (
    is_party_body,
    number_take,
    party_abbreviation,
    party_term,
)
from danvan.directives.tests.conftest import World, make_user
from danvan.units.models import RoleAssignment, Unit

pytestmark = pytest.mark.django_db


def test_the_provincial_commission_directs_every_commune_of_its_province(world: World) -> None:
    # Given the commission officer (the commission hangs under the Tỉnh ủy, under the province)
    officer = world.commission_officer
    # Then they direct the communes' committees, the commission itself and the province
    for unit in [*world.committees, world.commission, world.province]:
        assert officer.has_perm("directives.manage", unit), unit
    # But not a unit of another province
    other = Unit.objects.create(code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY)
    assert not officer.has_perm("directives.manage", other)


def test_a_commune_officer_acts_only_for_their_own_unit(world: World) -> None:
    # Given the handler of the first commune's People's Committee
    officer = world.commune_officers[0]
    # Then they act for it, not for the second commune, and manage nothing
    assert officer.has_perm("directives.act_for_unit", world.committees[0])
    assert not officer.has_perm("directives.act_for_unit", world.committees[1])
    assert not officer.has_perm("directives.manage", world.committees[0])
    # A handler is staff, so reads the register; a citizen does not
    assert officer.has_perm("directives.read_register")
    assert not world.citizen.has_perm("directives.read_register")


def test_a_commune_head_directs_the_bodies_of_their_commune_only(world: World) -> None:
    # Given the head of a commune's People's Committee
    head = make_user("chu-tich", "Chủ tịch xã", world.committees[0], RoleAssignment.Role.HEAD)
    # Then the People's Committee's remit is the commune: its own bodies, not the province
    assert head.has_perm("directives.manage", world.committees[0])
    assert head.has_perm("directives.manage", world.communes[0])
    assert not head.has_perm("directives.manage", world.committees[1])
    assert not head.has_perm("directives.manage", world.commission)


def test_a_department_directs_only_its_own_subtree(world: World) -> None:
    # Given the head of a provincial department
    department = Unit.objects.create(
        code="VN-33-SNV", name="Sở Nội vụ", kind=Unit.Kind.DEPARTMENT, parent=world.province
    )
    head = make_user("giam-doc", "Giám đốc Sở", department, RoleAssignment.Role.HEAD)
    # Then it does not direct the communes (a department is not a directing body)
    assert head.has_perm("directives.manage", department)
    assert not head.has_perm("directives.manage", world.committees[0])


def test_inactive_accounts_and_roles_give_nothing(world: World) -> None:
    officer = world.commission_officer
    RoleAssignment.objects.filter(user=officer).update(is_active=False)
    officer.refresh_from_db()
    fresh = type(officer).objects.get(pk=officer.pk)
    assert not fresh.has_perm("directives.manage", world.committees[0])


def test_state_bodies_number_per_calendar_year(world: World) -> None:
    committee = world.committees[0]
    first = number_take(unit=committee, type_abbreviation="BC", issued_on=dt.date(2026, 12, 31))
    second = number_take(unit=committee, type_abbreviation="", issued_on=dt.date(2026, 12, 31))
    next_year = number_take(unit=committee, type_abbreviation="BC", issued_on=dt.date(2027, 1, 1))
    assert first.symbol == "01/BC-UBND"
    assert first.text == "Số: 01/BC-UBND"
    # A công văn has no type segment and shares the year's running number
    assert second.symbol == "02/UBND"
    assert next_year.symbol == "01/BC-UBND"


def test_party_bodies_number_per_type_for_the_whole_term(world: World) -> None:
    commission = world.commission
    assert is_party_body(commission)
    assert party_abbreviation(commission) == "BTGDVTU"
    assert party_abbreviation(world.party_committee) == "TU"
    first = number_take(unit=commission, type_abbreviation="BC", issued_on=dt.date(2026, 12, 31))
    # Not reset on 1 January: the term runs on
    second = number_take(unit=commission, type_abbreviation="BC", issued_on=dt.date(2027, 1, 2))
    letter = number_take(unit=commission, type_abbreviation="CV", issued_on=dt.date(2027, 1, 2))
    assert (first.symbol, second.symbol) == ("01-BC/BTGDVTU", "02-BC/BTGDVTU")
    assert second.text == "Số 02-BC/BTGDVTU"
    # Each type has its own series
    assert letter.symbol == "01-CV/BTGDVTU"


@override_settings(
    DANVAN={"PARTY_TERMS": [("2020-2025", "2020-01-01"), ("2025-2030", "2025-07-01")]}
)
def test_a_new_term_starts_the_party_numbers_again(world: World) -> None:
    assert party_term(dt.date(2025, 6, 30)) == "2020-2025"
    assert party_term(dt.date(2025, 7, 1)) == "2025-2030"
    assert party_term(dt.date(2019, 1, 1)) == "2020-2025"
    old = number_take(unit=world.commission, type_abbreviation="BC", issued_on=dt.date(2025, 6, 1))
    new = number_take(unit=world.commission, type_abbreviation="BC", issued_on=dt.date(2025, 8, 1))
    assert old.symbol == new.symbol == "01-BC/BTGDVTU"


def test_the_party_frame_prints_the_party_head_and_no_motto(world: World) -> None:
    document = docx_layout.document_a4()
    superior, issuing = docx_layout.party_body_lines(world.commission)
    assert (superior, issuing) == ("TỈNH ỦY HƯNG YÊN", "BAN TUYÊN GIÁO VÀ DÂN VẬN")
    docx_layout.party_header_block(
        document,
        superior=superior,
        issuing=issuing,
        number_line="Số 01-BC/BTGDVTU",
        date_line="Hưng Yên, ngày 05 tháng 12 năm 2026",
    )
    buffer = io.BytesIO()
    document.save(buffer)
    cells = DocxDocument(io.BytesIO(buffer.getvalue())).tables[0].rows[0].cells
    text = "\n".join(cell.text for cell in cells)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text
    assert "Số 01-BC/BTGDVTU" in text
    assert docx_layout.MOTTO not in text


def test_party_committee_heads(world: World) -> None:
    assert docx_layout.party_body_lines(world.party_committee) == (
        "ĐẢNG BỘ TỈNH HƯNG YÊN",
        "TỈNH ỦY",
    )
    commune_committee = Unit.objects.create(
        code="VN-33-001-DU",
        name="Đảng ủy xã Tiên Lữ",
        kind=Unit.Kind.PARTY_COMMITTEE,
        parent=world.communes[0],
    )
    assert docx_layout.party_body_lines(commune_committee) == (
        "ĐẢNG BỘ TỈNH HƯNG YÊN",
        "ĐẢNG ỦY XÃ TIÊN LỮ",
    )
    assert party_abbreviation(commune_committee) == "ĐU"
    lines = docx_layout.party_signature_lines(
        world.commission, docx_layout.Signer("Nguyễn Văn A", "Phó Trưởng ban")
    )
    assert lines == ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"]
    assert docx_layout.party_signature_lines(commune_committee, None) == [
        "T/M BAN THƯỜNG VỤ",
        "BÍ THƯ",
    ]

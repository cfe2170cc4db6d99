"""The duty table as data, and who owes it."""

import datetime as dt

import pytest

from danvan.petitions.selectors.schedule import (
    RECEPTION_DUTIES,
    DutyHolder,
    Period,
    is_deputy_title,
    reception_duty_for,
    reception_duty_holders,
)
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


def test_commune_chairman_owed_a_day_a_week_until_law_136_then_two_days_a_month(
    commune_committee: Unit,
) -> None:
    before = reception_duty_for(unit=commune_committee, on=dt.date(2026, 6, 30))
    after = reception_duty_for(unit=commune_committee, on=dt.date(2026, 7, 1))
    assert before is not None
    assert after is not None
    assert (before.holder, before.days, before.period) == (
        DutyHolder.COMMUNE_CHAIRMAN,
        1,
        Period.WEEK,
    )
    assert (after.days, after.period, after.may_delegate) == (2, Period.MONTH, False)
    assert "136/2025/QH15" in after.legal_basis
    assert before.may_delegate


@pytest.mark.parametrize(
    ("kind", "parent_kind", "holder"),
    [
        (Unit.Kind.PEOPLES_COMMITTEE, Unit.Kind.PROVINCE, DutyHolder.PROVINCE_CHAIRMAN),
        (Unit.Kind.PEOPLES_COMMITTEE, Unit.Kind.WARD, DutyHolder.COMMUNE_CHAIRMAN),
        (Unit.Kind.PEOPLES_COMMITTEE, Unit.Kind.SPECIAL_ZONE, DutyHolder.COMMUNE_CHAIRMAN),
        (Unit.Kind.DEPARTMENT, Unit.Kind.PROVINCE, DutyHolder.AGENCY_HEAD),
        (Unit.Kind.MINISTRY, Unit.Kind.COUNTRY, DutyHolder.AGENCY_HEAD),
        (Unit.Kind.PUBLIC_UNIT, Unit.Kind.PROVINCE, DutyHolder.PUBLIC_UNIT_HEAD),
        (Unit.Kind.PEOPLES_COMMITTEE, Unit.Kind.VILLAGE, None),
        (Unit.Kind.PARTY_COMMITTEE, Unit.Kind.PROVINCE, None),
        (Unit.Kind.FATHERLAND_FRONT, Unit.Kind.COMMUNE, None),
    ],
)
def test_each_kind_of_unit_gets_its_duty(
    kind: str, parent_kind: str, holder: DutyHolder | None
) -> None:
    parent = Unit.objects.create(code=f"P-{parent_kind}", name="Nơi", kind=parent_kind)
    unit = Unit.objects.create(code=f"U-{kind}", name="Cơ quan", kind=kind, parent=parent)
    duty = reception_duty_for(unit=unit, on=dt.date(2026, 11, 2))
    assert (duty.holder if duty else None) == holder
    if duty is not None:
        assert duty.days == (2 if holder == DutyHolder.COMMUNE_CHAIRMAN else 1)
        assert str(duty.holder_label)
        assert duty.description


def test_public_service_units_owe_the_duty_from_decree_154() -> None:
    parent = Unit.objects.create(code="VN-01", name="Hà Nội", kind=Unit.Kind.CITY)
    unit = Unit.objects.create(
        code="VN-01-bv", name="Bệnh viện", kind=Unit.Kind.PUBLIC_UNIT, parent=parent
    )
    assert reception_duty_for(unit=unit, on=dt.date(2026, 6, 30)) is None
    duty = reception_duty_for(unit=unit, on=dt.date(2026, 7, 1))
    assert duty is not None
    assert "154/2026" in duty.legal_basis


def test_a_unit_without_parent_has_no_commune_or_province_duty() -> None:
    orphan = Unit.objects.create(code="X", name="X", kind=Unit.Kind.PEOPLES_COMMITTEE)
    assert reception_duty_for(unit=orphan, on=dt.date(2026, 11, 2)) is None


def test_the_table_has_no_overlapping_rules() -> None:
    for day in (dt.date(2014, 7, 1), dt.date(2026, 6, 30), dt.date(2026, 7, 1)):
        holders = [d.holder for d in RECEPTION_DUTIES if d.in_force(day)]
        assert len(holders) == len(set(holders))


def test_deputies_do_not_owe_the_head_s_duty(
    commune_committee: Unit, chairman: User, deputy: User
) -> None:
    assert is_deputy_title("Phó Chủ tịch")
    assert is_deputy_title("PHÓ GIÁM ĐỐC")
    assert not is_deputy_title("Chủ tịch")
    assert not is_deputy_title("Phòng tiếp dân")  # "phong", not "pho"
    assert not is_deputy_title("")
    holders = reception_duty_holders(unit=commune_committee)
    assert [h.user for h in holders] == [chairman]
    RoleAssignment.objects.filter(user=chairman).update(is_active=False)
    assert reception_duty_holders(unit=commune_committee) == []

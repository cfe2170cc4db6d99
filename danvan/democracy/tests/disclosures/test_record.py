"""disclosure_record: the service other areas call, and the deadline it sets (Art 12(3),
Art 47: 5 working days after the decision, on the engine's calendar)."""

import datetime as dt

import pytest

from danvan.audit.models import AuditEntry
from danvan.democracy.models import Disclosure
from danvan.democracy.services.disclosures import (
    COMMUNITY_DECISION_RESULT,
    disclosure_due_date,
    disclosure_record,
)
from danvan.democracy.tests.conftest import Commune
from danvan.democracy.tests.disclosures.conftest import Agency

pytestmark = pytest.mark.django_db


def test_a_decision_on_friday_before_the_national_day_is_due_on_9_september(
    commune: Commune,
) -> None:
    """Fri 28/8/2026. Sat 29, Sun 30 weekend; Mon 31/8, Tue 1/9, Wed 2/9 the National Day
    holidays; Thu 3 (1), Fri 4 (2), weekend, Mon 7 (3), Tue 8 (4), Wed 9/9 (5)."""
    # given the calendar in force
    # when a community decision's result is recorded for disclosure
    item = disclosure_record(
        unit=commune.commune,
        category=COMMUNITY_DECISION_RESULT,
        title="Kết quả biểu quyết làm đường thôn Đông Tảo",
        decided_on=dt.date(2026, 8, 28),
        actor=commune.handler,
        document_number="12/QĐ-UBND",
    )
    # then it is due five working days later, on 9 September 2026
    assert item.due_on == dt.date(2026, 9, 9)
    assert item.document_number == "12/QĐ-UBND"
    assert item.posting_days == 30
    assert not item.permanent
    assert AuditEntry.objects.filter(verb="democracy_disclosure.create").count() == 1


def test_the_culture_day_off_moves_an_agency_deadline(agency: Agency) -> None:
    """Fri 20/11/2026. Mon 23 (1); Tue 24/11 Vietnam Culture Day, off; Wed 25 (2),
    Thu 26 (3), Fri 27 (4), weekend, Mon 30/11 (5)."""
    # when an agency records a personnel decision of Friday 20 November
    item = disclosure_record(
        unit=agency.unit,
        category="agency_06",
        title="Quyết định bổ nhiệm phó trưởng phòng",
        decided_on=dt.date(2026, 11, 20),
        actor=agency.officer,
    )
    # then it is due on Monday 30 November, posted 20 days (Art 48)
    assert item.due_on == dt.date(2026, 11, 30)
    assert item.posting_days == 20
    assert item.loudspeaker_days is None
    assert disclosure_due_date(unit=agency.unit, decided_on=dt.date(2026, 11, 20)) == item.due_on


def test_recording_twice_gives_back_the_same_item(commune: Commune) -> None:
    # given an item already recorded
    first = disclosure_record(
        unit=commune.commune,
        category="commune_07",
        title="Danh sách hộ nghèo năm 2027",
        decided_on=dt.date(2026, 12, 1),
        actor=commune.handler,
    )
    # when the same call comes again, with the title spaced differently
    second = disclosure_record(
        unit=commune.commune,
        category="commune_07",
        title="  Danh sách  hộ nghèo năm 2027 ",
        decided_on=dt.date(2026, 12, 1),
        actor=commune.head,
    )
    # then there is still one item, with the loudspeaker and village heads (Art 13(3)-(4))
    assert second.pk == first.pk
    assert Disclosure.objects.count() == 1
    assert first.loudspeaker_days == 3
    assert first.village_heads
    assert first.forms == ["a", "b", "c", "d"]


def test_items_4_and_13_are_permanent(commune: Commune) -> None:
    item = disclosure_record(
        unit=commune.commune,
        category="commune_13",
        title="Bộ thủ tục hành chính cấp xã",
        decided_on=dt.date(2026, 7, 1),
        actor=commune.handler,
    )
    assert item.permanent
    assert item.posting_days is None

"""The pre-fill registry and the figures this app counts (petitions, reception book,
consultations) for a unit and the units below it, in a period."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError

from danvan.directives import prefill
from danvan.directives.models import Indicator
from danvan.directives.services import reports_prefill as sources
from danvan.directives.tests.reports.conftest import (
    NOW,
    Q3_END,
    Q3_START,
    VN,
    ReportsWorld,
    default_template,
    seed_book_entry,
    seed_case,
    seed_consultation,
)
from danvan.units.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    """Counted on 1 October 2026, the day after the quarter (figures must not depend on it)."""
    with time_machine.travel(NOW, tick=False):
        yield


def count(code: str, unit: Unit) -> prefill.PrefillFigure:
    figure = prefill.source_count(code, unit=unit, period_start=Q3_START, period_end=Q3_END)
    assert figure is not None
    return figure


# ------------------------------------------------------------------ the registry


def test_this_app_registers_its_sources_on_first_use() -> None:
    codes = [source.code for source in prefill.sources()]
    assert codes[:6] == [
        "citizens_received",
        "petitions_received",
        "petitions_resolved",
        "petitions_on_time",
        "consultations_held",
        "consultation_opinions",
    ]
    assert prefill.source_choices()[0][0] == ""


def test_another_app_registers_a_source_and_templates_may_name_it(rw: ReportsWorld) -> None:
    # given issue 7's emulation app registering its count of "Dân vận khéo" models
    def models_registered(unit: Unit, start: dt.date, end: dt.date) -> tuple[int, str]:
        return 3, f"Tự động từ sổ mô hình Dân vận khéo: 3 mô hình ({unit.name})"

    prefill.register_source("models_registered", "Dân vận khéo models", models_registered)
    try:
        # when an indicator names it
        template = default_template(rw)
        indicator = Indicator(
            template=template,
            position=99,
            code="mo-hinh",
            label="Mô hình",
            source="models_registered",
        )
        indicator.full_clean()
        # then it counts through the registry
        figure = count("models_registered", rw.committees[0])
        assert figure.value == Decimal(3)
        assert "Xã Tiên Lữ" in figure.note
    finally:
        prefill.unregister_source("models_registered")
    # and once unregistered the code is refused again, and counts nothing
    with pytest.raises(ValidationError):
        indicator.full_clean()
    assert (
        prefill.source_count(
            "models_registered", unit=rw.committees[0], period_start=Q3_START, period_end=Q3_END
        )
        is None
    )


@pytest.mark.parametrize("code", ["", "a" * 65, "bad code", "trùng"])
def test_a_bad_source_code_cannot_be_registered(code: str) -> None:
    with pytest.raises(ValueError, match="invalid pre-fill source code"):
        prefill.register_source(code, "x", lambda unit, start, end: (0, ""))


def test_the_indicator_source_is_validated_against_the_registry(rw: ReportsWorld) -> None:
    template = default_template(rw)
    indicator = Indicator(template=template, position=50, code="x", label="X", source="nothing")
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "source" in error.value.message_dict
    indicator.source = ""
    indicator.full_clean()  # entered by the unit: always valid


# ------------------------------------------------------------------ petitions


def test_petitions_received_count_letters_of_the_unit_and_below_in_the_period(
    rw: ReportsWorld,
) -> None:
    committee = rw.committees[0]
    commune = rw.world.communes[0]
    # given letters received by the commune's committee in the quarter, one before, one
    # after, one split into two cases, and one received by another commune
    for day in (Q3_START, dt.date(2026, 8, 15), Q3_END):
        seed_case(unit=committee, received_on=day)
    seed_case(unit=committee, received_on=dt.date(2026, 6, 30))
    seed_case(unit=committee, received_on=dt.date(2026, 10, 1))
    letter = seed_case(unit=committee, received_on=dt.date(2026, 9, 1))
    seed_case(unit=committee, received_on=dt.date(2026, 9, 1), split_from=letter)
    seed_case(unit=rw.committees[1], received_on=dt.date(2026, 8, 1))
    # when the committee's figure is counted, and the commune's (its committee is below it)
    figure = count(sources.PETITIONS_RECEIVED, committee)
    # then the four letters of the quarter count, once each
    assert figure.value == 4
    assert figure.note == "Tự động từ sổ tiếp nhận đơn: 4 đơn, 01/07–30/09/2026"
    assert count(sources.PETITIONS_RECEIVED, commune).value == 4
    assert count(sources.PETITIONS_RECEIVED, rw.world.province).value == 5


def test_a_forwarded_petition_counts_as_received_by_the_receiver_and_resolved_by_the_handler(
    rw: ReportsWorld,
) -> None:
    first, second = rw.committees[0], rw.committees[1]
    seed_case(
        unit=second,
        receiving_unit=first,
        received_on=dt.date(2026, 7, 10),
        answered_on=dt.date(2026, 8, 1),
        due_on=dt.date(2026, 8, 20),
    )
    assert count(sources.PETITIONS_RECEIVED, first).value == 1
    assert count(sources.PETITIONS_RECEIVED, second).value == 0
    assert count(sources.PETITIONS_RESOLVED, first).value == 0
    assert count(sources.PETITIONS_RESOLVED, second).value == 1


def test_resolved_and_on_time_count_first_answers_sent_in_the_period(rw: ReportsWorld) -> None:
    committee = rw.committees[0]
    # on time, late, answered before the quarter, answered after, from the backlog, no due date
    seed_case(
        unit=committee,
        received_on=dt.date(2026, 7, 2),
        answered_on=dt.date(2026, 7, 20),
        due_on=dt.date(2026, 7, 31),
    )
    seed_case(
        unit=committee,
        received_on=dt.date(2026, 7, 2),
        answered_on=dt.date(2026, 9, 30),
        due_on=dt.date(2026, 8, 31),
    )
    early = seed_case(
        unit=committee,
        received_on=dt.date(2026, 5, 2),
        answered_on=dt.date(2026, 6, 20),
        due_on=dt.date(2026, 6, 30),
    )
    seed_case(
        unit=committee,
        received_on=dt.date(2026, 9, 2),
        answered_on=dt.date(2026, 10, 2),
        due_on=dt.date(2026, 10, 30),
    )
    seed_case(
        unit=committee,
        received_on=dt.date(2026, 4, 2),
        answered_on=dt.date(2026, 7, 1),
        due_on=dt.date(2026, 7, 1),
    )
    seed_case(unit=committee, received_on=dt.date(2026, 8, 2), answered_on=dt.date(2026, 8, 3))
    # a second answer in the quarter to the case first answered in June does not count
    from danvan.petitions.models import CaseEvent

    CaseEvent.objects.create(
        case=early,
        kind=CaseEvent.Kind.ANSWER_SENT,
        occurred_at=dt.datetime(2026, 7, 5, 9, tzinfo=VN),
        occurred_on=dt.date(2026, 7, 5),
    )
    resolved = count(sources.PETITIONS_RESOLVED, committee)
    on_time = count(sources.PETITIONS_ON_TIME, committee)
    assert resolved.value == 4
    assert resolved.note == (
        "Tự động từ sổ xử lý đơn: 4 vụ việc đã có văn bản trả lời, 01/07–30/09/2026"
    )
    assert on_time.value == 2
    assert on_time.note == "Tự động từ sổ xử lý đơn: 2/4 vụ việc trả lời đúng hạn, 01/07–30/09/2026"


def test_citizens_received_count_visits_and_name_the_people(rw: ReportsWorld) -> None:
    committee = rw.committees[0]
    seed_book_entry(unit=committee, received_on=dt.date(2026, 7, 6), sequence=1, people=3)
    seed_book_entry(unit=committee, received_on=dt.date(2026, 9, 30), sequence=2)
    seed_book_entry(unit=committee, received_on=dt.date(2026, 10, 1), sequence=3)
    figure = count(sources.CITIZENS_RECEIVED, committee)
    assert figure.value == 2
    assert figure.note == "Tự động từ sổ tiếp công dân: 2 lượt (4 người), 01/07–30/09/2026"
    empty = count(sources.CITIZENS_RECEIVED, rw.committees[1])
    assert empty.value == 0
    assert empty.note.startswith("Tự động từ sổ tiếp công dân: 0 lượt (0 người), ")


def test_large_counts_use_vietnamese_grouping_and_periods_across_years(rw: ReportsWorld) -> None:
    assert sources._number(1234) == "1.234"
    assert sources._number(1234567) == "1.234.567"
    # counts in running text take no leading zero (document numbers do, counts do not)
    assert [sources._number(n) for n in (0, 5, 42)] == ["0", "5", "42"]
    assert sources.period_text(dt.date(2025, 12, 1), dt.date(2026, 2, 28)) == (
        "01/12/2025–28/02/2026"
    )


# ------------------------------------------------------------------ consultations


def test_consultations_and_opinions_in_the_period_local_days(rw: ReportsWorld) -> None:
    committee = rw.committees[0]
    citizen = rw.world.citizen
    officer = rw.commune_officers[1]
    # opened at 00:30 on 1 July in Vietnam (still 30 June in UTC): inside the quarter
    seed_consultation(
        unit=committee,
        opens_at=dt.datetime(2026, 7, 1, 0, 30, tzinfo=VN),
        comments=[
            (citizen, dt.datetime(2026, 7, 2, 8, tzinfo=VN), True),
            (citizen, dt.datetime(2026, 7, 3, 8, tzinfo=VN), True),
            (officer, dt.datetime(2026, 9, 30, 23, 50, tzinfo=VN), True),
            (officer, dt.datetime(2026, 8, 1, 8, tzinfo=VN), False),  # hidden: spam
            (citizen, dt.datetime(2026, 10, 1, 0, 10, tzinfo=VN), True),  # after the quarter
        ],
    )
    # one opened before the quarter, and a draft never opened
    seed_consultation(
        unit=committee, opens_at=dt.datetime(2026, 6, 30, 23, 0, tzinfo=VN), comments=[]
    )
    from danvan.consultations.models import Consultation

    Consultation.objects.create(
        title="Nháp", slug="nhap", unit=committee, opens_at=dt.datetime(2026, 8, 1, tzinfo=VN)
    )
    held = count(sources.CONSULTATIONS_OPENED, committee)
    opinions = count(sources.CONSULTATION_OPINIONS, committee)
    assert held.value == 1
    assert held.note == "Tự động từ mục lấy ý kiến: 1 cuộc lấy ý kiến mở trong kỳ, 01/07–30/09/2026"
    assert opinions.value == 3
    assert opinions.note == (
        "Tự động từ mục lấy ý kiến: 3 ý kiến góp ý của 2 người, 01/07–30/09/2026"
    )

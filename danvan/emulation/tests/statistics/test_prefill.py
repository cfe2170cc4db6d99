"""What the registry gives the directives' periodic reports, counted from the known data."""

import datetime as dt

from django.utils import timezone

from danvan.directives.prefill import source_choices, source_count
from danvan.emulation import prefill
from danvan.emulation.models import ExemplarEvent
from danvan.emulation.tests.statistics.conftest import Registry
from danvan.units.models import Unit


def figure(code: str, unit: Unit, start: dt.date, end: dt.date) -> tuple[int, str]:
    counted = source_count(code, unit=unit, period_start=start, period_end=end)
    assert counted is not None
    return int(counted.value), counted.note


def test_sources_are_registered(db: None) -> None:
    codes = {code for code, _label in source_choices()}
    assert {prefill.REGISTERED, prefill.RECOGNISED, prefill.IN_FORCE} <= codes


def test_in_force_at_the_end_of_the_period(registry: Registry) -> None:
    # given the provincial commission's report for the first half of 2026
    unit = registry.world.provincial_commission
    # then A, D, E, F, G, H are in force on 30 June (C was removed on 1 March)
    value, note = figure(prefill.IN_FORCE, unit, dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    assert value == 6
    assert (
        note
        == "Tự động từ sổ “Dân vận khéo”: 6 mô hình, điển hình đang duy trì đến ngày 30/06/2026"
    )
    # and on 28 February C still was
    value, _note = figure(prefill.IN_FORCE, unit, dt.date(2026, 1, 1), dt.date(2026, 2, 28))
    assert value == 7


def test_recognised_by_decision_date(registry: Registry) -> None:
    # the commune Party committee answers for the commune: A was recognised on 15/12/2024
    unit = registry.world.commune_party
    value, note = figure(prefill.RECOGNISED, unit, dt.date(2024, 12, 1), dt.date(2024, 12, 31))
    assert value == 1
    assert "01/12–31/12/2024" in note
    assert figure(prefill.RECOGNISED, unit, dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0] == 0
    # the province's F was recognised in 2026
    province = registry.world.provincial_commission
    assert figure(prefill.RECOGNISED, province, dt.date(2026, 1, 1), dt.date(2026, 12, 31))[0] == 1


def test_registered_by_history_entry_or_creation(registry: Registry) -> None:
    # given A's registration recorded in its history on 10/01/2024
    ExemplarEvent.objects.create(
        exemplar=registry.a,
        kind=ExemplarEvent.EventKind.REGISTERED,
        at=dt.datetime(2024, 1, 10, 3, tzinfo=dt.UTC),
    )
    unit = registry.world.commune_committee
    # then A counts in January 2024
    value, note = figure(prefill.REGISTERED, unit, dt.date(2024, 1, 1), dt.date(2024, 1, 31))
    assert value == 1
    assert note.startswith("Tự động từ sổ “Dân vận khéo”: 1 mô hình, điển hình đăng ký")
    # and the rows with no history count on the day they were written (today), A no longer
    today = timezone.localdate()
    assert figure(prefill.REGISTERED, unit, today, today)[0] == 4  # B, C, D, E

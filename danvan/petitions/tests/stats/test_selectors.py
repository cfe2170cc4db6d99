"""Statistics selectors: periods, the cohort figures and every roll-up."""

import datetime as dt
from typing import Any

import pytest
from django.http import Http404

from danvan.petitions.selectors.stats import (
    Period,
    PeriodKind,
    StatsRow,
    months_between,
    report_signer,
    unit_get_for_stats,
    unit_stats,
    user_may_read_stats,
)
from danvan.petitions.tests.stats.conftest import TODAY, World, staff
from danvan.units.models import RoleAssignment, Unit, User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("period", "start", "end", "label_vi", "slug"),
    [
        (Period(PeriodKind.MONTH, 2026, 2), dt.date(2026, 2, 1), dt.date(2026, 2, 28),
         "tháng 02 năm 2026", "thang-02-2026"),
        (Period(PeriodKind.MONTH, 2028, 2), dt.date(2028, 2, 1), dt.date(2028, 2, 29),
         "tháng 02 năm 2028", "thang-02-2028"),
        (Period(PeriodKind.MONTH, 2026, 12), dt.date(2026, 12, 1), dt.date(2026, 12, 31),
         "tháng 12 năm 2026", "thang-12-2026"),
        (Period(PeriodKind.QUARTER, 2026, 4), dt.date(2026, 10, 1), dt.date(2026, 12, 31),
         "quý IV năm 2026", "quy-04-2026"),
        (Period(PeriodKind.QUARTER, 2026, 1), dt.date(2026, 1, 1), dt.date(2026, 3, 31),
         "quý I năm 2026", "quy-01-2026"),
        (Period(PeriodKind.YEAR, 2026), dt.date(2026, 1, 1), dt.date(2026, 12, 31),
         "năm 2026", "2026"),
    ],
)  # fmt: skip
def test_periods_are_calendar_months_quarters_and_fiscal_years(
    period: Period, start: dt.date, end: dt.date, label_vi: str, slug: str
) -> None:
    assert (period.start, period.end) == (start, end)
    assert period.label_vi == label_vi
    assert period.slug == slug
    assert str(period.year) in period.label


def test_period_containing_a_day() -> None:
    day = dt.date(2026, 11, 26)
    assert Period.containing(day) == Period(PeriodKind.MONTH, 2026, 11)
    assert Period.containing(day, PeriodKind.QUARTER) == Period(PeriodKind.QUARTER, 2026, 4)
    assert Period.containing(day, PeriodKind.YEAR) == Period(PeriodKind.YEAR, 2026, 1)


def test_months_between_crosses_the_year() -> None:
    assert months_between(dt.date(2025, 11, 15), dt.date(2026, 2, 3)) == [
        dt.date(2025, 11, 1),
        dt.date(2025, 12, 1),
        dt.date(2026, 1, 1),
        dt.date(2026, 2, 1),
    ]


def test_rates_are_none_without_a_base() -> None:
    empty = StatsRow(key="x", label="x")
    assert empty.on_time_rate is None
    assert empty.satisfaction_rate is None
    assert empty.resolution_rate is None
    row = StatsRow(key="y", label="y")
    row.add(dict.fromkeys(StatsRow.COUNTS, 1))
    assert row.resolution_rate == 100.0
    assert row.rated == 3
    assert row.resolved_late == 0
    assert row.on_time_rate == 100.0
    assert row.satisfaction_rate == pytest.approx(33.3)


def _figures(row: StatsRow) -> dict[str, Any]:
    return {name: getattr(row, name) for name in StatsRow.COUNTS}


def test_commune_month_counts_the_cohort(world: World) -> None:
    # when the November figures of the Khoái Châu committee are read on 26/11
    nov = Period(PeriodKind.MONTH, 2026, 11)
    stats = unit_stats(unit=world.commune_committee, start=nov.start, end=nov.end, today=TODAY)
    # then received, accepted, resolved, on time, overdue and ratings are those of the cohort
    assert _figures(stats.total) == {
        "received": 6,
        "accepted": 3,
        "resolved": 2,
        "resolved_on_time": 1,
        "overdue_open": 1,
        "satisfied": 1,
        "partly_satisfied": 0,
        "not_satisfied": 1,
    }
    assert stats.total.on_time_rate == 50.0
    assert stats.total.satisfaction_rate == 50.0
    assert [row.label for row in stats.by_month] == ["11/2026"]


def test_province_rolls_up_the_units_below(world: World, province: Unit) -> None:
    # when the province's figures for November are read
    nov = Period(PeriodKind.MONTH, 2026, 11)
    stats = unit_stats(unit=province, start=nov.start, end=nov.end, today=TODAY)
    # then every unit below counts, grouped under the province's direct children
    assert stats.total.received == 9
    assert stats.total.resolved == 3
    assert stats.total.resolved_on_time == 2
    assert stats.total.overdue_open == 2
    assert {row.key: row.received for row in stats.by_unit} == {
        "VN-12205": 6,
        "VN-11953": 2,
        "VN-33-ubnd": 1,
    }
    assert {row.key: row.received for row in stats.by_kind} == {
        "petition": 4,
        "complaint": 2,
        "denunciation": 1,
        "mixed": 1,
        "anonymous_report": 1,
    }
    fields = {row.label: row.received for row in stats.by_field}
    assert fields["Đất đai"] == 4
    assert fields["Giao thông"] == 2
    assert sum(fields.values()) == 9
    assert len(fields) == 3


def test_year_and_quarter_windows(world: World) -> None:
    unit = world.commune_committee
    year = Period(PeriodKind.YEAR, 2026)
    stats = unit_stats(unit=unit, start=year.start, end=year.end, today=TODAY)
    assert stats.total.received == 8
    assert len(stats.by_month) == 12
    assert {row.key: row.received for row in stats.by_month if row.received} == {
        "2026-03": 1,
        "2026-10": 1,
        "2026-11": 6,
    }
    q4 = Period(PeriodKind.QUARTER, 2026, 4)
    assert unit_stats(unit=unit, start=q4.start, end=q4.end, today=TODAY).total.received == 7
    q1 = Period(PeriodKind.QUARTER, 2026, 1)
    assert unit_stats(unit=unit, start=q1.start, end=q1.end, today=TODAY).total.received == 1


def test_a_unit_with_its_own_cases_and_children_keeps_its_own_row(
    world: World, commune: Unit
) -> None:
    # given cases handled by the commune (a place) itself and by its committee below it
    from danvan.petitions.tests.stats.conftest import make_case

    make_case(commune, received=dt.date(2026, 11, 4))
    nov = Period(PeriodKind.MONTH, 2026, 11)
    stats = unit_stats(unit=commune, start=nov.start, end=nov.end, today=TODAY)
    assert {row.key: row.received for row in stats.by_unit} == {
        "VN-12205": 1,
        "VN-12205-ubnd": 6,
    }


def test_the_root_of_the_tree_counts_every_case(world: World, province: Unit) -> None:
    country = Unit.objects.create(code="VN", name="Việt Nam", kind=Unit.Kind.COUNTRY)
    Unit.objects.filter(pk=province.pk).update(parent=country)
    for unit in Unit.objects.exclude(pk=country.pk):
        unit.save()  # rebuild the paths under the new root
    nov = Period(PeriodKind.MONTH, 2026, 11)
    stats = unit_stats(unit=country, start=nov.start, end=nov.end, today=TODAY)
    assert stats.total.received == 9
    assert [row.key for row in stats.by_unit] == ["VN-33"]


def test_stats_are_one_query_for_the_cohort(
    world: World, province: Unit, django_assert_max_num_queries: Any
) -> None:
    nov = Period(PeriodKind.MONTH, 2026, 11)
    # subtree; savepoint, (PostgreSQL: jit off), cohort, release; fields; children; paths
    with django_assert_max_num_queries(8):
        unit_stats(unit=province, start=nov.start, end=nov.end, today=TODAY)


def test_staff_of_the_unit_or_above_may_read_others_get_404(
    world: World, province: Unit, citizen: User
) -> None:
    commune_handler = staff("canbo", world.commune_committee)
    province_head = staff("lanhdao", province, RoleAssignment.Role.HEAD)
    commission = staff("bandanvan", province, RoleAssignment.Role.COMMISSION_STAFF)
    other = staff("phuong", world.other_committee, RoleAssignment.Role.RECEPTION_OFFICER)
    code = world.commune_committee.code
    assert unit_get_for_stats(user=commune_handler, code=code) == world.commune_committee
    assert unit_get_for_stats(user=province_head, code=code) == world.commune_committee
    assert unit_get_for_stats(user=commission, code=code) == world.commune_committee
    for outsider in (other, citizen):
        with pytest.raises(Http404):
            unit_get_for_stats(user=outsider, code=code)
    with pytest.raises(Http404):
        unit_get_for_stats(user=commune_handler, code=province.code)
    with pytest.raises(Http404):
        unit_get_for_stats(user=province_head, code="khong-co")
    # an inactive role opens nothing
    RoleAssignment.objects.filter(user=commune_handler).update(is_active=False)
    fresh = User.objects.get(pk=commune_handler.pk)
    assert not user_may_read_stats(user=fresh, unit=world.commune_committee)


def test_report_signer_is_the_first_active_head(world: World) -> None:
    unit = world.commune_committee
    assert report_signer(unit=unit) is None
    head = staff("chutich", unit, RoleAssignment.Role.HEAD)
    RoleAssignment.objects.filter(user=head).update(title="Chủ tịch")
    staff("phochutich", unit, RoleAssignment.Role.HEAD)
    signer = report_signer(unit=unit)
    assert signer is not None
    assert (signer.name, signer.title) == ("Chutich", "Chủ tịch")

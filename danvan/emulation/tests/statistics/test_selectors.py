"""The figures, counted from the known registry of conftest.py."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.emulation.models import Field, Kind, Level
from danvan.emulation.selectors.statistics import (
    YearFigures,
    scope_statistics,
    year_series,
)
from danvan.emulation.tests.statistics.conftest import Registry


def test_province_year_figures(registry: Registry) -> None:
    # given the known registry
    # when the province's 2026 statistics are counted
    stats = scope_statistics(registry.world.province, 2026)
    # then new = D, E, F, H; in force = A, D, E, F, G, H; a year earlier A, C, G
    assert stats.current == YearFigures(
        year=2026,
        new=4,
        in_force=6,
        recognised=1,
        outstanding=1,
        removed=1,
        replicated=1,
        previous_in_force=3,
    )
    assert stats.current.change == 3


def test_series_compares_previous_years(registry: Registry) -> None:
    # when five years are counted for the province
    series = year_series(registry.world.province, 2026)
    # then each year has its own figures, oldest first
    assert [(f.year, f.new, f.in_force, f.removed, f.recognised) for f in series] == [
        (2022, 0, 0, 0, 0),
        (2023, 1, 1, 0, 0),
        (2024, 1, 2, 0, 1),
        (2025, 2, 3, 1, 0),
        (2026, 4, 6, 1, 1),
    ]
    assert [f.change for f in series] == [0, 1, 1, 1, 3]


def test_series_length_is_configurable(registry: Registry) -> None:
    series = year_series(registry.world.province, 2025, years=2)
    assert [f.year for f in series] == [2024, 2025]
    assert series[0].previous_in_force == 1


def test_country_counts_every_province(registry: Registry) -> None:
    stats = scope_statistics(registry.world.country, 2026)
    assert (stats.current.new, stats.current.in_force) == (5, 7)
    by_unit = {row.label: row for row in stats.by_unit}
    assert by_unit["Tỉnh Hưng Yên"].in_force == 6
    assert by_unit["Thành phố Hà Nội"].new == 1


def test_commune_counts_by_place_and_by_unit_when_no_place(registry: Registry) -> None:
    # when the commune of Khoái Châu is counted (D has no place: counted by its unit)
    stats = scope_statistics(registry.world.commune, 2026)
    # then A, D and E are in force; A and C were a year earlier
    assert (stats.current.new, stats.current.in_force, stats.current.change) == (2, 3, 1)
    assert stats.current.removed == 1


def test_breakdowns_by_field_level_and_kind(registry: Registry) -> None:
    stats = scope_statistics(registry.world.province, 2026)
    fields = {row.key: (row.new, row.in_force, row.recognised) for row in stats.by_field}
    assert fields == {
        Field.ECONOMY: (2, 4, 0),  # new E, H; in force A, E, G, H
        Field.CULTURE_SOCIETY: (0, 0, 0),
        Field.DEFENCE_SECURITY: (1, 1, 0),
        Field.PARTY_BUILDING: (1, 1, 1),
    }
    levels = {
        row.key: (row.new, row.in_force, row.removed, row.recognised) for row in stats.by_level
    }
    assert levels == {
        Level.COMMUNE: (2, 4, 0, 0),
        Level.PROVINCIAL: (2, 2, 1, 1),
        Level.CENTRAL: (0, 0, 0, 0),
    }
    kinds = {row.key: row.in_force for row in stats.by_kind}
    assert kinds == {Kind.MODEL: 5, Kind.EXAMPLE: 1}
    cell = stats.field_level[(Field.ECONOMY, Level.PROVINCIAL)]
    assert (cell.new, cell.in_force, cell.removed) == (1, 1, 1)


def test_by_unit_under_a_province(registry: Registry, english: None) -> None:
    stats = scope_statistics(registry.world.province, 2026)
    rows = [(r.label, r.new, r.in_force, r.recognised, r.removed) for r in stats.by_unit]
    assert rows == [
        ("Phường Phố Hiến", 1, 2, 1, 0),
        ("Xã Khoái Châu", 2, 3, 0, 1),
        ("Agencies and units of Tỉnh Hưng Yên itself", 1, 1, 0, 0),
    ]


def test_earlier_year_ignores_later_rows(registry: Registry) -> None:
    # a model removed in 2026 was still in force at the end of 2025
    stats = scope_statistics(registry.world.province, 2025)
    assert (stats.current.new, stats.current.in_force, stats.current.removed) == (2, 3, 1)
    levels = {row.key: row.in_force for row in stats.by_level}
    assert levels[Level.PROVINCIAL] == 1  # C


def test_query_count_does_not_grow_with_rows(registry: Registry) -> None:
    # given the page's figures counted once
    with CaptureQueriesContext(connection) as first:
        scope_statistics(registry.world.province, 2026)
    # when many more models are registered
    from danvan.emulation.tests.conftest import make_exemplar

    for n in range(30):
        make_exemplar(registry.world.commune_committee, title=f"Thêm {n}", year=2026)
    with CaptureQueriesContext(connection) as second:
        stats = scope_statistics(registry.world.province, 2026)
    # then the same number of queries counts them
    assert stats.current.new == 34
    assert len(second.captured_queries) == len(first.captured_queries) == 9

"""The data migration seeds exactly the overrides the engine knows."""

import importlib

import pytest

from danvan.deadlines.engine import KNOWN_OVERRIDES
from danvan.deadlines.models import HolidayOverride

pytestmark = pytest.mark.django_db


def test_seed_rows_equal_the_engine_constant() -> None:
    seed = importlib.import_module("danvan.deadlines.migrations.0002_seed_2026_holiday_overrides")
    from_migration = {(date, kind, name, seed.BASIS) for date, kind, name in seed.ROWS}
    from_engine = {(o.date, o.kind.value, o.name, o.legal_basis) for o in KNOWN_OVERRIDES}
    assert from_migration == from_engine


def test_seeded_rows_are_in_the_database() -> None:
    rows = {(r.date, r.kind, r.year, r.legal_basis) for r in HolidayOverride.objects.all()}
    assert rows == {(o.date, o.kind.value, o.date.year, o.legal_basis) for o in KNOWN_OVERRIDES}


def test_seed_is_reversible_and_idempotent() -> None:
    from django.apps import apps
    from django.db import connection

    seed = importlib.import_module("danvan.deadlines.migrations.0002_seed_2026_holiday_overrides")
    seed.unseed(apps, connection.schema_editor())
    assert not HolidayOverride.objects.exists()
    seed.seed(apps, None)
    seed.seed(apps, None)
    assert HolidayOverride.objects.count() == len(KNOWN_OVERRIDES)

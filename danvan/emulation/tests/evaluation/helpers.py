"""Helpers of the evaluation tests: known criteria (instead of the data migration's) and the
committees of the fixture's people."""

from typing import Any

from danvan.emulation.models import Criterion, Exemplar
from danvan.emulation.selectors.evaluation import Committee, committees_for
from danvan.units.models import User


def make_criteria() -> list[Criterion]:
    """Two criteria of 10 points; the first must be met, the third is for examples only.
    The migration's default criteria (present when tests run with migrations) are replaced,
    so the tests know every criterion in use."""
    Criterion.objects.all().delete()
    return [
        Criterion.objects.create(
            code="muc-tieu", name="Mục tiêu", max_points=10, is_required=True, position=1
        ),
        Criterion.objects.create(code="hieu-qua", name="Hiệu quả", max_points=10, position=2),
        Criterion.objects.create(
            code="guong-mau",
            name="Gương mẫu",
            max_points=10,
            position=3,
            applies_to=Criterion.AppliesTo.EXAMPLE,
        ),
    ]


def committee(user: User, exemplar: Exemplar) -> Committee:
    return committees_for(user, exemplar)[0]


def points(criteria: list[Criterion], *values: int) -> dict[int, int]:
    return {c.pk: v for c, v in zip(criteria, values, strict=False)}


def recognition_values(**overrides: Any) -> dict[str, Any]:
    import datetime as dt

    values: dict[str, Any] = {
        "level": "provincial",
        "year": 2026,
        "decision_number": "125-QĐ/BDVTU",
        "decision_date": dt.date(2026, 12, 10),
        "is_outstanding": False,
    }
    values.update(overrides)
    return values

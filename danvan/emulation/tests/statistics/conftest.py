"""Known data for the statistics tests (every figure in the tests is counted from here).

Province Hưng Yên (the ``world`` fixture), year by year:

- 2023: G (Phố Hiến, economy) registered; in force since.
- 2024: A (Khoái Châu, economy, commune level) registered and recognised at commune level.
- 2025: B (Khoái Châu, culture) registered and removed on 20/12/2025; C (Khoái Châu,
  economy, provincial level) registered, removed on 01/03/2026.
- 2026: D (Khoái Châu, defence, an individual example, no ``place``: counted by its unit);
  E (Khoái Châu, economy) replicated from A; F (Phố Hiến, party building, provincial level)
  recognised at provincial level, outstanding; H (the provincial commission, place the
  province itself, economy, provincial level).
- Elsewhere: I (another province, 2026) — never counted in Hưng Yên.
"""

import datetime as dt
from dataclasses import dataclass

import pytest

from danvan.emulation.models import Exemplar, Field, Kind, Level, Recognition
from danvan.emulation.tests.conftest import World, make_exemplar
from danvan.units.models import Unit

REMOVED = Exemplar.Status.REMOVED
RECOGNISED = Exemplar.Status.RECOGNISED


@dataclass
class Registry:
    world: World
    other_province: Unit
    other_province_commune: Unit
    a: Exemplar
    c: Exemplar
    f: Exemplar


def recognise(exemplar: Exemplar, level: str, year: int, issuer: Unit, outstanding: bool) -> None:
    Recognition.objects.create(
        exemplar=exemplar,
        level=level,
        year=year,
        decision_number=f"{exemplar.pk}-QĐ/BDVTU",
        decision_date=dt.date(year, 12, 15),
        issuer=issuer,
        is_outstanding=outstanding,
    )


@pytest.fixture
def registry(world: World) -> Registry:
    w = world
    unit = w.commune_committee
    make_exemplar(w.other_committee, title="G", year=2023, period_start=dt.date(2023, 2, 1))
    a = make_exemplar(
        unit,
        title="A",
        year=2024,
        status=RECOGNISED,
        recognised_level=Level.COMMUNE,
        recognised_year=2024,
    )
    recognise(a, Level.COMMUNE, 2024, w.commune_party, outstanding=False)
    make_exemplar(
        unit,
        title="B",
        year=2025,
        field=Field.CULTURE_SOCIETY,
        status=REMOVED,
        removed_on=dt.date(2025, 12, 20),
        removed_reason="Không hiệu quả.",
    )
    c = make_exemplar(
        unit,
        title="C",
        year=2025,
        level=Level.PROVINCIAL,
        status=REMOVED,
        removed_on=dt.date(2026, 3, 1),
        removed_reason="Không duy trì.",
    )
    make_exemplar(
        unit,
        title="D",
        year=2026,
        field=Field.DEFENCE_SECURITY,
        kind=Kind.EXAMPLE,
        place=None,
        person_name="Nguyễn Văn Bảo",
        person_title="Trưởng thôn Đông Tảo",
    )
    make_exemplar(unit, title="E", year=2026, replicated_from=a)
    f = make_exemplar(
        w.other_committee,
        title="F",
        year=2026,
        field=Field.PARTY_BUILDING,
        level=Level.PROVINCIAL,
        status=RECOGNISED,
        recognised_level=Level.PROVINCIAL,
        recognised_year=2026,
        is_outstanding=True,
    )
    recognise(f, Level.PROVINCIAL, 2026, w.provincial_commission, outstanding=True)
    make_exemplar(
        w.provincial_commission, title="H", year=2026, level=Level.PROVINCIAL, place=w.province
    )
    other_province = Unit.objects.create(
        code="VN-01", name="Thành phố Hà Nội", kind=Unit.Kind.CITY, parent=w.country
    )
    other_commune = Unit.objects.create(
        code="VN-00004", name="Phường Ba Đình", kind=Unit.Kind.WARD, parent=other_province
    )
    make_exemplar(other_commune, title="I", year=2026)
    return Registry(w, other_province, other_commune, a, c, f)

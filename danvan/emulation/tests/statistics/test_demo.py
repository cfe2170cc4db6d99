"""The demo registry of Hưng Yên: five years of models, idempotent, and reset cleanly."""

import datetime as dt

import time_machine
from PIL import Image

from danvan.demo import cast
from danvan.demo.emulation import (
    DEMO_TITLES,
    cover_png,
    demo_emulation_reset,
    demo_emulation_seed,
)
from danvan.demo.pytest_fixtures import demo_world  # noqa: F401 - the fixture
from danvan.demo.selectors import DemoPlaces
from danvan.demo.services import demo_world_reset
from danvan.emulation.models import (
    Attachment,
    Evaluation,
    Exemplar,
    ExemplarEvent,
    Field,
    Level,
    Recognition,
)
from danvan.emulation.selectors.statistics import scope_statistics
from danvan.units.models import User

NOW = dt.datetime(2026, 11, 26, 2, tzinfo=dt.UTC)


def counts() -> tuple[int, int, int, int, int]:
    return (
        Exemplar.objects.count(),
        Evaluation.objects.count(),
        Recognition.objects.count(),
        ExemplarEvent.objects.count(),
        Attachment.objects.count(),
    )


@time_machine.travel(NOW, tick=False)
def test_seed_builds_five_years_and_runs_twice(demo_world: DemoPlaces) -> None:  # noqa: F811
    # when the registry is seeded
    report = demo_emulation_seed()
    first = counts()
    # then there are models for each year 2022–2026 in every field and level used
    years = set(Exemplar.objects.values_list("year", flat=True))
    assert years == {2022, 2023, 2024, 2025, 2026}
    assert set(Exemplar.objects.values_list("field", flat=True)) == set(Field.values)
    assert {Level.COMMUNE, Level.PROVINCIAL} <= set(
        Exemplar.objects.values_list("level", flat=True)
    )
    assert report.exemplars == first[0] > 50
    # completed years are evaluated, this year's not yet
    assert not Evaluation.objects.filter(year=2026).exists()
    assert Evaluation.objects.filter(year=2025).count() > 20
    # some removed with a reason, some replicated, some outstanding, with decision numbers
    removed = Exemplar.objects.filter(status=Exemplar.Status.REMOVED)
    assert removed.exists()
    assert all("Qua đánh giá cuối năm" in e.removed_reason for e in removed)
    assert Exemplar.objects.filter(replicated_from__isnull=False).exists()
    assert Recognition.objects.filter(is_outstanding=True).exists()
    assert Recognition.objects.filter(decision_number__endswith="-QĐ/BDVTU").exists()
    assert Recognition.objects.filter(decision_number__endswith="-QĐ/ĐU").exists()
    # the provincially recognised have a generated PNG cover
    cover = Attachment.objects.filter(is_cover=True).first()
    assert cover is not None
    assert cover.content_type == "image/png"
    with cover.file.open("rb") as handle:
        assert Image.open(handle).size == (640, 360)
    # the statistics of the province count them
    stats = scope_statistics(demo_world.province, 2026)
    assert stats.current.new == Exemplar.objects.filter(year=2026).count()
    assert stats.current.in_force > stats.current.new
    # when it runs again, nothing is doubled
    again = demo_emulation_seed()
    assert again.exemplars == 0
    assert counts() == first


@time_machine.travel(NOW, tick=False)
def test_reset_removes_what_the_seed_made(demo_world: DemoPlaces) -> None:  # noqa: F811
    demo_emulation_seed()
    assert demo_emulation_reset() > 0
    assert not Exemplar.objects.filter(title__in=DEMO_TITLES).exists()
    assert counts() == (0, 0, 0, 0, 0)
    # and the seed can run again afterwards
    assert demo_emulation_seed().exemplars > 0


def test_cover_is_a_png_card() -> None:
    data = cover_png(Field.ECONOMY, "Mô hình “Thắp sáng đường quê”")
    assert data.startswith(b"\x89PNG")


def test_nothing_to_seed_or_reset_without_the_map(db: None) -> None:
    assert demo_emulation_seed().exemplars == 0
    assert demo_emulation_reset() == 0


@time_machine.travel(NOW, tick=False)
def test_demo_world_reset_removes_the_models_before_the_cast(demo_world: DemoPlaces) -> None:  # noqa: F811
    # given the seeded registry, whose rows name the commission's officer (PROTECT)
    demo_emulation_seed()
    # when the whole demo is reset
    demo_world_reset()
    # then the models went first, so the cast could go too
    assert not Exemplar.objects.exists()
    assert not User.objects.filter(username=cast.COMMISSION_STAFF.username).exists()


@time_machine.travel(NOW, tick=False)
def test_demo_models_are_searchable_without_diacritics(demo_world: DemoPlaces) -> None:  # noqa: F811
    demo_emulation_seed()
    assert Exemplar.objects.filter(search_text__contains="thap sang duong que").exists()

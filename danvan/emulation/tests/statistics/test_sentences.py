"""The report's sentences: plural forms, numbers in the language's style, the change."""

import pytest
from django.utils import translation

from danvan.emulation.selectors.statistics import (
    YearFigures,
    _child_code,
    format_number,
    scope_phrase,
    statistics_sentences,
)
from danvan.emulation.tests.conftest import World
from danvan.units.models import Unit

REPORT = YearFigures(
    year=2026,
    new=421,
    in_force=1635,
    recognised=118,
    outstanding=12,
    removed=9,
    previous_in_force=1359,
)


def test_english_sentence_of_a_provincial_report(world: World, english: None) -> None:
    # when the province's figures are put into words
    sentences = statistics_sentences(world.province, REPORT)
    # then the report's sentence reads as a report, with grouped numbers
    assert sentences[0] == (
        "In 2026, the province had 421 new models and examples; 1,635 models and examples "
        "in force in all, 276 more than in 2025."
    )
    assert sentences[1] == (
        "118 models and examples were recognised during the year, 12 of them outstanding; "
        "9 were removed as ineffective."
    )


def test_english_singular_and_decrease(world: World, english: None) -> None:
    figures = YearFigures(
        year=2024, new=1, in_force=1, recognised=1, removed=1, previous_in_force=3, replicated=1
    )
    sentences = statistics_sentences(world.commune, figures)
    assert sentences[0] == (
        "In 2024, the commune had 1 new model or example; 1 model or example in force in "
        "all, 2 fewer than in 2023."
    )
    assert "1 model or example was recognised" in sentences[1]
    assert "1 was removed as ineffective" in sentences[1]
    assert sentences[2] == "1 of the new models was replicated from a model elsewhere."


@pytest.mark.parametrize(
    ("previous", "ending"),
    [(5, "the same as in 2025."), (None, "in force in all.")],
)
def test_english_unchanged_or_no_previous_year(
    world: World, english: None, previous: int | None, ending: str
) -> None:
    figures = YearFigures(year=2026, new=0, in_force=5, previous_in_force=previous)
    assert statistics_sentences(world.country, figures)[0].endswith(ending)
    assert "the whole country" in statistics_sentences(world.country, figures)[0]


def test_vietnamese_numbers_use_a_dot_and_years_are_not_grouped(world: World) -> None:
    # when the sentence is written in Vietnamese
    with translation.override("vi"):
        sentence = statistics_sentences(world.province, REPORT)[0]
        formatted = format_number(1635)
    # then thousands are grouped with a dot, and the years stay as written
    assert formatted == "1.635"
    assert "1.635" in sentence
    assert "2026" in sentence
    assert "2025" in sentence
    assert "2.026" not in sentence


def test_english_numbers_use_a_comma() -> None:
    with translation.override("en"):
        assert format_number(1234567) == "1,234,567"


@pytest.mark.parametrize(
    ("kind", "phrase"),
    [
        (Unit.Kind.COUNTRY, "the whole country"),
        (Unit.Kind.PROVINCE, "the province"),
        (Unit.Kind.CITY, "the city"),
        (Unit.Kind.COMMUNE, "the commune"),
        (Unit.Kind.WARD, "the ward"),
        (Unit.Kind.SPECIAL_ZONE, "the special zone"),
        (Unit.Kind.VILLAGE, "Thôn Đông"),
    ],
)
def test_scope_phrase_names_the_kind_of_place(english: None, kind: str, phrase: str) -> None:
    assert scope_phrase(Unit(code="X", name="Thôn Đông", kind=kind)) == phrase


def test_child_code_of_paths() -> None:
    province = Unit(code="VN-33", name="Tỉnh", kind=Unit.Kind.PROVINCE, path="VN/VN-33")
    assert _child_code(province, "VN/VN-33/VN-12205/VN-12205-ubnd") == "VN-12205"
    assert _child_code(province, "VN/VN-33") == ""
    assert _child_code(province, "VN/VN-01/VN-00004") is None
    assert _child_code(province, None) is None

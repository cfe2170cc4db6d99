"""The SVG charts: valid XML, accessible, the numbers as text, no style attributes."""

import xml.etree.ElementTree as ET

import pytest

from danvan.emulation.charts import CHARTS, Series, bar_chart, chart_svg, wrap
from danvan.emulation.selectors.statistics import scope_statistics
from danvan.emulation.tests.statistics.conftest import Registry

NS = "{http://www.w3.org/2000/svg}"


def parse(document: str) -> ET.Element:
    return ET.fromstring(document.encode())  # noqa: S314 - our own output, not untrusted


def description(root: ET.Element) -> str:
    desc = root.find(f"{NS}desc")
    assert desc is not None
    return desc.text or ""


@pytest.mark.parametrize("kind", list(CHARTS))
def test_chart_is_valid_accessible_svg(registry: Registry, english: None, kind: str) -> None:
    # given the province's statistics
    stats = scope_statistics(registry.world.province, 2026)
    # when the chart is drawn
    document = chart_svg(kind, stats)
    root = parse(document)
    # then it is an SVG image with a title and a description it points to
    assert root.tag == f"{NS}svg"
    assert root.get("role") == "img"
    title = root.find(f"{NS}title")
    assert title is not None
    assert root.get("aria-label") == title.text
    desc = root.find(f"{NS}desc")
    assert desc is not None
    assert root.get("aria-describedby") == desc.get("id")
    # and nothing the page's CSP would block
    assert all(element.get("style") is None for element in root.iter())
    assert root.find(f"{NS}style") is None


def test_years_chart_shows_each_year_and_number(registry: Registry, english: None) -> None:
    stats = scope_statistics(registry.world.province, 2026)
    root = parse(chart_svg("years", stats))
    texts = [element.text for element in root.iter(f"{NS}text")]
    # each year's label, then its new and in-force numbers
    assert texts[2:5] == ["2022", "0", "0"]
    assert texts[-3:] == ["2026", "4", "6"]
    assert "2026: New: 4, In force: 6." in description(root)


def test_field_chart_escapes_and_labels(registry: Registry, english: None) -> None:
    stats = scope_statistics(registry.world.province, 2026)
    root = parse(chart_svg("fields", stats))
    texts = [" ".join(element.itertext()) for element in root.iter(f"{NS}text")]
    assert "Economy" in texts
    # the long label wraps onto two lines of the same text element
    assert "Building the Party and the political system" in texts
    assert "Tỉnh Hưng Yên" in (root.get("aria-label") or "")


def test_levels_chart_has_recognised_series(registry: Registry, english: None) -> None:
    stats = scope_statistics(registry.world.province, 2026)
    root = parse(chart_svg("levels", stats))
    texts = [element.text for element in root.iter(f"{NS}text")]
    assert texts[:3] == ["New", "In force", "Recognised"]
    # Provincial level: new 2, in force 2, recognised 1
    index = texts.index("Provincial level")
    assert texts[index + 1 : index + 4] == ["2", "2", "1"]


def test_wrap_breaks_between_words() -> None:
    assert wrap("Xây dựng Đảng và hệ thống chính trị", 20) == [
        "Xây dựng Đảng và hệ",
        "thống chính trị",
    ]
    assert wrap("Kinh tế") == ["Kinh tế"]
    assert wrap("") == [""]


def test_legend_wraps_when_names_are_long() -> None:
    series = [Series("Đang duy trì đến cuối năm", [1], "#000000")] * 3
    root = parse(
        bar_chart(element_id="c", title="t", description="d", categories=["A"], series=series)
    )
    legend_rows = {rect.get("y") for rect in root.iter(f"{NS}rect") if rect.get("width") == "14"}
    assert len(legend_rows) == 3
